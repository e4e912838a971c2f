"""The audit log: entries written in demo mode are marked as demo."""
import pytest

from claims.audit import demo_mode
from claims.models import AuditEntry
from claims.services.review import entry_approve

pytestmark = pytest.mark.django_db


def test_demo_mode_marks_audit_entries(entries, editor):
    with demo_mode():
        entry_approve(entry=entries[0], user=editor, note="scripted demo")
    entry_approve(entry=entries[1], user=editor)
    assert list(AuditEntry.objects.order_by("id").values_list("is_demo", flat=True)) == [True, False]
