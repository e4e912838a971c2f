"""Staff preview of a draft: same templates, the draft's data, staff only, never cached."""
import pytest
from django.core.cache import cache

from tests.site.htmlcheck import Page

URL = "/explainers/anora-ending/preview/"


@pytest.fixture
def draft_entry(imported_seeds):
    from claims.models import ConsensusEntry, Draft

    Draft.objects.create(explainer=imported_seeds, introduction="Draft *introduction*.", spoilers=True)
    return ConsensusEntry.objects.create(
        explainer=imported_seeds, statement="A draft statement.", status=ConsensusEntry.Status.APPROVED
    )


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("editor", password="pw", is_staff=True)


def test_anonymous_readers_are_sent_to_the_admin_login(client, draft_entry):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_logged_in_non_staff_cannot_preview(client, draft_entry, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    assert client.get(URL).status_code == 302


def test_staff_see_the_draft_through_the_reader_templates_uncached(client, draft_entry, staff):
    client.force_login(staff)
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    page = Page(response.content.decode())
    assert "Preview of the unpublished draft." in page.text
    assert "A draft statement." in page.text
    assert page.find("meta", name="robots", content="noindex")
    draft_entry.statement = "An edited draft statement."
    draft_entry.save()
    assert "An edited draft statement." in client.get(URL).content.decode()
    # Readers still see nothing: the explainer has never been published.
    client.logout()
    cache.clear()
    assert client.get("/explainers/anora-ending/").status_code == 404


def test_preview_source_pages_highlight_the_draft_citations(client, imported_seeds, staff, monkeypatch):
    from claims.services import revisions

    article = imported_seeds.articles.order_by("origin").first()
    start = article.body.index("Anora")

    def fake_build(*, explainer):
        return {
            "schema": 1, "slug": explainer.slug, "title": explainer.title, "introduction_html": "", "spoilers": False,
            "source_count": 1,
            "sources": [{"id": article.id, "number": 1, "origin": article.origin, "title": "", "publisher": "P",
                         "author": "", "url": "", "published": None, "name": "P", "body": article.body}],
            "sections": [{"title": "S", "entries": [{"id": 1, "statement": "s", "statement_html": "<p>s</p>",
                          "kind": "plot", "support": 1,
                          "citations": [{"number": 1, "source": article.id, "claim": 1, "start": start,
                                         "end": start + 5, "text": "Anora", "sentence_start": 0, "sentence_end": 9}]}]}],
            "conflicts": [],
        }

    monkeypatch.setattr(revisions, "revision_content_build", fake_build)
    client.force_login(staff)
    page = Page(client.get(f"{URL}sources/{article.id}/").content.decode())
    assert page.marks["c1"] == "Anora"
    assert page.find("a", href=f"{URL}#entry-1")


def test_restricted_explainers_preview_only_for_their_editors(client, draft_entry, staff, imported_seeds):
    imported_seeds.restricted = True
    imported_seeds.save()
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    imported_seeds.editors.add(staff)
    assert client.get(URL).status_code == 200


def test_a_source_changed_since_the_last_build_is_named_on_the_preview_and_its_source_page(
        client, draft_entry, staff, imported_seeds):
    """Between a re-import and the next build, the preview quotes and highlights the text before: it says so."""
    article = imported_seeds.articles.order_by("origin").first()
    imported_seeds.articles.update(needs_extraction=False)
    client.force_login(staff)
    assert "changed since the last consensus build" not in client.get(URL).content.decode()
    type(article).objects.filter(pk=article.pk).update(needs_extraction=True)
    page = Page(client.get(URL).content.decode())
    assert f"1 source changed since the last consensus build ({article.origin})" in page.text
    source = Page(client.get(f"{URL}sources/{article.id}/").content.decode())
    assert "This source changed since the last consensus build" in source.text
    other = imported_seeds.articles.exclude(pk=article.pk).first()
    assert "This source changed" not in Page(client.get(f"{URL}sources/{other.id}/").content.decode()).text
