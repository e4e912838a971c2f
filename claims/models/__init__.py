"""Claims, consensus entries and conflicts, the explainer workflow, revisions and the audit log."""
from .audit import AuditEntry
from .builds import ConsensusBuild
from .claims import Alias, Claim, ClaimKind
from .consensus import Conflict, ConflictVariant, ConsensusEntry, EntryClaim
from .workflow import Draft, Revision, Section

__all__ = [
    "Alias",
    "AuditEntry",
    "Claim",
    "ClaimKind",
    "Conflict",
    "ConflictVariant",
    "ConsensusBuild",
    "ConsensusEntry",
    "Draft",
    "EntryClaim",
    "Revision",
    "Section",
]
