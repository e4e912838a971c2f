"""Composing the draft: the introduction and spoiler warning, sections, and where each entry goes.

Also holds ``reopen_draft``, which the entry review and conflict services, ``sections_default`` and consensus
builds call so that changing an explainer that is in review or published puts its draft back into "draft", and
``current_draft``, the version-checked read of the draft that the submitting and publishing services use.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.locking import explainer_lock
from articles.cleaning.inline import without_overrides
from articles.models import Explainer
from claims import permissions
from claims.audit import Verb, audit_record
from claims.markdown import markdown_length_check, render_markdown
from claims.models import ConsensusEntry, Draft, Section
from claims.services.locking import STALE_DRAFT, fresh_row, save_versioned
from claims.services.revisions import draft_for, unplaced_sections

_REOPENS = (Draft.Status.IN_REVIEW, Draft.Status.PUBLISHED)  # the states a change to the content ends


def drafts_in_review(user) -> list[Draft]:
    """The drafts submitted for review, of the explainers ``user`` may see, longest waiting first (the desk's
    front page lists them)."""
    return list(
        Draft.objects.filter(status=Draft.Status.IN_REVIEW, explainer__in=permissions.explainers_visible(user))
        .select_related("explainer", "submitted_by").order_by("submitted_at", "id")
    )


def draft_reopenable(explainer: Explainer) -> bool:
    """Whether a change to the explainer's content now would send its draft back (it is in review or published)."""
    return Draft.objects.filter(explainer=explainer, status__in=_REOPENS).exists()


def reopen_draft(explainer: Explainer, user, *, reason: str = "") -> None:
    """A draft whose content changes after it was submitted or published goes back to "draft": what a chief
    editor reviewed is what gets published, and a change made during review (by anyone, or by a rebuild) needs
    a new submission and a new review."""
    reopened = list(
        Draft.objects.select_for_update()
        .filter(explainer=explainer, status__in=_REOPENS)
        .values_list("status", flat=True)
    )
    if not reopened:
        return
    Draft.objects.filter(explainer=explainer).update(
        status=Draft.Status.DRAFT, version=F("version") + 1, updated_at=timezone.now()
    )
    _record_reopened(explainer, user, reopened[0], reason)


def _record_reopened(explainer: Explainer, user, was: str, reason: str = "") -> None:
    if was == Draft.Status.IN_REVIEW:
        note = _("Changed while in review; it must be submitted and reviewed again.")
    else:
        note = _("Edited after publishing; the next revision needs a new review.")
    audit_record(explainer=explainer, actor=user, verb=Verb.DRAFT_REOPENED, note=f"{note} {reason}".strip())


def current_draft(explainer: Explainer, expected_version: int | None) -> Draft:
    draft = draft_for(explainer=explainer)
    return fresh_row(draft, expected_version=expected_version, stale=STALE_DRAFT,
                  gone=_("This explainer has no draft any more; reload."))


@transaction.atomic
def draft_edit(
    *, explainer: Explainer, user, introduction: str, spoilers: bool, title: str | None = None,
    expected_version: int | None = None, note: str = "",
) -> Draft:
    """Change the explainer's title, the draft's introduction (markdown) and spoiler warning. The title is the
    explainer's own; like the rest, readers see it once a revision carrying it is published."""
    permissions.require_submit(user, explainer)
    explainer_lock(explainer.pk)
    draft = current_draft(explainer, expected_version)
    introduction = introduction or ""
    stored = Explainer.objects.only("title").get(pk=explainer.pk).title  # as stored now, under the lock
    title = stored if title is None else without_overrides(title).strip()
    if not title:
        raise ValidationError(_("The explainer needs a title."))
    if introduction == draft.introduction and spoilers == draft.spoilers and title == stored:
        return draft
    if introduction != draft.introduction:
        markdown_length_check(introduction)
    data = {"spoilers": spoilers, "introduction_length": len(introduction)}
    if title != stored:
        data["title"] = {"old": stored, "new": title}
        Explainer.objects.filter(pk=explainer.pk).update(title=title)
        explainer.title = title
    was = draft.status
    reopened = was in _REOPENS
    status = Draft.Status.DRAFT if reopened else draft.status
    save_versioned(draft, stale=STALE_DRAFT, introduction=introduction, introduction_html=render_markdown(introduction),
                    spoilers=spoilers, status=status)
    if reopened:
        _record_reopened(explainer, user, was)
    audit_record(explainer=explainer, actor=user, verb=Verb.DRAFT_EDITED, note=note, data=data)
    return draft


@transaction.atomic
def sections_default(*, explainer: Explainer, user) -> list[Section]:
    """Create the default sections that are missing and place unplaced approved entries by their kind."""
    permissions.require_submit(user, explainer)
    explainer_lock(explainer.pk)
    existing = {s.title: s for s in Section.objects.filter(explainer=explainer)}
    next_position = max((s.position for s in existing.values()), default=0) + 1
    unplaced = ConsensusEntry.objects.filter(explainer=explainer, section__isnull=True,
                                             status=ConsensusEntry.Status.APPROVED).order_by("position", "id")
    # The sections readers see now, under the headings they see ("Key points" for a news topic's facts).
    for title, members in unplaced_sections(unplaced, editor_sections=bool(existing)):
        if title not in existing:
            existing[title] = Section.objects.create(explainer=explainer, title=title, position=next_position)
            next_position += 1
        ConsensusEntry.objects.filter(pk__in=[entry.pk for entry in members]).update(
            section=existing[title], version=F("version") + 1
        )
    audit_record(explainer=explainer, actor=user, verb=Verb.DRAFT_ARRANGED, note=_("Default sections"))
    reopen_draft(explainer, user)
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
    explainer_lock(explainer.pk)
    draft = current_draft(explainer, expected_version)
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
    was = draft.status
    reopened = was in _REOPENS
    status = Draft.Status.DRAFT if reopened else draft.status
    save_versioned(draft, stale=STALE_DRAFT, status=status)
    if reopened:
        _record_reopened(explainer, user, was)
    audit_record(explainer=explainer, actor=user, verb=Verb.DRAFT_ARRANGED, note=note,
                 data={"entries": changed, "sections_removed": removed, "section_added": added.title if added else None})
    return draft
