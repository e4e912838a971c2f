"""Who may do what: groups, permissions checked in the services, restricted explainers."""
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from claims import permissions
from claims.models import ConsensusEntry, Draft, Revision
from claims.services.conflicts import conflict_resolve
from claims.services.drafts import draft_edit
from claims.services.publishing import explainer_publish, explainer_send_back, explainer_submit
from claims.services.review import entry_approve

from .conftest import user_make

pytestmark = pytest.mark.django_db


def test_the_migration_creates_both_groups_with_real_permissions():
    editor = {f"{p.content_type.app_label}.{p.codename}" for p in Group.objects.get(name="Editor").permissions.all()}
    chief = {f"{p.content_type.app_label}.{p.codename}" for p in Group.objects.get(name="Chief editor").permissions.all()}
    assert {"claims.review_entry", "claims.submit_draft"} <= editor
    assert "claims.publish_draft" not in editor
    assert chief == editor | {"claims.publish_draft", "articles.access_restricted", "articles.change_explainer"}
    assert "articles.change_explainer" not in editor, "only chief editors rename explainers and say who works on them"
    assert not {p for p in chief if p.startswith("auth.")}, "editors must never manage users or groups"


def test_editor_cannot_publish_or_send_back(imported_seeds, entries, editor, editor2):
    entry_approve(entry=entries[0], user=editor)
    explainer_submit(explainer=imported_seeds, user=editor)
    with pytest.raises(PermissionDenied, match="chief editor"):
        explainer_publish(explainer=imported_seeds, user=editor2)
    with pytest.raises(PermissionDenied, match="chief editor"):
        explainer_send_back(explainer=imported_seeds, user=editor2, comment="no")
    assert not Revision.objects.exists() and Draft.objects.get().status == "in_review"


def test_staff_outside_the_groups_can_do_nothing(imported_seeds, entries, conflict, outsider):
    with pytest.raises(PermissionDenied):
        entry_approve(entry=entries[0], user=outsider)
    with pytest.raises(PermissionDenied):
        conflict_resolve(conflict=conflict, user=outsider, resolution="x")
    with pytest.raises(PermissionDenied):
        draft_edit(explainer=imported_seeds, user=outsider, introduction="x", spoilers=True)
    with pytest.raises(PermissionDenied):
        explainer_submit(explainer=imported_seeds, user=outsider)
    assert ConsensusEntry.objects.get(pk=entries[0].pk).status == "proposed"


def test_chief_editor_can_do_everything_an_editor_does(imported_seeds, entries, chief):
    entry_approve(entry=entries[0], user=chief)
    explainer_submit(explainer=imported_seeds, user=chief)
    assert Draft.objects.get().status == "in_review"


def test_restricted_explainer_is_closed_to_unlisted_editors(imported_seeds, entries, editor, editor2, chief):
    imported_seeds.restricted = True
    imported_seeds.save()
    imported_seeds.editors.add(editor)
    assert permissions.can_review(editor, imported_seeds)
    assert not permissions.can_review(editor2, imported_seeds)
    assert permissions.can_review(chief, imported_seeds)
    assert list(permissions.explainers_visible(editor2)) == []
    with pytest.raises(PermissionDenied):
        entry_approve(entry=entries[0], user=editor2)


def test_inactive_or_non_staff_users_have_no_access(imported_seeds):
    inactive = user_make("gone", "Chief editor", is_active=False)
    reader = user_make("reader", "Editor")
    reader.is_staff = False
    reader.save()
    assert not permissions.can_publish(inactive, imported_seeds)
    assert not permissions.can_review(reader, imported_seeds)
