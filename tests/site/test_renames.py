"""Renaming an explainer: its public address changes, and every link to the old one keeps working."""
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from articles.models import Explainer, FormerSlug
from articles.services import explainer_rename
from claims.models import AuditEntry
from tests.claims.conftest import CHIEF_GROUP, EDITOR_GROUP, user_make

OLD, NEW = "/explainers/anora-ending/", "/explainers/why-ani-cries/"


@pytest.fixture
def chief(db):
    return user_make("chief", CHIEF_GROUP)


def rename(explainer, chief, slug, capture) -> None:
    with capture(execute=True):  # the cache hears of it once the rename commits
        explainer_rename(explainer=explainer, user=chief, slug=slug)


def test_every_page_under_the_old_address_sends_readers_on_to_the_same_page_under_the_new_one(
        client, published, chief, django_capture_on_commit_callbacks):
    explainer = published.explainer
    article = explainer.articles.order_by("origin").first()
    pages = ["", f"sources/{article.pk}/", "matrix/", "history/", "revisions/1/", "revisions/1/matrix/",
             f"revisions/1/sources/{article.pk}/"]
    assert all(client.get(OLD + page).status_code == 200 for page in pages)  # cached under the old address

    rename(explainer, chief, "why-ani-cries", django_capture_on_commit_callbacks)

    for page in pages:
        response = client.get(OLD + page + "?utm=x")
        assert response.status_code == 301, page
        assert response["Location"] == NEW + page + "?utm=x"
        html = client.get(NEW + page).content.decode()
        assert "anora-ending" not in " ".join(re.findall(r'(?:href|src)="([^"]*)"', html)), page
    moved = client.get("/explainers/anora-ending.json")
    assert moved.status_code == 301 and moved["Location"] == "/explainers/why-ani-cries.json"
    assert json.loads(client.get("/explainers/why-ani-cries.json").content)["slug"] == "why-ani-cries"
    assert "/explainers/why-ani-cries/" in client.get("/").content.decode()
    assert client.get("/explainers/never-was/").status_code == 404


def test_a_rename_is_recorded_and_going_back_frees_the_address(published, chief,
                                                               django_capture_on_commit_callbacks):
    explainer = published.explainer
    rename(explainer, chief, "why-ani-cries", django_capture_on_commit_callbacks)
    audit = AuditEntry.objects.get(verb="explainer renamed")
    assert (audit.actor, audit.data) == (chief, {"old": "anora-ending", "new": "why-ani-cries"})
    assert list(FormerSlug.objects.values_list("slug", flat=True)) == ["anora-ending"]

    rename(explainer, chief, "anora-ending", django_capture_on_commit_callbacks)
    assert Explainer.objects.get().slug == "anora-ending"
    assert list(FormerSlug.objects.values_list("slug", flat=True)) == ["why-ani-cries"]


def test_a_rename_is_refused_for_editors_bad_slugs_and_addresses_that_are_or_were_someone_elses(
        published, chief, django_capture_on_commit_callbacks):
    explainer = published.explainer
    other = Explainer.objects.create(slug="bridge-closure", title="The bridge closure")
    with pytest.raises(PermissionDenied):
        explainer_rename(explainer=explainer, user=user_make("editor", EDITOR_GROUP), slug="why-ani-cries")
    for bad, message in [("Why_Ani", "single hyphens only"), ("bridge-closure", "another explainer's")]:
        with pytest.raises(ValidationError, match=message):
            explainer_rename(explainer=explainer, user=chief, slug=bad)
    rename(other, chief, "adela-bridge", django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="another explainer's"):  # old links to it must keep going there
        explainer_rename(explainer=explainer, user=chief, slug="bridge-closure")
    assert Explainer.objects.get(pk=explainer.pk).slug == "anora-ending"
    assert not AuditEntry.objects.filter(explainer=explainer, verb="explainer renamed").exists()


def test_a_rename_alone_gives_nothing_to_publish(imported_seeds, django_capture_on_commit_callbacks):
    from claims.models import ClaimKind, ConsensusEntry
    from claims.services.publishing import explainer_is_current, explainer_publish, explainer_submit
    from tests.claims.conftest import claim_make, entry_make

    editor, chief = user_make("editor", EDITOR_GROUP), user_make("chief", CHIEF_GROUP)
    a = imported_seeds.articles.order_by("origin").first()
    entry_make(imported_seeds, "Mikey Madison won the Best Actress Oscar.",
               [claim_make(a, "won the Best Actress Oscar", kind=ClaimKind.PRODUCTION)],
               kind=ClaimKind.PRODUCTION, status=ConsensusEntry.Status.APPROVED)
    imported_seeds.articles.update(needs_extraction=False)
    explainer_submit(explainer=imported_seeds, user=editor)
    explainer_publish(explainer=imported_seeds, user=chief)
    rename(imported_seeds, chief, "why-ani-cries", django_capture_on_commit_callbacks)
    assert explainer_is_current(explainer=imported_seeds)
    with pytest.raises(ValidationError, match="Nothing has changed"):
        explainer_submit(explainer=imported_seeds, user=editor)


def test_chief_editors_rename_on_the_explainer_page_and_editors_cannot(client, published, chief,
                                                                      django_capture_on_commit_callbacks):
    explainer = published.explainer
    url = reverse("admin:articles_explainer_change", args=[explainer.pk])
    editor = user_make("editor", EDITOR_GROUP)
    client.force_login(editor)
    assert client.post(url, {"slug": "forged", "editors": []}).status_code == 403

    client.force_login(chief)
    page = client.get(url).content.decode()
    assert 'name="slug"' in page and 'name="title"' not in page  # the title is the draft's to change
    refused = client.post(url, {"slug": "Bad_Slug", "editors": []})
    assert refused.status_code == 200 and "single hyphens only" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"slug": "why-ani-cries", "editors": [editor.pk], "restricted": "on"})
    assert response.status_code == 302
    explainer.refresh_from_db()
    assert (explainer.slug, explainer.restricted, list(explainer.editors.all())) == ("why-ani-cries", True, [editor])
    assert explainer.former_slugs.get().slug == "anora-ending"
    assert client.get(OLD)["Location"] == NEW
