"""Saving with a version check: the optimistic locking the editorial workflow services share.

Entries, conflicts and drafts carry a ``version`` that every save raises by one. A service reads the row as
it is now (refused if it is gone or no longer at the version the editor opened), then writes with a
conditional UPDATE on that version, so of two people saving at once the second is refused with one of the
``STALE_*`` messages below instead of overwriting the first.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

STALE_ENTRY = gettext_lazy("This entry was changed by someone else since you opened it; reload and try again.")
STALE_DRAFT = gettext_lazy("This explainer's draft was changed by someone else since you opened it; reload and try again.")
STALE_CONFLICT = gettext_lazy("This conflict was changed by someone else since you opened it; reload and try again.")


def fresh_row(obj: models.Model, *, expected_version: int | None, stale: str, gone: str) -> models.Model:
    """The row as it is now in the database; refused if it is gone or no longer at ``expected_version``."""
    model = type(obj)
    current = model.objects.select_related("explainer").filter(pk=obj.pk).first()
    if current is None:
        raise ValidationError(gone)
    if expected_version is not None and current.version != int(expected_version):
        raise ValidationError(stale)
    return current


def save_versioned(obj: models.Model, *, stale: str, **changes) -> None:
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
