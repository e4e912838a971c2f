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


def editor_and_chief_with_an_approved_entry(explainer):
    """An editor, a chief editor, and one approved entry the explainer can be published with."""
    from claims.models import ClaimKind, ConsensusEntry
    from tests.claims.conftest import claim_make, entry_make

    a = explainer.articles.order_by("origin").first()
    entry_make(explainer, "Mikey Madison won the Best Actress Oscar.",
               [claim_make(a, "won the Best Actress Oscar", kind=ClaimKind.PRODUCTION)],
               kind=ClaimKind.PRODUCTION, status=ConsensusEntry.Status.APPROVED)
    explainer.articles.update(needs_extraction=False)  # the claim stands for a consensus build
    return user_make("editor", EDITOR_GROUP), user_make("chief", CHIEF_GROUP)


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
    from claims.services.publishing import explainer_is_current, explainer_publish, explainer_submit

    editor, chief = editor_and_chief_with_an_approved_entry(imported_seeds)
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
    refused = client.post(url, {"slug": "Bad_Slug", "shown_slug": "anora-ending", "editors": []})
    assert refused.status_code == 200 and "single hyphens only" in refused.content.decode()
    assert "underscores" not in refused.content.decode()
    Explainer.objects.create(slug="bridge-closure", title="The bridge closure")
    taken = client.post(url, {"slug": "bridge-closure", "shown_slug": "anora-ending", "editors": []})
    assert "Another explainer has this address already." in taken.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"slug": "why-ani-cries", "shown_slug": "anora-ending", "editors": [editor.pk],
                                     "restricted": "on"})
    assert response.status_code == 302
    explainer.refresh_from_db()
    assert (explainer.slug, explainer.restricted, list(explainer.editors.all())) == ("why-ani-cries", True, [editor])
    assert explainer.former_slugs.get().slug == "anora-ending"
    assert client.get(OLD)["Location"] == NEW


def test_the_new_address_serves_at_once_even_if_it_was_asked_for_before(client, published, chief,
                                                                           django_capture_on_commit_callbacks):
    assert client.get(NEW).status_code == 404  # remembered as "nothing published here"
    rename(published.explainer, chief, "why-ani-cries", django_capture_on_commit_callbacks)
    assert client.get(NEW).status_code == 200


def test_redirects_expire_so_renaming_back_never_loops(client, published, chief, django_capture_on_commit_callbacks):
    from django.conf import settings

    rename(published.explainer, chief, "why-ani-cries", django_capture_on_commit_callbacks)
    assert client.get(OLD)["Cache-Control"] == f"max-age={settings.PUBLIC_CACHE_SECONDS}"
    rename(published.explainer, chief, "anora-ending", django_capture_on_commit_callbacks)
    assert client.get(OLD).status_code == 200
    assert client.get(NEW)["Location"] == OLD


def test_an_unpublished_explainers_new_address_is_not_given_away(client, imported_seeds, chief,
                                                                 django_capture_on_commit_callbacks):
    rename(imported_seeds, chief, "embargoed-topic", django_capture_on_commit_callbacks)
    assert client.get(OLD).status_code == 404
    client.force_login(chief)
    preview = client.get(OLD + "preview/")
    assert preview.status_code == 404 and "embargoed" not in preview.get("Location", "")


def test_a_renamed_explainers_preview_redirect_is_not_cached(client, published, chief,
                                                             django_capture_on_commit_callbacks):
    rename(published.explainer, chief, "why-ani-cries", django_capture_on_commit_callbacks)
    client.force_login(chief)
    response = client.get(OLD + "preview/")
    assert response.status_code == 301 and response["Location"] == NEW + "preview/"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_an_old_address_is_not_given_to_a_new_explainer(client, published, chief, seed_paths,
                                                        django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.services import explainer_for_import

    rename(published.explainer, chief, "why-ani-cries", django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="renamed “why-ani-cries”"):
        explainer_for_import(slug="anora-ending", title="Something else")
    client.force_login(chief)
    response = client.post(reverse("admin:articles_article_upload"), {
        "slug": "anora-ending", "title": "Something else",
        "files": [SimpleUploadedFile("a.txt", seed_paths[0].read_bytes())]})
    page = response.content.decode()
    assert response.status_code == 200 and "before it was renamed" in page
    assert "why-ani-cries" not in page  # the explainer may be restricted to others: its new address stays unsaid
    assert Explainer.objects.count() == 1


def test_saving_the_explainer_page_after_someone_else_renamed_it_keeps_their_rename(
        client, published, chief, django_capture_on_commit_callbacks):
    explainer = published.explainer
    url = reverse("admin:articles_explainer_change", args=[explainer.pk])
    client.force_login(chief)
    assert 'name="shown_slug" value="anora-ending"' in client.get(url).content.decode()
    rename(explainer, user_make("chief2", CHIEF_GROUP), "why-ani-cries", django_capture_on_commit_callbacks)

    response = client.post(url, {"slug": "anora-ending", "shown_slug": "anora-ending", "restricted": "on",
                                 "editors": []})
    assert response.status_code == 200 and "Someone renamed this explainer" in response.content.decode()
    explainer.refresh_from_db()
    assert (explainer.slug, explainer.restricted) == ("why-ani-cries", False)


def test_the_explainer_page_does_not_write_back_a_title_it_only_shows(client, published, chief):
    explainer = published.explainer
    url = reverse("admin:articles_explainer_change", args=[explainer.pk])
    client.force_login(chief)
    client.get(url)
    Explainer.objects.filter(pk=explainer.pk).update(title="Retitled on the draft page meanwhile")
    original_save = Explainer.save

    def save_with_stale_title(self, *args, **kwargs):  # the row as the admin read it, before the retitle
        self.title = "The ending of Anora, explained"
        return original_save(self, *args, **kwargs)

    Explainer.save = save_with_stale_title
    try:
        response = client.post(url, {"slug": "anora-ending", "shown_slug": "anora-ending", "restricted": "on",
                                     "editors": []})
    finally:
        Explainer.save = original_save
    assert response.status_code == 302
    explainer.refresh_from_db()
    assert (explainer.title, explainer.restricted) == ("Retitled on the draft page meanwhile", True)


def test_publishing_with_an_explainer_read_before_a_rename_refreshes_the_new_address(
        client, imported_seeds, django_capture_on_commit_callbacks):
    from claims.services.publishing import explainer_publish, explainer_submit

    editor, chief = editor_and_chief_with_an_approved_entry(imported_seeds)
    stale = Explainer.objects.get(pk=imported_seeds.pk)  # read before the rename
    rename(imported_seeds, chief, "why-ani-cries", django_capture_on_commit_callbacks)
    assert client.get(NEW).status_code == 404  # cached: nothing published here yet
    explainer_submit(explainer=imported_seeds, user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        revision = explainer_publish(explainer=stale, user=chief)
    assert revision.content["slug"] == "why-ani-cries"
    assert client.get(NEW).status_code == 200
