"""The claims admin, one module per concept: the review queue, conflicts, aliases, drafts, revisions, audit, builds."""
from . import aliases, audit, builds, conflicts, drafts, entries, revisions  # noqa: F401
