"""Submitting and publishing: draft → in review → published (or sent back), and the live revision.

Publishing freezes the draft into a new immutable ``Revision`` and, once the transaction commits, sends the
``explainer_published`` signal so the public site refreshes its pages.
"""
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.locking import explainer_lock
from articles.models import Explainer
from claims import permissions
from claims.audit import Verb, audit_record
from claims.models import ConsensusEntry, Draft, Revision
from claims.services.drafts import current_draft, draft_edit
from claims.services.locking import STALE_DRAFT, save_versioned
from claims.services.revisions import (
    draft_for, revision_content_build, revision_search_text, revisions_compare, same_content,
)
from claims.signals import explainer_published


def live_revision(*, explainer: Explainer) -> Revision | None:
    """The revision readers see now, if any."""
    return Revision.objects.filter(explainer=explainer).order_by("-number").first()


def explainer_is_current(*, explainer: Explainer) -> bool:
    """True when the live revision already shows exactly what publishing now would."""
    live = live_revision(explainer=explainer)
    return live is not None and same_content(live.content, revision_content_build(explainer=explainer))


@transaction.atomic
def explainer_edit_and_submit(
    *, explainer: Explainer, user, title: str, introduction: str, spoilers: bool, note: str = "",
    expected_version: int | None = None,
) -> Draft:
    """Submit the draft with the title, introduction and spoiler warning the editor has on screen: the draft
    page's Submit button carries the edits made there, saved first in the same transaction."""
    draft = draft_edit(explainer=explainer, user=user, title=title, introduction=introduction, spoilers=spoilers,
                       expected_version=expected_version)
    return explainer_submit(explainer=explainer, user=user, note=note, expected_version=draft.version)


def _require_built(explainer: Explainer) -> None:
    """Refuse while an article has changed since its claims were extracted (re-imported, or a fragment restored):
    its citations would point into text that is no longer there; and while an approved entry cites nothing (its
    only sources were deleted): readers would get a statement with no source."""
    changed = list(explainer.articles.filter(needs_extraction=True).values_list("origin", flat=True)[:5])
    if changed:
        raise ValidationError(
            _("These sources changed since the last consensus build: %(names)s. Build consensus first, so that "
              "every citation points at the current text.") % {"names": ", ".join(changed)}
        )
    unsourced = ConsensusEntry.objects.filter(
        explainer=explainer, status=ConsensusEntry.Status.APPROVED, supports__isnull=True)
    statements = [f"“{statement[:80]}”" for statement in unsourced.values_list("statement", flat=True)[:5]]
    if statements:
        raise ValidationError(
            _("These approved entries cite no source any more (their sources were deleted): %(statements)s. "
              "Reject them, or attach a passage to each.") % {"statements": "; ".join(statements)}
        )


@transaction.atomic
def explainer_submit(*, explainer: Explainer, user, note: str = "", expected_version: int | None = None) -> Draft:
    """Send the draft to a chief editor for review, with a note."""
    permissions.require_submit(user, explainer)
    explainer_lock(explainer.pk)
    draft = current_draft(explainer, expected_version)
    if draft.status == Draft.Status.IN_REVIEW:
        raise ValidationError(_("This explainer is already waiting for review."))
    _require_built(explainer)
    if not ConsensusEntry.objects.filter(explainer=explainer, status=ConsensusEntry.Status.APPROVED).exists():
        raise ValidationError(_("Approve at least one entry before submitting: an explainer needs content."))
    live = live_revision(explainer=explainer)
    if live is not None and same_content(live.content, revision_content_build(explainer=explainer)):
        raise ValidationError(_("Nothing has changed since revision %(number)s was published.") % {"number": live.number})
    save_versioned(draft, stale=STALE_DRAFT, status=Draft.Status.IN_REVIEW, submitted_by=user,
                    submitted_at=timezone.now(), submit_note=note or "", review_comment="")
    audit_record(explainer=explainer, actor=user, verb=Verb.SUBMITTED, note=note)
    return draft


@transaction.atomic
def explainer_send_back(*, explainer: Explainer, user, comment: str, expected_version: int | None = None) -> Draft:
    """Return a draft in review to its editors with a comment saying what to change."""
    permissions.require_publish(user, explainer)
    explainer_lock(explainer.pk)
    draft = current_draft(explainer, expected_version)
    if draft.status != Draft.Status.IN_REVIEW:
        raise ValidationError(_("Only a draft that is in review can be sent back; this one is “%(status)s”.")
                              % {"status": draft.get_status_display()})
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Write a comment saying what needs to change, so the editor knows what to do."))
    save_versioned(draft, stale=STALE_DRAFT, status=Draft.Status.DRAFT, review_comment=comment)
    audit_record(explainer=explainer, actor=user, verb=Verb.SENT_BACK, note=comment)
    return draft


@transaction.atomic
def explainer_publish(*, explainer: Explainer, user, note: str = "", expected_version: int | None = None) -> Revision:
    """Publish the draft in review as a new immutable revision, and refresh the public pages after commit.

    With ``settings.TWO_PERSON_RULE`` on, the person who submitted the draft cannot publish it.
    """

    permissions.require_publish(user, explainer)
    explainer_lock(explainer.pk)
    explainer.refresh_from_db(fields=["slug", "title"])  # a rename or retitle may have committed since it was read
    _refuse_a_repeat(explainer, user, expected_version)
    draft = current_draft(explainer, expected_version)
    if draft.status != Draft.Status.IN_REVIEW:
        raise ValidationError(_("Only a draft that is in review can be published; this one is “%(status)s”. "
                                "An editor submits it first.") % {"status": draft.get_status_display()})
    if settings.TWO_PERSON_RULE and draft.submitted_by_id == user.pk:
        raise PermissionDenied(_("You submitted this draft, so another chief editor must publish it "
                                 "(two-person rule)."))
    _require_built(explainer)
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
    save_versioned(draft, stale=STALE_DRAFT, status=Draft.Status.PUBLISHED, review_comment="")
    audit_record(explainer=explainer, actor=user, verb=Verb.PUBLISHED, note=note,
                 data={"revision": revision.number, "summary": revision.change_summary})
    slug = explainer.slug
    transaction.on_commit(lambda: public_cache_invalidate(slug))
    return revision


def _refuse_a_repeat(explainer: Explainer, user, expected_version: int | None) -> None:
    """A second click on Publish (or the form sent again) finds the draft published by that very click, one version
    on: it is told so, not that someone else changed the draft."""
    draft = draft_for(explainer=explainer)
    live = live_revision(explainer=explainer)
    if (expected_version is not None and draft.status == Draft.Status.PUBLISHED
            and draft.version == int(expected_version) + 1 and live is not None and live.published_by_id == user.pk):
        raise ValidationError(_("You have published this already: it is live as revision %(number)s.")
                              % {"number": live.number})


def public_cache_invalidate(slug: str) -> None:
    """Tell whoever shows explainers (the public site's cache) that this one has a new revision."""
    explainer_published.send(sender=Revision, slug=slug)
