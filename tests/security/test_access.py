"""Who can change what: CSRF on every editorial POST, forged fields and roles, user management, and
restricted explainers closed to editors who are not listed on them."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article, Explainer
from claims.models import AuditEntry, ConsensusEntry, Draft, Revision
from tests.claims.conftest import user_make

from . import hostile
from .inert import MARKER


def csrf_client(user) -> tuple[Client, str]:
    """A client that checks CSRF like a browser, and a token from a form it loaded."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get(reverse("admin:claims_consensusentry_changelist")).content.decode()
    return client, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def editorial_posts(site) -> dict[str, tuple[str, dict]]:
    """Every state-changing POST of the editorial admin and the preview endpoint, with a plausible body."""
    entry, other = site.entries[0], site.entries[-1]
    claim = entry.supports.first().claim
    conflict, draft, alias = site.conflicts[0], site.draft, site.aliases[0]
    changelist = reverse("admin:claims_consensusentry_changelist")
    return {
        "approve": (reverse("admin:claims_consensusentry_approve", args=[other.pk]), {"version": other.version}),
        "reject": (reverse("admin:claims_consensusentry_reject", args=[entry.pk]), {"version": entry.version}),
        "split": (reverse("admin:claims_consensusentry_split", args=[entry.pk]), {"split_claim": claim.pk}),
        "attach": (reverse("admin:claims_consensusentry_attach", args=[entry.pk]), {"attach_claim": claim.pk}),
        "entry form": (reverse("admin:claims_consensusentry_change", args=[entry.pk]),
                       {"statement": "Changed.", "kind": entry.kind, "version": entry.version}),
        "bulk action": (changelist, {"action": "approve_selected", "_selected_action": [other.pk]}),
        "conflict form": (reverse("admin:claims_conflict_change", args=[conflict.pk]),
                          {"resolution": "Gamik", "resolution_note": "", "version": conflict.version}),
        "conflict dismiss": (reverse("admin:claims_conflict_dismiss", args=[conflict.pk]), {}),
        "conflict reopen": (reverse("admin:claims_conflict_reopen", args=[conflict.pk]), {}),
        "alias add": (reverse("admin:claims_alias_add"),
                      {"explainer": site.explainer.pk, "name": "Ferry", "person": "Boat", "status": "confirmed"}),
        "alias form": (reverse("admin:claims_alias_change", args=[alias.pk]),
                       {"name": "Other", "person": "Boat", "status": "confirmed"}),
        "draft form": (reverse("admin:claims_draft_change", args=[draft.pk]),
                       {"introduction": "New.", "spoilers": "on", "version": draft.version}),
        "submit": (reverse("admin:claims_draft_submit", args=[draft.pk]), {"version": draft.version}),
        "send back": (reverse("admin:claims_draft_send_back", args=[draft.pk]), {"note": "No."}),
        "publish": (reverse("admin:claims_draft_publish", args=[draft.pk]), {"version": draft.version}),
        "default sections": (reverse("admin:claims_draft_default_sections", args=[draft.pk]), {}),
        "arrange": (reverse("admin:claims_draft_arrange", args=[draft.pk]), {"new_section": "S"}),
        "build": (reverse("admin:claims_consensusbuild_start"), {"explainer": site.explainer.pk}),
        "upload": (reverse("admin:articles_article_upload"), {"explainer": site.explainer.pk}),
        "markdown preview": ("/markdownx/markdownify/", {"content": "**x**"}),
        "logout": (reverse("admin:logout"), {}),
    }


POSTS = ["approve", "reject", "split", "attach", "entry form", "bulk action", "conflict form", "conflict dismiss",
         "conflict reopen", "alias add", "alias form", "draft form", "submit", "send back", "publish",
         "default sections", "arrange", "build", "upload", "markdown preview", "logout"]


def snapshot(site) -> tuple:
    """What any of the POSTs would change."""
    return (
        list(ConsensusEntry.objects.filter(explainer=site.explainer).order_by("id").values_list("version", "status")),
        AuditEntry.objects.count(), Revision.objects.count(), Draft.objects.get(pk=site.draft.pk).version,
        Article.objects.count(),
    )


@pytest.mark.parametrize("name", POSTS)
def test_every_editorial_post_needs_the_csrf_token(site, name):
    client, token = csrf_client(site.chief)
    path, data = editorial_posts(site)[name]
    if name == "upload":
        data = {**data, "files": SimpleUploadedFile("new.txt", b"A new article about the harbour.\n")}
    before = snapshot(site)
    response = client.post(path, data)
    assert response.status_code == 403, f"{name}: {response.status_code}"
    assert b"CSRF" in response.content
    assert snapshot(site) == before
    if name == "upload":
        data["files"].seek(0)
    assert client.post(path, {**data, "csrfmiddlewaretoken": token}).status_code != 403, name


def test_a_token_from_another_session_is_refused(site):
    _client, token = csrf_client(site.editor)
    client = Client(enforce_csrf_checks=True)
    client.force_login(site.chief)
    entry = site.entries[-1]
    response = client.post(reverse("admin:claims_consensusentry_approve", args=[entry.pk]),
                           {"version": entry.version, "csrfmiddlewaretoken": token})
    assert response.status_code == 403
    assert ConsensusEntry.objects.get(pk=entry.pk).status == entry.status


# Roles


def test_an_editor_cannot_record_a_decision_or_publication_in_a_chief_s_name(site):
    """Forged fields on the forms an editor can use are ignored: status and who decided are the services' to set."""
    client, token = csrf_client(site.editor)
    entry = site.entries[-1]
    entry.refresh_from_db()
    client.post(reverse("admin:claims_consensusentry_change", args=[entry.pk]), {
        "statement": "Forged.", "kind": entry.kind, "version": entry.version, "status": "approved",
        "decided_by": site.chief.pk, "csrfmiddlewaretoken": token,
    })
    entry.refresh_from_db()
    assert entry.statement == "Forged." and entry.decided_by_id != site.chief.pk
    assert entry.status != "approved" or entry.decided_by_id == site.editor.pk

    draft = Draft.objects.get(pk=site.draft.pk)
    revisions = Revision.objects.count()
    client.post(reverse("admin:claims_draft_change", args=[draft.pk]), {
        "title": draft.explainer.title, "introduction": "Forged intro.", "spoilers": "on", "version": draft.version,
        "status": "published",
        "submitted_by": site.chief.pk, "csrfmiddlewaretoken": token,
    })
    draft.refresh_from_db()
    assert draft.introduction == "Forged intro." and draft.status == "draft"
    assert draft.submitted_by_id != site.chief.pk or AuditEntry.objects.filter(verb="submitted", actor=site.chief).exists()
    assert Revision.objects.count() == revisions


def test_an_editor_cannot_publish_or_send_back_even_with_a_valid_token(site):
    from claims.services.publishing import explainer_submit
    from claims.services.review import entry_edit

    entry_edit(entry=site.entries[0], user=site.editor, statement="Reworded for review.")
    draft = explainer_submit(explainer=site.explainer, user=site.editor)
    client, token = csrf_client(site.editor)
    for name in ("admin:claims_draft_publish", "admin:claims_draft_send_back"):
        response = client.post(reverse(name, args=[draft.pk]),
                               {"version": draft.version, "note": "x", "csrfmiddlewaretoken": token})
        assert response.status_code == 403, name
    assert Draft.objects.get(pk=draft.pk).status == "in_review"
    assert Revision.objects.filter(explainer=site.explainer).count() == 2


@pytest.mark.parametrize("who", ["editor", "chief"])
def test_editorial_staff_cannot_manage_users_or_groups(site, who):
    from django.contrib.auth.models import Group

    user = getattr(site, who)
    client, token = csrf_client(user)
    group = Group.objects.get(name="Editor")
    pages = [
        reverse("admin:auth_user_changelist"), reverse("admin:auth_user_add"),
        reverse("admin:auth_user_change", args=[user.pk]), reverse("admin:auth_user_password_change", args=[user.pk]),
        reverse("admin:auth_group_changelist"), reverse("admin:auth_group_change", args=[group.pk]),
    ]
    for path in pages:
        assert client.get(path).status_code == 403, path
    response = client.post(reverse("admin:auth_user_change", args=[user.pk]), {
        "username": user.username, "is_staff": "on", "is_superuser": "on", "is_active": "on",
        "groups": [Group.objects.get(name="Chief editor").pk], "csrfmiddlewaretoken": token,
    })
    assert response.status_code == 403
    response = client.post(reverse("admin:auth_group_change", args=[group.pk]),
                           {"name": "Editor", "permissions": [], "csrfmiddlewaretoken": token})
    assert response.status_code == 403
    user.refresh_from_db()
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editor" if who == "editor" else "Chief editor"]
    assert group.permissions.count() > 10


# Restricted explainers


@pytest.fixture
def restricted(site):
    """The hostile explainer restricted to its listed editor; another editor works elsewhere."""
    site.explainer.restricted = True
    site.explainer.save()
    outsider = user_make("unlisted-editor", "Editor")
    client = Client()
    client.force_login(outsider)
    return site, outsider, client


def test_an_unlisted_editor_sees_nothing_of_a_restricted_explainer_in_the_lists(restricted):
    site, _outsider, client = restricted
    for name in ("consensusentry", "claim", "conflict", "alias", "draft", "revision", "auditentry", "consensusbuild"):
        response = client.get(reverse(f"admin:claims_{name}_changelist"))
        assert response.status_code == 200
        assert response.context["cl"].result_count == 0, name
    response = client.get(reverse("admin:claims_consensusentry_changelist") + f"?q={MARKER}")
    assert response.context["cl"].result_count == 0


def test_an_unlisted_editor_does_not_see_a_restricted_explainer_in_the_explainers_admin(restricted):
    site, _outsider, client = restricted
    Explainer.objects.create(slug="open-topic", title="An open topic")
    response = client.get(reverse("admin:articles_explainer_changelist"))
    assert response.status_code == 200
    assert [e.slug for e in response.context["cl"].result_list] == ["open-topic"]
    assert escape(site.explainer.title) not in response.content.decode()
    response = client.get(reverse("admin:articles_explainer_change", args=[site.explainer.pk]))
    assert response.status_code in (302, 403, 404) and escape(site.explainer.title) not in response.content.decode()
    listed = Client()
    listed.force_login(site.editor)
    response = listed.get(reverse("admin:articles_explainer_changelist"))
    assert site.explainer.slug in [e.slug for e in response.context["cl"].result_list]


def test_an_unlisted_editor_does_not_see_a_restricted_explainer_named_in_list_filters(restricted):
    site, _outsider, client = restricted
    other = Explainer.objects.create(slug="open-topic", title="An open topic")
    Explainer.objects.create(slug="second-open-topic", title="A second open topic")  # a filter needs two choices
    lists = [f"admin:claims_{name}_changelist" for name in
             ("consensusentry", "claim", "conflict", "alias", "revision", "auditentry", "consensusbuild")]
    for name in lists + ["admin:articles_article_changelist"]:
        page = client.get(reverse(name)).content.decode()
        assert f"explainer__id__exact={other.pk}" in page, name
        assert f"explainer__id__exact={site.explainer.pk}" not in page, name
        assert escape(site.explainer.title) not in page, name


def test_an_unlisted_editor_cannot_open_a_restricted_explainer_s_drafts(restricted):
    site, _outsider, client = restricted
    draft, (first, second) = site.draft, site.revisions
    pages = [
        reverse("admin:claims_draft_change", args=[draft.pk]),
        reverse("admin:claims_draft_arrange", args=[draft.pk]),
        reverse("admin:claims_draft_compare", args=[draft.pk]),
        reverse("admin:claims_draft_open", args=[site.explainer.pk]),
        reverse("admin:claims_consensusentry_change", args=[site.entries[0].pk]),
        reverse("admin:claims_conflict_change", args=[site.conflicts[0].pk]),
        reverse("admin:claims_alias_change", args=[site.aliases[0].pk]),
        reverse("admin:claims_revision_change", args=[first.pk]),
        reverse("admin:claims_revision_compare", args=[first.pk, second.pk]),
        reverse("admin:claims_revision_compare_previous", args=[second.pk]),
        f"/explainers/{hostile.SLUG}/preview/",
        f"/explainers/{hostile.SLUG}/preview/sources/{site.articles[0].pk}/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code in (302, 403, 404), f"{path}: {response.status_code}"
        assert MARKER not in response.content.decode(), path
    listed = Client()
    listed.force_login(site.editor)
    assert listed.get(pages[0]).status_code == 200 and listed.get(pages[-2]).status_code == 200


def test_an_unlisted_editor_cannot_change_a_restricted_explainer(restricted):
    site, outsider, _client = restricted
    client, token = csrf_client(outsider)
    entry = site.entries[-1]
    before = snapshot(site)
    for path, data in [
        (reverse("admin:claims_consensusentry_approve", args=[entry.pk]), {"version": entry.version}),
        (reverse("admin:claims_draft_submit", args=[site.draft.pk]), {"version": site.draft.version}),
        (reverse("admin:claims_consensusbuild_start"), {"explainer": site.explainer.pk}),
        (reverse("admin:claims_alias_add"), {"explainer": site.explainer.pk, "name": "A", "person": "B",
                                             "status": "confirmed"}),
    ]:
        response = client.post(path, {**data, "csrfmiddlewaretoken": token})
        assert response.status_code in (200, 302, 400, 403, 404), path
        assert MARKER not in response.content.decode() and escape(site.explainer.title) not in \
            response.content.decode(), path
    assert snapshot(site) == before
    assert not site.explainer.aliases.filter(name="A").exists()


def test_an_unlisted_editor_cannot_upload_sources_into_a_restricted_explainer(restricted):
    site, outsider, _client = restricted
    client, token = csrf_client(outsider)
    origin = site.articles[1].origin
    before = Article.objects.get(pk=site.articles[1].pk).raw_text
    upload = reverse("admin:articles_article_upload")
    assert f'<option value="{site.explainer.pk}"' not in client.get(upload).content.decode()
    for data in ({"explainer": site.explainer.pk}, {"slug": hostile.SLUG}):
        response = client.post(upload, {**data, "csrfmiddlewaretoken": token,
                                         "files": SimpleUploadedFile(origin, b"Replaced by someone not listed.\n")})
        assert response.status_code == 200  # the form again, with the reason
        assert Article.objects.get(pk=site.articles[1].pk).raw_text == before
        assert site.explainer.articles.count() == 4


def test_an_unlisted_editor_cannot_read_a_restricted_explainer_s_sources_in_admin(restricted):
    site, _outsider, client = restricted
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200 and response.context["cl"].result_count == 0
    response = client.get(reverse("admin:articles_article_change", args=[site.articles[0].pk]))
    assert response.status_code in (302, 403, 404) and MARKER not in response.content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/",
                                    "javascript:alert(1)"])
def test_one_click_buttons_never_send_the_editor_off_site(site, target):
    client, token = csrf_client(site.editor)
    entry = site.entries[-1]
    response = client.post(reverse("admin:claims_consensusentry_reject", args=[entry.pk]),
                           {"version": entry.version, "next": target, "csrfmiddlewaretoken": token},
                           HTTP_REFERER=target)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_consensusentry_changelist")
