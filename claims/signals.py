"""Signals other parts of the project listen to; the domain does not know who they are."""
from django.dispatch import Signal

# Sent after the transaction that published a revision has committed; ``slug`` is the explainer's slug.
explainer_published = Signal()
