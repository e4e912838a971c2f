"""Signals other parts of the project listen to; the articles app does not know who they are."""
from django.dispatch import Signal

# Sent inside the transaction that changed an article's text, so a listener's writes commit or roll back with it.
# Arguments: ``article``; ``change``, one of "imported", "updated", "fragment restored", "fragment removed again",
# "deleted" (sent just before the row is deleted); ``user`` (None for the command line); ``note``.
article_changed = Signal()

# Sent inside the transaction that gave an explainer a new slug (its public address). Arguments: ``explainer``
# (already renamed), ``old_slug``, ``user``.
explainer_renamed = Signal()
