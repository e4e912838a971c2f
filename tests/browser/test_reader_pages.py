"""The reader pages in a real browser (Debian's Chromium through Playwright): phone and desktop widths,
key elements visible, and a hostile payload never runs.

Screenshots go to a temporary directory (printed, and kept under ``SCREENSHOT_DIR`` when that is set).
"""
import os
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM
from tests.site.conftest import PUBLISHERS, SEED_SPEC, Cite, EntrySpec, Spec, content_build, revision_publish

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}

pytestmark = [
    pytest.mark.browser,
    SKIP_WITHOUT_CHROMIUM,
]


@pytest.fixture
def screenshots(tmp_path) -> Path:
    directory = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path / "screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {directory}")
    return directory


@pytest.fixture
def site(transactional_db, imported_seeds, live_server):
    """The seed explainer published, plus an explainer whose articles and statements are hostile."""
    from articles.models import Article, Explainer

    articles = list(imported_seeds.articles.order_by("origin", "id"))
    for article, publisher in zip(articles, PUBLISHERS):
        article.publisher = publisher
        article.title = article.title or f"Anora’s ending, explained by {publisher}"
        article.url = f"https://example.org/{article.id}"
        article.save()
    revision_publish(imported_seeds, content_build(imported_seeds, articles, SEED_SPEC))

    payload = '<script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)> [x](javascript:alert(1))'
    hostile = Explainer.objects.create(slug="hostile", title=f"Hostile {payload}")
    evil = Article.objects.create(
        explainer=hostile, origin="evil.html", raw_text="x", body=f"Before. {payload} After.",
        title=payload, publisher=payload, url="javascript:alert(1)", content_hash="e",
    )
    spec = Spec(
        [(payload, [EntrySpec(f"Statement {payload}", "plot", [Cite(0, payload)], statement_html=f"<p>{payload}</p>")])],
        introduction_html=payload,
    )
    revision_publish(hostile, content_build(hostile, [evil], spec))
    cache.clear()
    return {"url": live_server.url, "articles": articles, "evil": evil}


def test_explainer_reads_well_on_phone_and_desktop(browser, site, screenshots):
    for name, (width, height) in WIDTHS.items():
        page = browser.new_page(viewport={"width": width, "height": height})
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{site['url']}/explainers/anora-ending/")
        assert page.locator("h1").count() == 1
        assert page.locator("h1").is_visible()
        assert page.locator("a.cite").first.is_visible()
        assert page.get_by_text("3 of 3 sources").first.is_visible()
        assert page.get_by_text("1 of 3 — single source").first.is_visible()
        page.locator("#differ").scroll_into_view_if_needed()
        assert page.get_by_role("heading", name="Where sources differ").is_visible()
        page.locator("#sources").scroll_into_view_if_needed()
        assert page.locator("ol.sources li").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        page.screenshot(path=str(screenshots / f"explainer-{name}.png"), full_page=True)

        page.locator("a.cite").first.click()
        page.wait_for_load_state()
        assert "#c1" in page.url
        mark = page.locator("mark#c1")
        assert mark.is_visible()
        assert mark.evaluate("el => el.matches(':target')")
        # A link back ("↩ 12") never breaks between its arrow and its number.
        broken = page.eval_on_selector_all(".backref", "links => links.filter(a => a.getClientRects().length > 1).length")
        assert broken == 0, f"{broken} back links broken over two lines"
        page.screenshot(path=str(screenshots / f"source-{name}.png"))

        page.goto(f"{site['url']}/explainers/anora-ending/matrix/")
        assert page.locator("table.matrix").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # the table scrolls, not the page
        # Every source's column is in view, or the reader is told to swipe the table sideways.
        fits = page.evaluate("() => { const t = document.querySelector('.table-scroll'); "
                             "return t.scrollWidth <= t.clientWidth; }")
        assert fits or page.get_by_text("swipe it sideways to see every source").is_visible(), name
        page.screenshot(path=str(screenshots / f"matrix-{name}.png"), full_page=True)
        assert dialogs == []
        page.close()


def test_skip_link_appears_on_focus(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site['url']}/explainers/anora-ending/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    page.close()


def test_hostile_payloads_never_run(browser, site, screenshots):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in ["/", "/explainers/hostile/", f"/explainers/hostile/sources/{site['evil'].id}/",
                 "/explainers/hostile/matrix/", "/search/?q=hostile"]:
        page.goto(site["url"] + path)
        page.wait_for_load_state("load")
        assert page.locator("h1").is_visible()
    page.screenshot(path=str(screenshots / "hostile.png"), full_page=True)
    assert page.evaluate("window.__hacked === undefined")
    assert dialogs == []
    assert errors == []
    page.close()


def test_a_citation_of_a_passage_another_statement_also_cites_is_marked_when_followed(browser, transactional_db,
                                                                                      imported_seeds, live_server):
    """Two statements citing one sentence share one highlight; following the second's citation marks it too."""
    articles = list(imported_seeds.articles.order_by("origin", "id"))
    passage = "The film’s climax begins with Igor returning Anora’s wedding ring"
    spec = Spec([("Only section", [EntrySpec("The ring comes back.", "plot", [Cite(0, passage)]),
                                   EntrySpec("Igor returns it.", "plot", [Cite(0, passage)])])])
    revision_publish(imported_seeds, content_build(imported_seeds, articles, spec))
    cache.clear()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/explainers/anora-ending/sources/{articles[0].id}/#c2")
    mark = page.locator("mark", has=page.locator("#c2"))
    target = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--mark-target').trim()")
    colour = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    page.goto(f"{live_server.url}/explainers/anora-ending/sources/{articles[0].id}/#c1")
    assert page.locator("mark#c1").evaluate("el => getComputedStyle(el).backgroundColor") == colour, target
    page.close()


def test_a_long_source_name_is_shown_whole_on_its_citations(browser, site):
    """A source known only by a long title (no outlet) is readable on its citations, not cut after a few words."""
    from articles.models import Explainer

    long_name = "Lynport and District Evening Courier and Weekly Advertiser"
    articles = site["articles"]
    articles[1].publisher = long_name
    articles[1].save()
    explainer = Explainer.objects.get(slug="anora-ending")
    revision_publish(explainer, content_build(explainer, articles, SEED_SPEC))
    cache.clear()
    for width, height in WIDTHS.values():
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{site['url']}/explainers/anora-ending/")
        names = page.locator("a.cite .cite__name", has_text=long_name)
        assert names.count() > 0
        cut = names.first.evaluate("el => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1")
        assert not cut, "the source's name is cut"
        assert names.first.inner_text() == long_name
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.close()
