"""Search across the current revisions of published explainers (icontains on SQLite, full text on PostgreSQL)."""
from tests.site.conftest import Cite, EntrySpec, Spec, content_build, revision_publish
from tests.site.htmlcheck import Page


def test_search_finds_the_explainer_and_its_matching_statements(client, published):
    page = Page(client.get("/search/?q=wedding ring").content.decode())
    assert "1 explainer matches “" in page.text
    assert page.find("a", href="/explainers/anora-ending/")
    entry = published.content["sections"][0]["entries"][0]
    assert page.find("a", href=f"/explainers/anora-ending/#entry-{entry['id']}")
    assert "Mikey Madison won" not in page.text


def test_search_finds_an_explainer_by_the_other_spelling_its_sources_use(client, published):
    """The page spells the name "Garnick"; a source spells it "Gamik", and so may the reader."""
    assert not any("Gamik" in e["statement"] for s in published.content["sections"] for e in s["entries"])
    page = Page(client.get("/search/?q=Gamik").content.decode())
    assert "1 explainer matches “" in page.text and page.find("a", href="/explainers/anora-ending/")


def test_search_needs_every_word(client, published):
    assert "0 explainers match “" in Page(client.get("/search/?q=ring+spaceship").content.decode()).text


def test_search_only_sees_the_current_revision(client, published, seed_articles, imported_seeds):
    spec = Spec([("Only", [EntrySpec("Ani keeps the bracelet.", "plot", [Cite(0, "Anora")])])])
    revision_publish(imported_seeds, content_build(imported_seeds, seed_articles, spec))
    assert "0 explainers match “" in Page(client.get("/search/?q=wedding").content.decode()).text
    assert "1 explainer matches “" in Page(client.get("/search/?q=bracelet").content.decode()).text


def test_search_ignores_unpublished_explainers(client, db):
    from articles.models import Explainer
    from claims.models import ConsensusEntry

    explainer = Explainer.objects.create(slug="secret", title="Secret wedding plans")
    ConsensusEntry.objects.create(explainer=explainer, statement="A secret wedding.", status="approved")
    assert "0 explainers match “" in Page(client.get("/search/?q=wedding").content.decode()).text


def test_empty_search_shows_the_form(client, db):
    page = Page(client.get("/search/").content.decode())
    assert page.find("input", name="q", id="search-q")
    assert "match" not in page.text


def test_postgresql_search_matches_other_forms_of_a_word(client, published):
    import pytest
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("full-text search (stemming) runs on PostgreSQL; SQLite matches words as typed")
    assert "1 explainer matches “" in Page(client.get("/search/?q=rings+gives").content.decode()).text


def test_search_with_control_characters_is_answered_not_an_error(client, published):
    response = client.get("/search/?q=wedding%00ring%1b")
    assert response.status_code == 200
    assert "1 explainer matches “" in Page(response.content.decode()).text
