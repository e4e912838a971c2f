"""Hostile text in articles and editor markdown renders as inert text on every public page, feed and JSON."""
import json
import xml.etree.ElementTree as ET

import markdown
import pytest

from tests.site.conftest import Cite, ConflictSpec, EntrySpec, Spec, content_build, revision_publish
from tests.site.htmlcheck import Page, executable_problems

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[x](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "</p><div <b>broken <i>html",
    '"><script>alert(1)</script>',
    "</script><script>alert(1)</script>",
]
HOSTILE = " ".join(PAYLOADS)


@pytest.fixture
def hostile(db):
    from articles.models import Article, Explainer

    explainer = Explainer.objects.create(slug="hostile", title=f"Hostile {HOSTILE}")
    articles = [
        Article.objects.create(
            explainer=explainer,
            origin=f"evil-{n}.html",
            raw_text="x",
            body=f"Intro line.\nThe passage {HOSTILE} ends here.\nA later line mentions Gamik {PAYLOADS[1]}.",
            title=f"Title {HOSTILE}",
            publisher=f"Publisher {PAYLOADS[n]}",
            author=f"Author {PAYLOADS[2]}",
            url=["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "https://example.org/x?<script>"][n],
            content_hash=str(n),
        )
        for n in range(3)
    ]
    statement = f"A statement {HOSTILE}"
    spec = Spec(
        title=f"Hostile {HOSTILE}",
        introduction_html=f"<p>Intro</p>{HOSTILE}<iframe src=javascript:alert(1)></iframe>",
        sections=[
            (
                f"Section {PAYLOADS[0]}",
                [
                    # statement_html as an unsanitized renderer would produce it: the site must sanitize again.
                    EntrySpec(statement, "interpretation", [Cite(0, f"The passage {HOSTILE} ends here.")],
                              statement_html=markdown.markdown(statement)),
                    EntrySpec("Plain statement.", "plot", [Cite(1, "The passage"), Cite(2, PAYLOADS[1])]),
                ],
            )
        ],
        conflicts=[
            ConflictSpec(
                about=f"About {HOSTILE}",
                kind="name",
                variants=[(0, "Gamik", f"Gamik {PAYLOADS[1]}"), (1, PAYLOADS[0], f"The passage {PAYLOADS[0]}")],
                status="resolved",
                resolution=PAYLOADS[2],
                resolution_note=PAYLOADS[3],
            )
        ],
    )
    revision_publish(explainer, content_build(explainer, articles, spec))
    return explainer, articles


def _pages(articles) -> list[str]:
    base = "/explainers/hostile/"
    return [
        "/",
        base,
        f"{base}matrix/",
        f"{base}history/",
        f"{base}revisions/1/",
        *[f"{base}sources/{a.id}/" for a in articles],
        *[f"{base}revisions/1/sources/{a.id}/" for a in articles],
        "/search/?q=hostile",
        f"/search/?q={PAYLOADS[0]}",
    ]


def test_every_public_page_renders_hostile_content_inert(client, hostile):
    _explainer, articles = hostile
    for path in _pages(articles):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0] if "'nonce-" in response.headers["Content-Security-Policy"] else None
        assert executable_problems(html, nonce=nonce) == [], path


def test_hostile_text_is_shown_as_text(client, hostile):
    _explainer, articles = hostile
    page = Page(client.get(f"/explainers/hostile/sources/{articles[0].id}/").content.decode())
    assert "<script>alert(1)</script>" in page.text  # the reader sees what the article said, as text
    assert page.marks["c1"] == f"The passage {HOSTILE} ends here."


def test_only_http_source_urls_are_linked(client, hostile):
    _explainer, articles = hostile
    page = Page(client.get("/explainers/hostile/").content.decode())
    hrefs = [a.get("href", "") for a in page.find("a")]
    assert not [h for h in hrefs if h.startswith(("javascript", "data"))]
    assert "https://example.org/x?<script>" in hrefs  # escaped in the attribute, so harmless


def test_json_ld_cannot_close_its_script_element(client, hostile):
    html = client.get("/explainers/hostile/").content.decode()
    (attributes, body), = Page(html).scripts
    assert attributes["type"] == "application/ld+json"
    assert "<" not in body and ">" not in body
    document = json.loads(body)
    assert document["headline"] == f"Hostile {HOSTILE}"
    assert document["@type"] == "Article"
    assert all(c["@type"] == "CreativeWork" for c in document["citation"])
    assert not [c for c in document["citation"] if c.get("url", "").startswith(("javascript", "data"))]


def test_feed_carries_hostile_content_as_inert_text(client, hostile):
    response = client.get("/feed/")
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    (entry,) = root.findall("a:entry", ns)
    assert entry.find("a:title", ns).text == f"Hostile {HOSTILE}"
    assert entry.find("a:title", ns).get("type") in (None, "text")
    summary = entry.find("a:summary", ns)
    assert summary.get("type") == "html"
    assert executable_problems(summary.text) == []
    assert not [el for el in root.iter() if el.tag.split("}")[-1] in {"script", "svg", "img", "iframe"}]


def test_json_representation_holds_sanitized_html_and_plain_text(client, hostile):
    document = json.loads(client.get("/explainers/hostile.json").content)
    entry = document["sections"][0]["entries"][0]
    assert executable_problems(entry["statement_html"]) == []
    assert executable_problems(document["introduction_html"]) == []
    assert entry["statement"].startswith("A statement <script>")  # the markdown, as data
    assert [s["url"] for s in document["sources"]] == [None, None, "https://example.org/x?<script>"]
