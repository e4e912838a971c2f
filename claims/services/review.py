"""Reviewing consensus entries: approve, reject, edit, merge, split, and attach a claim by hand.

Each service checks the editor may review the explainer, re-reads the entry with a version check
(``claims.services.locking``), saves, writes the audit entry, and reopens a published draft.
"""
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.locking import explainer_lock
from claims import permissions
from claims.audit import Verb, audit_record
from claims.markdown import markdown_length_check, render_markdown, statement_html
from claims.models import AuditEntry, Claim, Conflict, ConsensusEntry, EntryClaim
from claims.services.drafts import reopen_draft
from claims.services.locking import STALE_ENTRY, fresh_row, save_versioned


def _support_count(entry: ConsensusEntry) -> int:
    return (
        Claim.objects.filter(supports__entry=entry).values("article_id").distinct().count()
    )


def _entry_current(entry: ConsensusEntry, expected_version: int | None) -> ConsensusEntry:
    return fresh_row(entry, expected_version=expected_version, stale=STALE_ENTRY,
                  gone=_("This entry no longer exists (it may have been merged into another); reload the list."))


def _published(entry: ConsensusEntry) -> bool:
    """Whether the entry is part of what would be published (only approved entries are): a change to any other
    entry leaves a submitted or published draft as it is."""
    return entry.status == ConsensusEntry.Status.APPROVED


@transaction.atomic
def entry_approve(*, entry: ConsensusEntry, user, expected_version: int | None = None, note: str = "") -> ConsensusEntry:
    """Approve an entry so it goes into the explainer."""
    permissions.require_review(user, entry.explainer)
    explainer_lock(entry.explainer_id)
    entry = _entry_current(entry, expected_version)
    if entry.status == ConsensusEntry.Status.APPROVED:
        raise ValidationError(_("This entry is already approved."))
    save_versioned(entry, stale=STALE_ENTRY, status=ConsensusEntry.Status.APPROVED, decided_by=user,
                    decided_at=timezone.now())
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.ENTRY_APPROVED, note=note, entry=entry,
                 data={"statement": entry.statement, "support": entry.support})
    reopen_draft(entry.explainer, user)
    return entry


@transaction.atomic
def entry_reject(*, entry: ConsensusEntry, user, expected_version: int | None = None, note: str = "") -> ConsensusEntry:
    """Reject an entry: it stays listed for the record but never goes into the explainer."""
    permissions.require_review(user, entry.explainer)
    explainer_lock(entry.explainer_id)
    entry = _entry_current(entry, expected_version)
    if entry.status == ConsensusEntry.Status.REJECTED:
        raise ValidationError(_("This entry is already rejected."))
    was_published = _published(entry)
    save_versioned(entry, stale=STALE_ENTRY, status=ConsensusEntry.Status.REJECTED, decided_by=user,
                    decided_at=timezone.now())
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.ENTRY_REJECTED, note=note, entry=entry,
                 data={"statement": entry.statement})
    if was_published:
        reopen_draft(entry.explainer, user)
    return entry


@transaction.atomic
def entry_edit(
    *, entry: ConsensusEntry, user, statement: str, kind: str | None = None, expected_version: int | None = None,
    note: str = "",
) -> ConsensusEntry:
    """Rewrite an entry's canonical statement (markdown) or change its kind; rebuilds keep the rewrite."""
    permissions.require_review(user, entry.explainer)
    explainer_lock(entry.explainer_id)
    entry = _entry_current(entry, expected_version)
    statement = (statement or "").strip()
    if not statement:
        raise ValidationError(_("The statement cannot be empty; reject the entry instead."))
    kind = kind or entry.kind
    if statement == entry.statement and kind == entry.kind:
        return entry
    if statement != entry.statement:
        markdown_length_check(statement)  # a statement already that long may keep it while its kind changes
    old = {"statement": entry.statement, "kind": entry.kind}
    changes = {"kind": kind}
    if statement != entry.statement:
        changes.update(statement=statement, statement_html=render_markdown(statement), statement_edited=True)
    save_versioned(entry, stale=STALE_ENTRY, **changes)
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.ENTRY_EDITED, note=note, entry=entry,
                 data={"old": old, "new": {"statement": entry.statement, "kind": entry.kind}})
    if _published(entry):
        reopen_draft(entry.explainer, user)
    return entry


@transaction.atomic
def entry_edit_and_decide(
    *, entry: ConsensusEntry, user, approve: bool, statement: str, kind: str | None = None,
    expected_version: int | None = None,
) -> ConsensusEntry:
    """Approve (or reject) an entry with the statement and kind the editor has on screen: the entry page's
    Approve and Reject buttons carry the edits made there, which are saved first, in the same transaction."""
    entry = entry_edit(entry=entry, user=user, statement=statement, kind=kind, expected_version=expected_version)
    decide = entry_approve if approve else entry_reject
    return decide(entry=entry, user=user, expected_version=entry.version)


@transaction.atomic
def entries_merge(
    *, entries: Iterable[ConsensusEntry], user, into: ConsensusEntry | None = None, note: str = ""
) -> ConsensusEntry:
    """Merge two or more entries of one explainer into one; the others' claims and conflicts move to it.

    The entry kept is ``into``, or else the best supported. The merged-away entries are deleted; their
    audit history moves to the kept entry.
    """
    ids = {e.pk for e in entries} | ({into.pk} if into else set())
    current = list(ConsensusEntry.objects.select_related("explainer").filter(pk__in=ids).order_by("-support", "position", "id"))
    if len(current) < 2:
        raise ValidationError(_("Choose at least two entries to merge."))
    if len({e.explainer_id for e in current}) > 1:
        raise ValidationError(_("Only entries of the same explainer can be merged."))
    explainer = current[0].explainer
    permissions.require_review(user, explainer)
    explainer_lock(explainer.pk)
    target = next((e for e in current if into and e.pk == into.pk), current[0])
    others = [e for e in current if e.pk != target.pk]

    held = set(EntryClaim.objects.filter(entry=target).values_list("claim_id", flat=True))
    for support in EntryClaim.objects.filter(entry__in=others).order_by("id"):
        if support.claim_id not in held:
            EntryClaim.objects.create(entry=target, claim_id=support.claim_id, score=support.score, pinned=True)
            held.add(support.claim_id)
    EntryClaim.objects.filter(entry=target).update(pinned=True)
    Conflict.objects.filter(entry__in=others).update(entry=target)
    AuditEntry.objects.filter(entry__in=others).update(entry=target)
    merged = [{"id": e.pk, "statement": e.statement, "status": e.status} for e in others]
    for other in others:
        if ConsensusEntry.objects.filter(pk=other.pk, version=other.version).delete()[0] == 0:
            raise ValidationError(STALE_ENTRY)
    save_versioned(target, stale=STALE_ENTRY, support=_support_count(target))
    audit_record(explainer=explainer, actor=user, verb=Verb.ENTRIES_MERGED, note=note, entry=target,
                 data={"merged": merged, "support": target.support})
    if any(_published(e) for e in current):
        reopen_draft(explainer, user)
    return target


@transaction.atomic
def entry_split(
    *, entry: ConsensusEntry, claims: Iterable[Claim], user, statement: str = "", expected_version: int | None = None,
    note: str = "",
) -> ConsensusEntry:
    """Move ``claims`` out of ``entry`` into a new proposed entry, which is returned."""
    permissions.require_review(user, entry.explainer)
    explainer_lock(entry.explainer_id)
    entry = _entry_current(entry, expected_version)
    claim_ids = {c.pk for c in claims}
    held = set(EntryClaim.objects.filter(entry=entry).values_list("claim_id", flat=True))
    if not claim_ids:
        raise ValidationError(_("Choose the claims to split out."))
    if not claim_ids <= held:
        raise ValidationError(_("Only claims that support this entry can be split out of it."))
    if claim_ids == held:
        raise ValidationError(_("Splitting out every claim would leave this entry empty; leave at least one."))
    moving = list(Claim.objects.filter(pk__in=claim_ids).order_by("article_id", "start"))
    written = (statement or "").strip()  # the editor's markdown, or else the first claim's own words
    markdown_length_check(written)
    statement = written or moving[0].text
    # The passages split out say something else: their own kind, not the entry's (most of them; a tie goes to the
    # passage the new entry is stated as).
    kinds = Counter(c.kind for c in moving)
    kind = max(kinds, key=lambda k: (kinds[k], k == moving[0].kind))
    new = ConsensusEntry.objects.create(
        explainer=entry.explainer, statement=statement, kind=kind, statement_edited=bool(written),
        statement_html=statement_html(statement, edited=bool(written)),
        position=entry.position, support=len({c.article_id for c in moving}),
    )
    EntryClaim.objects.filter(entry=entry, claim_id__in=claim_ids).delete()
    EntryClaim.objects.bulk_create(EntryClaim(entry=new, claim=c, pinned=True) for c in moving)
    EntryClaim.objects.filter(entry=entry).update(pinned=True)
    save_versioned(entry, stale=STALE_ENTRY, support=_support_count(entry))
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.ENTRY_SPLIT, note=note, entry=entry,
                 data={"new_entry": new.pk, "claims": sorted(claim_ids)})
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.ENTRY_SPLIT, note=note, entry=new,
                 data={"split_from": entry.pk, "claims": sorted(claim_ids)})
    if _published(entry):
        reopen_draft(entry.explainer, user)
    return new


@transaction.atomic
def claim_attach(
    *, claim: Claim, entry: ConsensusEntry, user, expected_version: int | None = None, note: str = ""
) -> ConsensusEntry:
    """Attach a claim to an entry by hand (pinned, so rebuilds keep it); it leaves any entry it supported before."""
    permissions.require_review(user, entry.explainer)
    explainer_lock(entry.explainer_id)
    entry = _entry_current(entry, expected_version)
    claim = Claim.objects.select_related("article").get(pk=claim.pk)
    if claim.article.explainer_id != entry.explainer_id:
        raise ValidationError(_("That claim comes from a source of another explainer."))
    if EntryClaim.objects.filter(entry=entry, claim=claim).exists():
        raise ValidationError(_("That claim already supports this entry."))
    # Locked, so two editors moving the last two claims out of one entry cannot both pass the check below.
    previous = list(ConsensusEntry.objects.select_for_update().filter(
        pk__in=EntryClaim.objects.filter(claim=claim).values("entry_id")).order_by("pk"))
    emptied = [old for old in previous if not EntryClaim.objects.filter(entry=old).exclude(claim=claim).exists()]
    if emptied:
        raise ValidationError(
            _("That claim is the only support of “%(statement)s”; merge the two entries instead.")
            % {"statement": emptied[0].statement[:80]}
        )
    EntryClaim.objects.filter(claim=claim).delete()
    EntryClaim.objects.create(entry=entry, claim=claim, pinned=True)
    for old in previous:
        ConsensusEntry.objects.filter(pk=old.pk).update(support=_support_count(old), version=F("version") + 1)
        audit_record(explainer=entry.explainer, actor=user, verb=Verb.CLAIM_ATTACHED, note=note, entry=old,
                     data={"claim": claim.pk, "text": claim.text, "moved_to": entry.pk})
    save_versioned(entry, stale=STALE_ENTRY, support=_support_count(entry))
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.CLAIM_ATTACHED, note=note, entry=entry,
                 data={"claim": claim.pk, "text": claim.text, "from_entries": [e.pk for e in previous]})
    if any(_published(e) for e in [entry, *previous]):
        reopen_draft(entry.explainer, user)
    return entry


@dataclass(frozen=True)
class NearTwin:
    """Another entry nearly the same as one: it shares ``shared`` of its ``size`` passages."""

    entry_id: int
    shared: int
    size: int


def near_twins(entries: Iterable[ConsensusEntry]) -> dict[int, NearTwin]:
    """For each of ``entries`` (their ``supports`` prefetched, or one query each) that is not rejected, the entry
    not rejected that is nearly the same: they share two passages or more and differ by at most one on either
    side, the one sharing most first. Two such proposals are one point the build grouped twice (each source's
    sentence seeding its own group); an editor merges them. Two queries, whatever the number of entries."""
    entries = [e for e in entries if e.status != ConsensusEntry.Status.REJECTED]
    held = {e.pk: {s.claim_id for s in e.supports.all()} for e in entries}
    claim_ids = set().union(*held.values()) if held else set()
    if not claim_ids:
        return {}
    holders: dict[int, set[int]] = {}  # another entry -> the claims of these entries it holds
    for entry_id, claim_id in EntryClaim.objects.filter(claim_id__in=claim_ids).exclude(
            entry__status=ConsensusEntry.Status.REJECTED).values_list("entry_id", "claim_id"):
        holders.setdefault(entry_id, set()).add(claim_id)
    sizes = dict(ConsensusEntry.objects.filter(pk__in=holders).annotate(n=Count("supports")).values_list("pk", "n"))
    found = {}
    for entry_id, claims in held.items():
        best = None
        for other, shared_claims in holders.items():
            shared = len(claims & shared_claims)
            if other == entry_id or shared < 2 or max(len(claims), sizes[other]) - shared > 1:
                continue
            if best is None or (shared, -other) > (best.shared, -best.entry_id):
                best = NearTwin(other, shared, sizes[other])
        if best is not None:
            found[entry_id] = best
    return found
