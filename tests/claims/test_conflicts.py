"""Conflicts between sources: resolve, dismiss and reopen, with version checks."""
import pytest
from django.core.exceptions import ValidationError

from claims.models import AuditEntry
from claims.services.conflicts import conflict_dismiss, conflict_reopen, conflict_resolve

pytestmark = pytest.mark.django_db


def test_resolve_by_choosing_a_variant(conflict, editor):
    variant = conflict.variants.get(value="Garnick")
    conflict_resolve(conflict=conflict, user=editor, variant=variant, note="The credits spell it Garnick.",
                     expected_version=1)
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution, conflict.resolved_by) == ("resolved", "Garnick", editor)
    assert conflict.resolution_note == "The credits spell it Garnick."
    assert AuditEntry.objects.get(conflict=conflict).verb == "conflict resolved"


def test_resolve_by_writing_the_value(conflict, editor):
    conflict_resolve(conflict=conflict, user=editor, resolution="Garnik", note="Per the credits.")
    conflict.refresh_from_db()
    assert conflict.resolution == "Garnik"


def test_resolve_needs_a_value(conflict, editor):
    with pytest.raises(ValidationError, match="Choose one of the variants"):
        conflict_resolve(conflict=conflict, user=editor)


def test_concurrent_conflict_resolutions_second_is_refused(conflict, editor, editor2):
    conflict_resolve(conflict=conflict, user=editor, resolution="Garnick", expected_version=1)
    with pytest.raises(ValidationError, match="changed by someone else"):
        conflict_resolve(conflict=conflict, user=editor2, resolution="Gamik", expected_version=1)
    conflict.refresh_from_db()
    assert conflict.resolution == "Garnick"


def test_dismiss_and_reopen(conflict, editor):
    conflict_dismiss(conflict=conflict, user=editor, note="Same person")
    with pytest.raises(ValidationError, match="reopen"):
        conflict_resolve(conflict=conflict, user=editor, resolution="x")
    conflict_reopen(conflict=conflict, user=editor)
    conflict.refresh_from_db()
    assert conflict.status == "open"
