"""Hostile payloads in articles, metadata, statements, notes and names are inert on every page that shows them.

The explainer is built through the real flow (``tests/security/hostile.py``); each page is read with an HTML
parser (``tests/security/inert.py``) and must hold nothing a browser would run, under a nonce-based CSP.
"""
import json
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from tests.site.htmlcheck import Page

from . import hostile
from .inert import ADMIN_ELEMENTS, MARKER, csp_nonce, csp_problems, html_problems, is_dangerous_url, parse

PUBLIC_PAGES = [
    "home", "explainer", "matrix", "history", "revision-1", "revision-2", "search-title", "search-payload",
    *[f"source-{n}" for n in range(4)], *[f"revision-1-source-{n}" for n in range(4)],
]
PREVIEW_PAGES = ["preview", *[f"preview-source-{n}" for n in range(4)]]


def public_path(site, name: str) -> str:
    base = f"/explainers/{hostile.SLUG}/"
    articles = site.articles
    paths = {
        "home": "/",
        "explainer": base,
        "matrix": f"{base}matrix/",
        "history": f"{base}history/",
        "revision-1": f"{base}revisions/1/",
        "revision-2": f"{base}revisions/2/",
        "search-title": "/search/?q=harbour",
        "search-payload": "/search/?" + _query(hostile.SCRIPT + " " + hostile.IMG),
        "preview": f"{base}preview/",
        **{f"source-{n}": f"{base}sources/{a.id}/" for n, a in enumerate(articles)},
        **{f"revision-1-source-{n}": f"{base}revisions/1/sources/{a.id}/" for n, a in enumerate(articles)},
        **{f"preview-source-{n}": f"{base}preview/sources/{a.id}/" for n, a in enumerate(articles)},
    }
    return paths[name]


def _query(q: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"q": q})


def assert_inert_html(response, path: str) -> str:
    """The response is HTML under a strict CSP (nonce-based, or 'self' when the page uses no nonce) and holds
    nothing executable; admin pages may use the admin's own SVG icons."""
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("text/html"), path
    header = response.headers.get("Content-Security-Policy")
    assert csp_problems(header) == [], path
    html = response.content.decode()
    allowed = ADMIN_ELEMENTS if path.startswith("/admin/") or response.request["PATH_INFO"].startswith("/admin/") else frozenset()
    assert html_problems(html, nonce=csp_nonce(header), allowed=allowed) == [], path
    return html


def visible_text(html: str) -> str:
    return Page(html).text


# Public pages


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_shows_payloads_as_inert_text(client, site, name):
    path = public_path(site, name)
    html = assert_inert_html(client.get(path), path)
    assert MARKER in visible_text(html), f"{path}: no payload reached the page, so the check proves nothing"


@pytest.mark.parametrize("name", PREVIEW_PAGES)
def test_staff_preview_shows_payloads_as_inert_text(site, name):
    client = Client()
    client.force_login(site.editor)
    path = public_path(site, name)
    html = assert_inert_html(client.get(path), path)
    assert MARKER in visible_text(html)


def test_payloads_are_shown_to_readers_as_the_text_they_are(client, site):
    text = visible_text(client.get(public_path(site, "source-0")).content.decode())
    assert "the storm <script>alert(1)</script> damaged the pier" in text
    text = visible_text(client.get(public_path(site, "explainer")).content.decode())
    assert f"Harbour {hostile.SCRIPT}" in text and "Garnick <script>alert(1)</script>" in text


def test_statement_markdown_keeps_only_safe_links(client, site):
    page = parse(client.get(public_path(site, "explainer")).content.decode())
    links = [dict(attributes).get("href", "") for tag, attributes in page.elements if tag == "a"]
    assert links and not [href for href in links if is_dangerous_url(href)]
    assert "https://example.org/" in links  # the markdown link with a hostile title kept its real target


def test_source_links_are_http_only(client, site):
    page = parse(client.get(public_path(site, "explainer")).content.decode())
    external = [dict(a)["href"] for tag, a in page.elements if tag == "a" and "external" in dict(a).get("rel", "")]
    assert sorted(external) == sorted([site.articles[0].url, site.articles[1].url])
    assert site.articles[2].url == "javascript:alert(1)"  # stored by hand, never linked


def test_javascript_url_from_a_page_s_metadata_is_not_stored(site):
    page = site.articles[3]
    page.refresh_from_db()
    assert page.format == "html" and page.url == ""
    # The extractor keeps the page's text (one paragraph quotes a script tag), not its elements and attributes.
    assert page.body.count(MARKER) == 1 and "onerror" not in page.body and "javascript" not in page.body


def test_json_ld_is_data_that_cannot_close_its_element(client, site):
    response = client.get(public_path(site, "explainer"))
    nonce = csp_nonce(response.headers["Content-Security-Policy"])
    html = response.content.decode()
    blocks = [(a, body) for a, body in parse(html).scripts if a.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    attributes, body = blocks[0]
    assert attributes.get("nonce") == nonce
    assert "</script" not in body.lower() and "<" not in body
    document = json.loads(body)
    assert document["headline"].startswith(f"Harbour {hostile.SCRIPT}")  # the payload survives, as data
    assert not [c for c in document["citation"] if is_dangerous_url(c.get("url", ""))]
    assert html.count("<script") == 1


def test_json_representation_is_json_with_inert_html(client, site):
    response = client.get(f"/explainers/{hostile.SLUG}.json")
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    document = json.loads(response.content)
    assert document["title"].startswith(f"Harbour {hostile.SCRIPT}")
    assert html_problems(document["introduction_html"]) == []
    assert [s["title"] for s in document["sections"]][0] == f"Section {hostile.SCRIPT} {hostile.IMG}"
    for section in document["sections"]:
        for entry in section["entries"]:
            assert html_problems(entry["statement_html"]) == [], entry["statement"]
    assert [s["url"] for s in document["sources"]] == [site.articles[0].url, site.articles[1].url, None, None]
    assert document["conflicts"][0]["resolution"].startswith("Garnick <script>")  # plain data


def test_feed_carries_escaped_html_that_stays_inert(client, site):
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    (entry,) = [e for e in root.findall("a:entry", ns) if e.find("a:title", ns).text.startswith("Harbour")]
    title = entry.find("a:title", ns)
    assert title.get("type") in (None, "text") and title.text.startswith(f"Harbour {hostile.SCRIPT}")
    for tag in ("summary", "content"):
        element = entry.find(f"a:{tag}", ns)
        if element is None:
            continue
        assert element.get("type") in ("html", "text", None)
        assert list(element) == [], "markup in the feed must be escaped text, not XML elements"
        assert html_problems(element.text or "") == []
    assert {el.tag.split("}")[0].strip("{") for el in root.iter()} == {ns["a"]}
    assert not [link.get("href") for link in root.iter(f"{{{ns['a']}}}link") if is_dangerous_url(link.get("href"))]


def test_markdown_preview_renders_each_payload_inert(site):
    client = Client()
    client.force_login(site.editor)
    for payload in [*hostile.ALL, "\n\n".join(hostile.ALL)]:
        response = client.post("/markdownx/markdownify/", {"content": payload})
        assert response.status_code == 200
        assert html_problems(response.content.decode()) == [], payload
        assert csp_problems(response.headers.get("Content-Security-Policy")) == []


# Admin pages


def admin_paths(site) -> list[str]:
    explainer, article, draft = site.explainer, site.articles[0], site.draft
    first, second = site.revisions
    q = "?" + _query(hostile.SCRIPT)
    changelists = [
        "articles_article", "articles_explainer", "claims_consensusentry", "claims_claim", "claims_conflict",
        "claims_alias", "claims_draft", "claims_revision", "claims_auditentry", "claims_consensusbuild",
    ]
    from claims.models import AuditEntry, Claim

    paths = ["/admin/"]
    for name in changelists:
        url = reverse(f"admin:{name}_changelist")
        paths += [url, url + q, url + f"?explainer__id__exact={explainer.pk}"]
    paths += [reverse("admin:articles_article_change", args=[a.pk]) for a in site.articles]
    paths += [
        reverse("admin:articles_article_upload"),
        reverse("admin:articles_explainer_change", args=[explainer.pk]),
        *[reverse("admin:claims_consensusentry_change", args=[e.pk]) for e in site.entries],
        *[reverse("admin:claims_claim_change", args=[c.pk]) for c in Claim.objects.filter(article=article)[:3]],
        *[reverse("admin:claims_conflict_change", args=[c.pk]) for c in site.conflicts],
        *[reverse("admin:claims_alias_change", args=[a.pk]) for a in site.aliases],
        reverse("admin:claims_alias_add"),
        reverse("admin:claims_draft_change", args=[draft.pk]),
        reverse("admin:claims_draft_arrange", args=[draft.pk]),
        reverse("admin:claims_draft_compare", args=[draft.pk]),
        *[reverse("admin:claims_revision_change", args=[r.pk]) for r in site.revisions],
        reverse("admin:claims_revision_compare", args=[first.pk, second.pk]),
        reverse("admin:claims_revision_compare_previous", args=[second.pk]),
        *[reverse("admin:claims_auditentry_change", args=[e.pk])
          for e in AuditEntry.objects.filter(explainer=explainer).order_by("id")],
        reverse("admin:claims_consensusbuild_change", args=[site.build.pk]),
        reverse("admin:claims_draft_open", args=[explainer.pk]),
    ]
    return paths


@pytest.mark.parametrize("who", ["editor", "chief"])
def test_admin_pages_show_payloads_as_inert_text(site, who):
    client = Client()
    client.force_login(getattr(site, who))
    seen_payload = 0
    for path in admin_paths(site):
        response = client.get(path, follow=True)
        html = assert_inert_html(response, path)
        seen_payload += MARKER in visible_text(html)
    assert seen_payload >= 30, "most admin pages should show a payload, or the check proves little"


def test_admin_error_messages_quote_payloads_inertly(site):
    client = Client()
    client.force_login(site.editor)
    name = site.aliases[0].name.replace("Garnick", "GARNICK")  # the service refuses it, quoting the name
    response = client.post(reverse("admin:claims_alias_add"), {
        "explainer": site.explainer.pk, "name": name, "person": hostile.SVG, "status": "confirmed",
        "evidence": hostile.IMG,
    }, follow=True)
    html = assert_inert_html(response, "alias add")
    assert f"“{name}” is already in the alias table" in visible_text(html)


def test_removed_fragments_of_hostile_pages_are_listed_inertly(site):
    from articles.models import RemovedFragment

    fragments = RemovedFragment.objects.filter(article__explainer=site.explainer)
    assert any(MARKER in f.text for f in fragments)
    client = Client()
    client.force_login(site.chief)
    for article_id in {f.article_id for f in fragments}:
        path = reverse("admin:articles_article_change", args=[article_id])
        html = assert_inert_html(client.get(path), path)
        assert "page noise removed" in html
