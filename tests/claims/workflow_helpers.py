"""Steps through the editorial workflow that tests of several services take before the part they check."""
from articles.models import Explainer
from claims.models import ConsensusEntry, Draft
from claims.services.publishing import explainer_submit
from claims.services.review import entry_approve


def approve(entries: list[ConsensusEntry], user) -> None:
    """Approve every entry in ``entries`` as ``user``."""
    for entry in entries:
        entry_approve(entry=entry, user=user)


def submitted(explainer: Explainer, entries: list[ConsensusEntry], editor) -> Draft:
    """Approve ``entries`` and submit the explainer's draft for review, as ``editor``."""
    approve(entries, editor)
    return explainer_submit(explainer=explainer, user=editor, note="Ready")
