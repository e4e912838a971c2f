"""Hostile payloads in a real browser (Debian's Chromium through Playwright): the explainer built through the
real import, review and publish flow (``tests/security/hostile.py``) is read on the public pages and edited
in the admin, where markdownx previews the hostile statement live. No dialog opens, no script of a payload
runs, and the Content-Security-Policy never has to step in.
"""
import pytest

from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM
from tests.browser.test_editorial_flow import groups_ensure
from tests.security import hostile


pytestmark = [
    pytest.mark.browser,
    SKIP_WITHOUT_CHROMIUM,
]

# Runs before any page script: records CSP violations and any payload that reaches a script sink.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    `${e.violatedDirective} ${e.blockedURI} ${(e.sample || '').slice(0, 80)}`));
"""


@pytest.fixture
def hostile_site(transactional_db, live_server):
    from django.core.cache import cache

    from anora_site.cache import local_pages

    groups_ensure()
    site = hostile.hostile_site_build()
    cache.clear()
    local_pages.clear()
    return site


class Watcher:
    """Dialogs, uncaught errors and CSP violations on one page."""

    def __init__(self, page) -> None:
        self.page, self.dialogs, self.errors, self.console = page, [], [], []
        page.add_init_script(WATCH)
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.console.append(message.text))

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response.status == 200, url
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(100)  # let onerror/onload handlers of anything that did load fire

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations")

    def assert_nothing_ran(self) -> None:
        csp_console = [m for m in self.console if "Content Security Policy" in m]
        print("CSP console messages:", csp_console)
        assert self.dialogs == [], f"a payload opened a dialog: {self.dialogs}"
        assert self.page.evaluate("typeof window.__violations") == "object"
        assert self.violations() == [], "a payload reached the page as code; only the CSP stopped it"
        assert self.errors == [], self.errors


def test_reader_pages_show_payloads_without_running_them(browser, hostile_site, live_server):
    page = browser.new_page()
    watcher = Watcher(page)
    base = f"{live_server.url}/explainers/{hostile.SLUG}/"
    for path in ["", f"sources/{hostile_site.articles[0].pk}/", f"sources/{hostile_site.articles[2].pk}/",
                 "matrix/", "revisions/1/"]:
        watcher.visit(base + path)
        assert page.locator("h1").is_visible()
        watcher.assert_nothing_ran()
    watcher.visit(base)
    assert page.get_by_text(hostile.SCRIPT).first.is_visible()  # shown to the reader as text
    assert page.locator("img, svg:not([aria-hidden]), iframe, math").count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert hrefs and not [h for h in hrefs if not h.startswith(("http://", "https://", "mailto:"))]
    page.close()


def test_admin_entry_page_and_live_preview_keep_payloads_inert(browser, hostile_site, live_server):
    base = live_server.url
    page = browser.new_context().new_page()
    watcher = Watcher(page)
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", hostile_site.editor.username)
    page.fill("#id_password", f"pw-{hostile_site.editor.username}")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    entry = hostile_site.entries[0]
    with page.expect_response(lambda r: "/markdownx/markdownify/" in r.url) as preview:
        watcher.visit(f"{base}/admin/claims/consensusentry/{entry.pk}/change/")
    assert preview.value.status == 200
    watcher.assert_nothing_ran()

    with page.expect_response(lambda r: "/markdownx/markdownify/" in r.url):
        page.fill("textarea[name=statement]", "**bold** " + "\n\n".join(hostile.ALL))
    page.wait_for_timeout(300)
    rendered = page.locator(".markdownx-preview")
    assert rendered.locator("strong").first.inner_text() == "bold"
    assert rendered.locator("script, img, svg, iframe, math, form").count() == 0
    assert "alert(1)" in rendered.inner_text()
    watcher.assert_nothing_ran()

    for path in [f"/admin/claims/conflict/{hostile_site.conflicts[0].pk}/change/",
                 f"/admin/claims/draft/{hostile_site.draft.pk}/change/",
                 f"/admin/articles/article/{hostile_site.articles[0].pk}/change/",
                 f"/explainers/{hostile.SLUG}/preview/"]:
        watcher.visit(base + path)
        watcher.assert_nothing_ran()
    page.close()
