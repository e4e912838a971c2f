"""The editorial workflow: reviewing entries and conflicts, composing the draft, submitting and publishing.

Every function here is one verb, done the same way: check permission and the current state (refuse with a
message a person can act on), set the new state with who and when, save it with a conditional UPDATE on the
row's ``version`` (so of two people saving at once, the second is refused instead of overwriting), write the
audit entry, then run side effects once the transaction commits. Admin views, actions, the demo command and
tests all go through these functions; none of them sets a status field itself.
"""
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Explainer
from claims import permissions
from claims.audit import Verb, audit_record
from claims.markdown import render_markdown
from claims.models import Alias, AuditEntry, Claim, Conflict, ConflictVariant, ConsensusEntry, Draft, EntryClaim, Revision, Section
from claims.services.revisions import (
    DEFAULT_SECTIONS,
    default_section_title,
    draft_for,
    revision_content_build,
    revision_search_text,
    revisions_compare,
)
from claims.signals import explainer_published

STALE_ENTRY = gettext_lazy("This entry was changed by someone else since you opened it; reload and try again.")
STALE_DRAFT = gettext_lazy("This explainer's draft was changed by someone else since you opened it; reload and try again.")
STALE_CONFLICT = gettext_lazy("This conflict was changed by someone else since you opened it; reload and try again.")


# Saving with a version check


def _fresh(obj: models.Model, *, expected_version: int | None, stale: str, gone: str) -> models.Model:
    """The row as it is now in the database; refused if it is gone or no longer at ``expected_version``."""
    model = type(obj)
    current = model.objects.select_related("explainer").filter(pk=obj.pk).first()
    if current is None:
        raise ValidationError(gone)
    if expected_version is not None and current.version != int(expected_version):
        raise ValidationError(stale)
    return current


def _save_versioned(obj: models.Model, *, stale: str, **changes) -> None:
    """Write ``changes`` only if nobody saved the row since ``obj`` was read, and raise its version by one."""
    model = type(obj)
    if any(field.name == "updated_at" for field in model._meta.concrete_fields):
        changes.setdefault("updated_at", timezone.now())
    updated = model.objects.filter(pk=obj.pk, version=obj.version).update(version=F("version") + 1, **changes)
    if updated != 1:
        raise ValidationError(stale)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.version += 1


def _support_count(entry: ConsensusEntry) -> int:
    return (
        Claim.objects.filter(supports__entry=entry).values("article_id").distinct().count()
    )


def _draft_reopen(explainer: Explainer, user) -> None:
    """A published explainer that is edited goes back to "draft" for the next round."""
    reopened = Draft.objects.filter(explainer=explainer, status=Draft.Status.PUBLISHED).update(
        status=Draft.Status.DRAFT, version=F("version") + 1, updated_at=timezone.now()
    )
    if reopened:
        audit_record(explainer=explainer, actor=user, verb=Verb.DRAFT_REOPENED,
                     note=_("Edited after publishing; the next revision needs a new review."))


# Reviewing entries


def _entry_current(entry: ConsensusEntry, expected_version: int | None) -> ConsensusEntry:
    return _fresh(entry, expected_version=expected_version, stale=STALE_ENTRY,
                  gone=_("This entry no longer exists (it may have been merged into another); reload the list."))


@transaction.atomic
def entry_approve(*, entry: ConsensusEntry, user, expected_version: int | None = None, note: str = "") -> ConsensusEntry:
    """Approve an entry so it goes into the explainer."""
    permissions.require_review(user, entry.explainer)
    entry = _entry_current(entry, expected_version)
    if entry.status == ConsensusEntry.Status.APPROVED:
        raise ValidationError(_("This entry is already approved."))
    _save_versioned(entry, stale=STALE_ENTRY, status=ConsensusEntry.Status.APPROVED, decided_by=user,
                    decided_at=timezone.now())
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.ENTRY_APPROVED, note=note, entry=entry,
                 data={"statement": entry.statement, "support": entry.support})
    _draft_reopen(entry.explainer, user)
    return entry


@transaction.atomic
def entry_reject(*, entry: ConsensusEntry, user, expected_version: int | None = None, note: str = "") -> ConsensusEntry:
    """Reject an entry: it stays listed for the record but never goes into the explainer."""
    permissions.require_review(user, entry.explainer)
    entry = _entry_current(entry, expected_version)
    if entry.status == ConsensusEntry.Status.REJECTED:
        raise ValidationError(_("This entry is already rejected."))
    _save_versioned(entry, stale=STALE_ENTRY, status=ConsensusEntry.Status.REJECTED, decided_by=user,
                    decided_at=timezone.now())
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.ENTRY_REJECTED, note=note, entry=entry,
                 data={"statement": entry.statement})
    _draft_reopen(entry.explainer, user)
    return entry


@transaction.atomic
def entry_edit(
    *, entry: ConsensusEntry, user, statement: str, kind: str | None = None, expected_version: int | None = None,
    note: str = "",
) -> ConsensusEntry:
    """Rewrite an entry's canonical statement (markdown) or change its kind; rebuilds keep the rewrite."""
    permissions.require_review(user, entry.explainer)
    entry = _entry_current(entry, expected_version)
    statement = (statement or "").strip()
    if not statement:
        raise ValidationError(_("The statement cannot be empty; reject the entry instead."))
    kind = kind or entry.kind
    if statement == entry.statement and kind == entry.kind:
        return entry
    old = {"statement": entry.statement, "kind": entry.kind}
    changes = {"kind": kind}
    if statement != entry.statement:
        changes.update(statement=statement, statement_html=render_markdown(statement), statement_edited=True)
    _save_versioned(entry, stale=STALE_ENTRY, **changes)
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.ENTRY_EDITED, note=note, entry=entry,
                 data={"old": old, "new": {"statement": entry.statement, "kind": entry.kind}})
    _draft_reopen(entry.explainer, user)
    return entry


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
    _save_versioned(target, stale=STALE_ENTRY, support=_support_count(target))
    audit_record(explainer=explainer, actor=user, verb=Verb.ENTRIES_MERGED, note=note, entry=target,
                 data={"merged": merged, "support": target.support})
    _draft_reopen(explainer, user)
    return target


@transaction.atomic
def entry_split(
    *, entry: ConsensusEntry, claims: Iterable[Claim], user, statement: str = "", expected_version: int | None = None,
    note: str = "",
) -> ConsensusEntry:
    """Move ``claims`` out of ``entry`` into a new proposed entry, which is returned."""
    permissions.require_review(user, entry.explainer)
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
    statement = (statement or "").strip() or moving[0].text
    new = ConsensusEntry.objects.create(
        explainer=entry.explainer, statement=statement, statement_html=render_markdown(statement), kind=entry.kind,
        position=entry.position, support=len({c.article_id for c in moving}),
    )
    EntryClaim.objects.filter(entry=entry, claim_id__in=claim_ids).delete()
    EntryClaim.objects.bulk_create(EntryClaim(entry=new, claim=c, pinned=True) for c in moving)
    EntryClaim.objects.filter(entry=entry).update(pinned=True)
    _save_versioned(entry, stale=STALE_ENTRY, support=_support_count(entry))
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.ENTRY_SPLIT, note=note, entry=entry,
                 data={"new_entry": new.pk, "claims": sorted(claim_ids)})
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.ENTRY_SPLIT, note=note, entry=new,
                 data={"split_from": entry.pk, "claims": sorted(claim_ids)})
    _draft_reopen(entry.explainer, user)
    return new


@transaction.atomic
def claim_attach(
    *, claim: Claim, entry: ConsensusEntry, user, expected_version: int | None = None, note: str = ""
) -> ConsensusEntry:
    """Attach a claim to an entry by hand (pinned, so rebuilds keep it); it leaves any entry it supported before."""
    permissions.require_review(user, entry.explainer)
    entry = _entry_current(entry, expected_version)
    claim = Claim.objects.select_related("article").get(pk=claim.pk)
    if claim.article.explainer_id != entry.explainer_id:
        raise ValidationError(_("That claim comes from a source of another explainer."))
    if EntryClaim.objects.filter(entry=entry, claim=claim).exists():
        raise ValidationError(_("That claim already supports this entry."))
    previous = list(ConsensusEntry.objects.filter(supports__claim=claim))
    EntryClaim.objects.filter(claim=claim).delete()
    EntryClaim.objects.create(entry=entry, claim=claim, pinned=True)
    for old in previous:
        ConsensusEntry.objects.filter(pk=old.pk).update(support=_support_count(old), version=F("version") + 1)
    _save_versioned(entry, stale=STALE_ENTRY, support=_support_count(entry))
    audit_record(explainer=entry.explainer, actor=user, verb=Verb.CLAIM_ATTACHED, note=note, entry=entry,
                 data={"claim": claim.pk, "text": claim.text, "from_entries": [e.pk for e in previous]})
    _draft_reopen(entry.explainer, user)
    return entry


# Conflicts


def _conflict_current(conflict: Conflict, expected_version: int | None) -> Conflict:
    return _fresh(conflict, expected_version=expected_version, stale=STALE_CONFLICT,
                  gone=_("This conflict no longer exists; reload the list."))


@transaction.atomic
def conflict_resolve(
    *, conflict: Conflict, user, variant: ConflictVariant | None = None, resolution: str = "", note: str = "",
    expected_version: int | None = None,
) -> Conflict:
    """Settle a conflict with one source's variant or a value the editor writes, and a note for readers."""
    permissions.require_review(user, conflict.explainer)
    conflict = _conflict_current(conflict, expected_version)
    if conflict.status == Conflict.Status.DISMISSED:
        raise ValidationError(_("This conflict was dismissed; reopen it before resolving it."))
    if variant is not None:
        if variant.conflict_id != conflict.pk:
            raise ValidationError(_("That variant belongs to another conflict."))
        resolution = variant.value
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError(_("Choose one of the variants or write the correct value."))
    _save_versioned(conflict, stale=STALE_CONFLICT, status=Conflict.Status.RESOLVED, resolution=resolution[:500],
                    resolution_note=note or "", resolved_by=user, resolved_at=timezone.now())
    audit_record(explainer=conflict.explainer, actor=user, verb=Verb.CONFLICT_RESOLVED, note=note, conflict=conflict,
                 entry=conflict.entry, data={"resolution": conflict.resolution,
                                             "variant": variant.pk if variant is not None else None})
    _draft_reopen(conflict.explainer, user)
    return conflict


@transaction.atomic
def conflict_dismiss(*, conflict: Conflict, user, note: str = "", expected_version: int | None = None) -> Conflict:
    """Set a conflict aside as not a real disagreement; readers never see it."""
    permissions.require_review(user, conflict.explainer)
    conflict = _conflict_current(conflict, expected_version)
    if conflict.status == Conflict.Status.DISMISSED:
        raise ValidationError(_("This conflict is already dismissed."))
    _save_versioned(conflict, stale=STALE_CONFLICT, status=Conflict.Status.DISMISSED, resolved_by=user,
                    resolved_at=timezone.now(), resolution_note=note or conflict.resolution_note)
    audit_record(explainer=conflict.explainer, actor=user, verb=Verb.CONFLICT_DISMISSED, note=note, conflict=conflict)
    _draft_reopen(conflict.explainer, user)
    return conflict


@transaction.atomic
def conflict_reopen(*, conflict: Conflict, user, note: str = "", expected_version: int | None = None) -> Conflict:
    """Put a resolved or dismissed conflict back in the open list."""
    permissions.require_review(user, conflict.explainer)
    conflict = _conflict_current(conflict, expected_version)
    if conflict.status == Conflict.Status.OPEN:
        raise ValidationError(_("This conflict is already open."))
    _save_versioned(conflict, stale=STALE_CONFLICT, status=Conflict.Status.OPEN, resolution="", resolved_by=None,
                    resolved_at=None)
    audit_record(explainer=conflict.explainer, actor=user, verb=Verb.CONFLICT_REOPENED, note=note, conflict=conflict)
    _draft_reopen(conflict.explainer, user)
    return conflict


# Aliases


@transaction.atomic
def alias_confirm(*, alias: Alias, user, note: str = "") -> Alias:
    """Confirm that a name refers to the person given."""
    permissions.require_review(user, alias.explainer)
    alias = Alias.objects.select_for_update().select_related("explainer").get(pk=alias.pk)
    if alias.status == Alias.Status.CONFIRMED:
        raise ValidationError(_("This alias is already confirmed."))
    alias.status = Alias.Status.CONFIRMED
    alias.save(update_fields=["status", "updated_at"])
    audit_record(explainer=alias.explainer, actor=user, verb=Verb.ALIAS_CONFIRMED, note=note,
                 data={"name": alias.name, "person": alias.person})
    return alias


@transaction.atomic
def alias_reject(*, alias: Alias, user, note: str = "") -> Alias:
    """Record that a name does not refer to the person given."""
    permissions.require_review(user, alias.explainer)
    alias = Alias.objects.select_for_update().select_related("explainer").get(pk=alias.pk)
    if alias.status == Alias.Status.REJECTED:
        raise ValidationError(_("This alias is already rejected."))
    alias.status = Alias.Status.REJECTED
    alias.save(update_fields=["status", "updated_at"])
    audit_record(explainer=alias.explainer, actor=user, verb=Verb.ALIAS_REJECTED, note=note,
                 data={"name": alias.name, "person": alias.person})
    return alias


@transaction.atomic
def alias_add(*, explainer: Explainer, name: str, person: str, user, evidence: str = "", note: str = "") -> Alias:
    """Add a confirmed alias by hand."""
    permissions.require_review(user, explainer)
    name, person = (name or "").strip(), (person or "").strip()
    if not name or not person:
        raise ValidationError(_("Give both the name as sources write it and the person it refers to."))
    if Alias.objects.filter(explainer=explainer, name__iexact=name).exists():
        raise ValidationError(_("“%(name)s” is already in the alias table; change that row instead.") % {"name": name})
    alias = Alias.objects.create(explainer=explainer, name=name, person=person, evidence=evidence,
                                 status=Alias.Status.CONFIRMED, created_by=user)
    audit_record(explainer=explainer, actor=user, verb=Verb.ALIAS_ADDED, note=note,
                 data={"name": name, "person": person})
    return alias


@transaction.atomic
def alias_change(*, alias: Alias, user, name: str, person: str, status: str, evidence: str = "", note: str = "") -> Alias:
    """Correct an alias row."""
    permissions.require_review(user, alias.explainer)
    current = Alias.objects.select_for_update().select_related("explainer").get(pk=alias.pk)
    old = {"name": current.name, "person": current.person, "status": current.status}
    current.name, current.person, current.status, current.evidence = name.strip(), person.strip(), status, evidence
    current.save()
    audit_record(explainer=current.explainer, actor=user, verb=Verb.ALIAS_CHANGED, note=note,
                 data={"old": old, "new": {"name": current.name, "person": current.person, "status": current.status}})
    return current


# Composing the draft


def _draft_current(explainer: Explainer, expected_version: int | None) -> Draft:
    draft = draft_for(explainer=explainer)
    return _fresh(draft, expected_version=expected_version, stale=STALE_DRAFT,
                  gone=_("This explainer has no draft any more; reload."))


@transaction.atomic
def draft_edit(
    *, explainer: Explainer, user, introduction: str, spoilers: bool, expected_version: int | None = None,
    note: str = "",
) -> Draft:
    """Change the draft's introduction (markdown) and spoiler warning."""
    permissions.require_submit(user, explainer)
    draft = _draft_current(explainer, expected_version)
    introduction = introduction or ""
    if introduction == draft.introduction and spoilers == draft.spoilers:
        return draft
    status = Draft.Status.DRAFT if draft.status == Draft.Status.PUBLISHED else draft.status
    _save_versioned(draft, stale=STALE_DRAFT, introduction=introduction, introduction_html=render_markdown(introduction),
                    spoilers=spoilers, status=status)
    audit_record(explainer=explainer, actor=user, verb=Verb.DRAFT_EDITED, note=note,
                 data={"spoilers": spoilers, "introduction_length": len(introduction)})
    return draft


@transaction.atomic
def sections_default(*, explainer: Explainer, user) -> list[Section]:
    """Create the default sections that are missing and place unplaced approved entries by their kind."""
    permissions.require_submit(user, explainer)
    existing = {s.title: s for s in Section.objects.filter(explainer=explainer)}
    next_position = max((s.position for s in existing.values()), default=0) + 1
    for title, _kinds in DEFAULT_SECTIONS:
        if title not in existing:
            existing[title] = Section.objects.create(explainer=explainer, title=title, position=next_position)
            next_position += 1
    for entry in ConsensusEntry.objects.filter(explainer=explainer, section__isnull=True,
                                               status=ConsensusEntry.Status.APPROVED):
        ConsensusEntry.objects.filter(pk=entry.pk).update(
            section=existing[default_section_title(entry.kind)], version=F("version") + 1
        )
    audit_record(explainer=explainer, actor=user, verb=Verb.DRAFT_ARRANGED, note=_("Default sections"))
    _draft_reopen(explainer, user)
    return list(Section.objects.filter(explainer=explainer))


@transaction.atomic
def entries_arrange(
    *, explainer: Explainer, user, placements: dict[int, tuple[int | None, int]],
    sections: dict[int, tuple[str, int]] | None = None, new_section: str = "", expected_version: int | None = None,
    note: str = "",
) -> Draft:
    """Name, order, add and remove sections, and put entries into them, in one save.

    ``placements`` maps entry id to (section id or None, position); ``sections`` maps section id to
    (title, position), a blank title removing the section (its entries fall back to the default grouping);
    ``new_section`` adds a section at the end.
    """
    permissions.require_submit(user, explainer)
    draft = _draft_current(explainer, expected_version)
    existing = {s.pk: s for s in Section.objects.filter(explainer=explainer)}
    removed = []
    for section_id, (title, position) in (sections or {}).items():
        section = existing.get(int(section_id))
        if section is None:
            raise ValidationError(_("One of the sections no longer exists; reload."))
        title = (title or "").strip()
        if not title:
            removed.append(section.pk)
            continue
        if (section.title, section.position) != (title[:200], position):
            section.title, section.position = title[:200], position
            section.save(update_fields=["title", "position"])
    entries = {e.pk: e for e in ConsensusEntry.objects.filter(explainer=explainer, pk__in=placements)}
    changed = []
    for entry_id, (section_id, position) in placements.items():
        entry = entries.get(int(entry_id))
        if entry is None:
            raise ValidationError(_("One of the entries is not part of this explainer any more; reload."))
        if section_id is not None and (int(section_id) not in existing or int(section_id) in removed):
            section_id = None
        if entry.section_id != section_id or entry.position != position:
            ConsensusEntry.objects.filter(pk=entry.pk).update(section_id=section_id, position=position,
                                                              version=F("version") + 1)
            changed.append(entry.pk)
    if removed:
        ConsensusEntry.objects.filter(section_id__in=removed).update(section=None, version=F("version") + 1)
        Section.objects.filter(pk__in=removed).delete()
    added = None
    if (new_section or "").strip():
        last = max((s.position for s in existing.values()), default=0)
        added = Section.objects.create(explainer=explainer, title=new_section.strip()[:200], position=last + 1)
    status = Draft.Status.DRAFT if draft.status == Draft.Status.PUBLISHED else draft.status
    _save_versioned(draft, stale=STALE_DRAFT, status=status)
    audit_record(explainer=explainer, actor=user, verb=Verb.DRAFT_ARRANGED, note=note,
                 data={"entries": changed, "sections_removed": removed, "section_added": added.title if added else None})
    return draft


# Submitting and publishing


def live_revision(*, explainer: Explainer) -> Revision | None:
    """The revision readers see now, if any."""
    return Revision.objects.filter(explainer=explainer).order_by("-number").first()


def explainer_is_current(*, explainer: Explainer) -> bool:
    """True when the live revision already shows exactly what publishing now would."""
    live = live_revision(explainer=explainer)
    return live is not None and live.content == revision_content_build(explainer=explainer)


@transaction.atomic
def explainer_submit(*, explainer: Explainer, user, note: str = "", expected_version: int | None = None) -> Draft:
    """Send the draft to a chief editor for review, with a note."""
    permissions.require_submit(user, explainer)
    draft = _draft_current(explainer, expected_version)
    if draft.status == Draft.Status.IN_REVIEW:
        raise ValidationError(_("This explainer is already waiting for review."))
    if not ConsensusEntry.objects.filter(explainer=explainer, status=ConsensusEntry.Status.APPROVED).exists():
        raise ValidationError(_("Approve at least one entry before submitting: an explainer needs content."))
    live = live_revision(explainer=explainer)
    if live is not None and live.content == revision_content_build(explainer=explainer):
        raise ValidationError(_("Nothing has changed since revision %(number)s was published.") % {"number": live.number})
    _save_versioned(draft, stale=STALE_DRAFT, status=Draft.Status.IN_REVIEW, submitted_by=user,
                    submitted_at=timezone.now(), submit_note=note or "", review_comment="")
    audit_record(explainer=explainer, actor=user, verb=Verb.SUBMITTED, note=note)
    return draft


@transaction.atomic
def explainer_send_back(*, explainer: Explainer, user, comment: str, expected_version: int | None = None) -> Draft:
    """Return a draft in review to its editors with a comment saying what to change."""
    permissions.require_publish(user, explainer)
    draft = _draft_current(explainer, expected_version)
    if draft.status != Draft.Status.IN_REVIEW:
        raise ValidationError(_("Only a draft that is in review can be sent back; this one is “%(status)s”.")
                              % {"status": draft.get_status_display()})
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Write a comment saying what needs to change, so the editor knows what to do."))
    _save_versioned(draft, stale=STALE_DRAFT, status=Draft.Status.DRAFT, review_comment=comment)
    audit_record(explainer=explainer, actor=user, verb=Verb.SENT_BACK, note=comment)
    return draft


@transaction.atomic
def explainer_publish(*, explainer: Explainer, user, note: str = "", expected_version: int | None = None) -> Revision:
    """Publish the draft in review as a new immutable revision, and refresh the public pages after commit.

    With ``settings.TWO_PERSON_RULE`` on, the person who submitted the draft cannot publish it.
    """

    permissions.require_publish(user, explainer)
    draft = _draft_current(explainer, expected_version)
    if draft.status != Draft.Status.IN_REVIEW:
        raise ValidationError(_("Only a draft that is in review can be published; this one is “%(status)s”. "
                                "An editor submits it first.") % {"status": draft.get_status_display()})
    if settings.TWO_PERSON_RULE and draft.submitted_by_id == user.pk:
        raise PermissionDenied(_("You submitted this draft, so another chief editor must publish it "
                                 "(two-person rule)."))
    content = revision_content_build(explainer=explainer)
    previous = live_revision(explainer=explainer)
    comparison = revisions_compare(previous.content if previous else None, content)
    revision = Revision.objects.create(
        explainer=explainer,
        number=(previous.number + 1) if previous else 1,
        title=content["title"],
        introduction_html=content["introduction_html"],
        content=content,
        search_text=revision_search_text(content),
        change_summary=comparison["summary"],
        submitted_by=draft.submitted_by,
        published_by=user,
        published_at=timezone.now(),
        note=note or draft.submit_note,
    )
    _save_versioned(draft, stale=STALE_DRAFT, status=Draft.Status.PUBLISHED, review_comment="")
    audit_record(explainer=explainer, actor=user, verb=Verb.PUBLISHED, note=note,
                 data={"revision": revision.number, "summary": revision.change_summary})
    slug = explainer.slug
    transaction.on_commit(lambda: public_cache_invalidate(slug))
    return revision


def public_cache_invalidate(slug: str) -> None:
    """Tell whoever shows explainers (the public site's cache) that this one has a new revision."""
    explainer_published.send(sender=Revision, slug=slug)
