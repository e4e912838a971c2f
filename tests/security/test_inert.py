"""The checker itself: it must report what a browser would run, or the page tests prove nothing."""
import pytest

from .inert import csp_problems, html_problems, is_dangerous_url

RUNS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<script src="https://evil.example/static/x.js"></script>',
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<p><a href='javascript:alert(1)'>x</a></p>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="jav&#x0D;ascript:alert(1)">x</a>',
    '<a href="  java\tscript:alert(1)">x</a>',
    '<a href="\x01JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<form action="javascript:alert(1)"></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<meta http-equiv="Refresh" content="5; URL=https://evil.example/">',
    '<div <b title="alert(1)">x</div>',
    '<script type="application/ld+json">{"a": "</b>"}</script>',
    '<script type="application/ld+json">{not json}</script>',
    '<script type="application/ld+json" nonce="guessed">{}</script>',
]
INERT = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<p title="&lt;img src=x onerror=alert(1)&gt;">text</p>',
    '<a href="https://example.org/?q=%3Cscript%3E">x</a>',
    '<a href=" java    script:alert(1)">relative, since a space cannot be part of a scheme</a>',
    '<script type="application/ld+json" nonce="n1">{"headline": "\\u003Cscript\\u003E"}</script>',
    '<script src="/static/admin/js/core.js" nonce="n1"></script>',
    '<link rel="icon" href="data:,">',
    '<meta http-equiv="refresh" content="5">',
    '<input type="hidden" name="x" value="&lt;script&gt;alert(1)&lt;/script&gt;">',
]


@pytest.mark.parametrize("html", RUNS)
def test_checker_reports_what_would_run(html):
    assert html_problems(html, nonce="n1")


@pytest.mark.parametrize("html", INERT)
def test_checker_accepts_escaped_text_and_the_site_s_own_markup(html):
    assert html_problems(html, nonce="n1") == []


def test_url_schemes_are_read_as_browsers_read_them():
    assert is_dangerous_url("\tjava\nscript:alert(1)") and is_dangerous_url(" DATA:text/html,x")
    assert not is_dangerous_url("https://example.org/javascript:alert(1)") and not is_dangerous_url("/x")


def test_csp_check_wants_no_inline_script():
    assert csp_problems("default-src 'self'; script-src 'self' 'nonce-abc'; object-src 'none'; base-uri 'none'") == []
    assert csp_problems("script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'")
    assert csp_problems("default-src *")
    assert csp_problems(None)


def test_checker_catches_a_page_that_trusts_a_hostile_title(client, site, monkeypatch):
    """Mark the explainer's title safe, as a careless ``|safe`` would: the hostile page must then fail the check."""
    from django.core.cache import cache
    from django.utils.safestring import mark_safe

    from anora_site import pages
    from anora_site.cache import local_pages

    from . import hostile

    real = pages.explainer_context
    monkeypatch.setattr(pages, "explainer_context",
                        lambda content, **kw: {**real(content, **kw), "title": mark_safe(content["title"])})
    cache.clear()
    local_pages.clear()
    html = client.get(f"/explainers/{hostile.SLUG}/").content.decode()
    cache.clear()
    local_pages.clear()
    problems = html_problems(html)
    assert any("inline executable <script" in p for p in problems)
    assert any("onerror" in p for p in problems)
