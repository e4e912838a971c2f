"""Machine-readable views: Atom feed, sitemap, robots.txt, JSON, JSON-LD and Open Graph."""
import json
import xml.etree.ElementTree as ET

from tests.site.htmlcheck import Page

ATOM = {"a": "http://www.w3.org/2005/Atom"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_feed_is_atom_listing_published_explainers(client, published):
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    (entry,) = root.findall("a:entry", ATOM)
    assert entry.find("a:title", ATOM).text == "The ending of Anora, explained"
    assert entry.find("a:link", ATOM).get("href") == "http://testserver/explainers/anora-ending/"
    assert "Why Ani cries" in entry.find("a:summary", ATOM).text


def test_sitemap_lists_home_and_published_explainers(client, published):
    from articles.models import Explainer

    Explainer.objects.create(slug="draft-only", title="Draft only")
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.findall("s:url/s:loc", SITEMAP)]
    assert "http://testserver/" in locations
    assert "http://testserver/explainers/anora-ending/" in locations
    assert not [loc for loc in locations if "draft-only" in loc]


def test_robots_allows_all_but_admin_and_points_to_the_sitemap(client, db):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_json_has_entries_citations_and_agreement(client, published):
    response = client.get("/explainers/anora-ending.json")
    assert response["Content-Type"].startswith("application/json")
    document = json.loads(response.content)
    assert document["revision"]["number"] == 1
    assert document["source_count"] == 3
    stored = published.content["sections"][0]["entries"][0]
    entry = document["sections"][0]["entries"][0]
    assert entry["id"] == stored["id"]
    assert entry["agreement"] == {
        "support": 3, "source_count": 3, "text": "3 of 3 sources", "sources": [c["source"] for c in stored["citations"]],
        "differing": [],
    }
    citation = entry["citations"][0]
    assert (citation["start"], citation["end"], citation["text"]) == (
        stored["citations"][0]["start"], stored["citations"][0]["end"], stored["citations"][0]["text"]
    )
    assert citation["url"] == f"http://testserver/explainers/anora-ending/sources/{citation['source']}/#c1"
    assert "body" not in document["sources"][0]
    assert [c["status"] for c in document["conflicts"]] == ["resolved", "open"]


def test_explainer_page_has_json_ld_article_and_open_graph(client, published):
    page = Page(client.get("/explainers/anora-ending/").content.decode())
    (attributes, body), = page.scripts
    document = json.loads(body)
    assert document["@type"] == "Article" and document["headline"] == "The ending of Anora, explained"
    assert [c["publisher"]["name"] for c in document["citation"]] == ["Cinema Notes", "The Culture Desk", "Screen Digest"]
    og = {m["property"]: m["content"] for m in page.find("meta") if m.get("property", "").startswith(("og:", "article:"))}
    assert og["og:type"] == "article"
    assert og["og:title"] == "The ending of Anora, explained"
    assert og["og:url"] == "http://testserver/explainers/anora-ending/"
    assert "article:published_time" in og


def test_control_characters_in_a_title_or_introduction_do_not_break_the_feed(client, published):
    from django.core.cache import cache

    from claims.models import Revision

    Revision.objects.filter(pk=published.pk).update(
        title="The ending\x1b of Anora", introduction_html="<p>Pasted from a terminal\x0b: why Ani cries.</p>"
    )
    cache.clear()
    response = client.get("/feed/")
    assert response.status_code == 200
    (entry,) = ET.fromstring(response.content).findall("a:entry", ATOM)
    assert entry.find("a:title", ATOM).text == "The ending of Anora"
    assert "Pasted from a terminal: why Ani cries." in entry.find("a:summary", ATOM).text
