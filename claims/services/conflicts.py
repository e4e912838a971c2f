"""Conflicts between sources: resolve one with a variant or the editor's value, dismiss it, or reopen it; and
the statements a resolution leaves giving another value.

Each service checks the editor may review the explainer, re-reads the conflict with a version check
(``claims.services.locking``), saves, writes the audit entry, and reopens a published draft.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.locking import explainer_lock
from claims import permissions
from claims.audit import Verb, audit_record
from claims.models import Conflict, ConflictVariant, ConsensusEntry
from claims.pipeline.text import says
from claims.services.drafts import reopen_draft
from claims.services.locking import STALE_CONFLICT, fresh_row, save_versioned


def _conflict_current(conflict: Conflict, expected_version: int | None) -> Conflict:
    return fresh_row(conflict, expected_version=expected_version, stale=STALE_CONFLICT,
                  gone=_("This conflict no longer exists; reload the list."))


@transaction.atomic
def conflict_resolve(
    *, conflict: Conflict, user, variant: ConflictVariant | None = None, resolution: str = "", note: str = "",
    expected_version: int | None = None,
) -> Conflict:
    """Settle a conflict with one source's variant or a value the editor writes, and a note for readers."""
    permissions.require_review(user, conflict.explainer)
    explainer_lock(conflict.explainer_id)
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
    save_versioned(conflict, stale=STALE_CONFLICT, status=Conflict.Status.RESOLVED, resolution=resolution[:500],
                    resolution_note=note or "", resolved_by=user, resolved_at=timezone.now())
    audit_record(explainer=conflict.explainer, actor=user, verb=Verb.CONFLICT_RESOLVED, note=note, conflict=conflict,
                 entry=conflict.entry, data={"resolution": conflict.resolution,
                                             "variant": variant.pk if variant is not None else None})
    reopen_draft(conflict.explainer, user)
    return conflict


@transaction.atomic
def conflict_dismiss(*, conflict: Conflict, user, note: str = "", expected_version: int | None = None) -> Conflict:
    """Set a conflict aside as not a real disagreement; readers never see it."""
    permissions.require_review(user, conflict.explainer)
    explainer_lock(conflict.explainer_id)
    conflict = _conflict_current(conflict, expected_version)
    if conflict.status == Conflict.Status.DISMISSED:
        raise ValidationError(_("This conflict is already dismissed."))
    save_versioned(conflict, stale=STALE_CONFLICT, status=Conflict.Status.DISMISSED, resolved_by=user,
                    resolved_at=timezone.now(), resolution_note=note or conflict.resolution_note)
    audit_record(explainer=conflict.explainer, actor=user, verb=Verb.CONFLICT_DISMISSED, note=note, conflict=conflict)
    reopen_draft(conflict.explainer, user)
    return conflict


@transaction.atomic
def conflict_reopen(*, conflict: Conflict, user, note: str = "", expected_version: int | None = None) -> Conflict:
    """Put a resolved or dismissed conflict back in the open list."""
    permissions.require_review(user, conflict.explainer)
    explainer_lock(conflict.explainer_id)
    conflict = _conflict_current(conflict, expected_version)
    if conflict.status == Conflict.Status.OPEN:
        raise ValidationError(_("This conflict is already open."))
    save_versioned(conflict, stale=STALE_CONFLICT, status=Conflict.Status.OPEN, resolution="", resolved_by=None,
                    resolved_at=None)
    audit_record(explainer=conflict.explainer, actor=user, verb=Verb.CONFLICT_REOPENED, note=note, conflict=conflict)
    reopen_draft(conflict.explainer, user)
    return conflict


def statements_still_saying_otherwise(conflict: Conflict) -> list[ConsensusEntry]:
    """The entries, not rejected, that one of the conflict's passages supports and whose statement gives a value
    the resolution did not choose ("41 percent" once "38 percent" is settled): resolving a conflict does not
    rewrite a statement, so the editor is told which ones to look at."""
    variants = list(conflict.variants.all())
    chosen = conflict.resolution.strip().casefold()
    # A value the resolution restates in other words ("about 12,000 vehicles" for "12,000 vehicles") is the one
    # chosen, not another.
    others = {v.value.strip().casefold() for v in variants} - {chosen, ""}
    others = {value for value in others if not says(value, chosen)}
    claim_ids = [v.claim_id for v in variants if v.claim_id]
    if not chosen or not others or not claim_ids:
        return []
    entries = (ConsensusEntry.objects.filter(explainer_id=conflict.explainer_id, claims__in=claim_ids)
               .exclude(status=ConsensusEntry.Status.REJECTED).distinct().order_by("pk"))
    return [entry for entry in entries if not says(chosen, entry.statement)
            and any(says(value, entry.statement) for value in others)]
