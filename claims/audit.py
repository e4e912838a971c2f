"""Writing the audit log: one call per recorded action, marked as the demo when the scripted demo runs."""
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from articles.models import Explainer
from claims.models import AuditEntry

_demo: ContextVar[bool] = ContextVar("claims_audit_demo", default=False)


class Verb:
    """What an audit entry records; stored as plain strings so old entries stay readable."""

    ENTRY_APPROVED = "entry approved"
    ENTRY_REJECTED = "entry rejected"
    ENTRY_EDITED = "entry edited"
    ENTRIES_MERGED = "entries merged"
    ENTRY_SPLIT = "entry split"
    CLAIM_ATTACHED = "claim attached"
    CONFLICT_RESOLVED = "conflict resolved"
    CONFLICT_DISMISSED = "conflict dismissed"
    CONFLICT_REOPENED = "conflict reopened"
    ALIAS_CONFIRMED = "alias confirmed"
    ALIAS_REJECTED = "alias rejected"
    ALIAS_ADDED = "alias added"
    ALIAS_CHANGED = "alias changed"
    DRAFT_EDITED = "draft edited"
    DRAFT_ARRANGED = "entries arranged"
    DRAFT_REOPENED = "draft reopened"
    SUBMITTED = "submitted for review"
    SENT_BACK = "sent back"
    PUBLISHED = "published"
    ARTICLE_IMPORTED = "article imported"
    ARTICLE_UPDATED = "article updated"
    ARTICLE_DETAILS_EDITED = "article details edited"  # title, publisher, author, URL or date corrected
    ARTICLE_DELETED = "article deleted"
    FRAGMENT_RESTORED = "fragment restored"  # page noise put back into an article's body
    FRAGMENT_REMOVED = "fragment removed again"
    EXPLAINER_RENAMED = "explainer renamed"  # a new public address; the old one sends readers on
    BUILD_SUCCEEDED = "consensus build succeeded"  # by the background worker, or on the command line


@contextmanager
def demo_mode() -> Iterator[None]:
    """Everything recorded inside this block is marked as done by the scripted demo."""
    token = _demo.set(True)
    try:
        yield
    finally:
        _demo.reset(token)


def audit_record(
    *, explainer: Explainer | int, actor, verb: str, note: str = "", entry=None, conflict=None, data: dict | None = None
) -> AuditEntry:
    """Record that ``actor`` did ``verb`` (with ``note``) to the explainer, or to one of its entries or conflicts."""
    explainer_id = explainer if isinstance(explainer, int) else explainer.pk
    return AuditEntry.objects.create(
        explainer_id=explainer_id,
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        note=note or "",
        entry=entry,
        conflict=conflict,
        data=data or {},
        is_demo=_demo.get(),
    )
