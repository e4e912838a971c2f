"""HTML pages: the article text survives, navigation, scripts, ads and footers do not. No database."""
from datetime import date

from articles.cleaning import clean
from articles.html import html_to_text

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Ferry operator suspends night crossings | Harbour Gazette</title>
  <meta property="og:site_name" content="Harbour Gazette">
  <meta property="og:title" content="Ferry operator suspends night crossings after engine fault">
  <meta name="author" content="Rowan Tellery">
  <meta property="article:published_time" content="2026-04-09T07:30:00+01:00">
  <link rel="canonical" href="https://harbourgazette.example/news/ferry-night-crossings">
  <style>.ad { color: red; } body { font-family: TRACKING_STYLE; }</style>
  <script>window.dataLayer = []; function track() { return "SCRIPT_PAYLOAD"; }</script>
</head>
<body>
  <header>
    <nav>
      <ul>
        <li><a href="/">Home</a></li>
        <li><a href="/news">News</a></li>
        <li><a href="/sport">Sport</a></li>
        <li><a href="/subscribe">Subscribe</a></li>
      </ul>
    </nav>
  </header>
  <aside class="sidebar">
    <h3>Most read</h3>
    <ul><li><a href="/a">Council approves new car park</a></li><li><a href="/b">Lifeboat crew honoured</a></li></ul>
  </aside>
  <main>
    <article>
      <h1>Ferry operator suspends night crossings after engine fault</h1>
      <p>The island ferry operator has suspended all crossings after 8pm for at least a fortnight, after an
      engine fault left its largest vessel drifting for forty minutes outside the harbour wall on Tuesday.</p>
      <p>None of the 212 passengers on board was hurt, and the vessel was towed back to its berth by a tug
      shortly before midnight, the operator said in a statement on Wednesday.</p>
      <div class="ad-slot" id="ad-1"><span>Advertisement</span></div>
      <h2>What passengers should do</h2>
      <p>Passengers booked on a cancelled sailing will be moved to the next daytime crossing at no cost, or
      can ask for a full refund through the operator's booking office.</p>
      <script>track("in-article"); var SCRIPT_IN_BODY = 1;</script>
      <p>Engineers from the manufacturer are due to inspect the vessel's second engine before it returns to
      service, and the operator said it would publish their findings.</p>
    </article>
  </main>
  <footer>
    <p>© 2026 Harbour Gazette Ltd. All rights reserved.</p>
    <ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul>
  </footer>
</body>
</html>
"""


def test_article_paragraphs_survive():
    text, _ = html_to_text(PAGE)
    assert "engine fault left its largest vessel drifting for forty minutes" in text
    assert "None of the 212 passengers on board was hurt" in text
    assert "will be moved to the next daytime crossing at no cost" in text
    assert "Engineers from the manufacturer are due to inspect" in text


def test_script_and_style_content_are_gone():
    text, _ = html_to_text(PAGE)
    for leak in ("SCRIPT_PAYLOAD", "SCRIPT_IN_BODY", "dataLayer", "track(", "TRACKING_STYLE"):
        assert leak not in text


def test_navigation_sidebar_and_footer_are_gone():
    text, _ = html_to_text(PAGE)
    for leak in ("Council approves new car park", "Lifeboat crew honoured", "Privacy policy", "Terms of use",
                 "All rights reserved", "Sport"):
        assert leak not in text


def test_paragraphs_are_split_by_blank_lines():
    text, _ = html_to_text(PAGE)
    assert "\n\n" in text


def test_page_metadata():
    _, meta = html_to_text(PAGE)
    assert meta["title"] == "Ferry operator suspends night crossings after engine fault"
    assert meta["author"] == "Rowan Tellery"
    assert meta["sitename"] == "Harbour Gazette"
    assert meta["url"] == "https://harbourgazette.example/news/ferry-night-crossings"
    assert meta["date"] == date(2026, 4, 9)


def test_cleaning_the_extracted_text_drops_the_ad_marker_and_keeps_the_heading_as_title():
    text, _ = html_to_text(PAGE)
    result = clean(text)
    assert "Advertisement" not in result.body
    assert result.metadata.title == "Ferry operator suspends night crossings after engine fault"
    assert "What passengers should do" in result.body


def test_empty_page():
    text, meta = html_to_text("")
    assert text == "" and meta["date"] is None and meta["title"] == ""


def test_tiny_page_still_gives_its_text_without_script():
    text, _ = html_to_text("<html><body><p>Short note.</p><script>var HIDDEN = 1;</script></body></html>")
    assert "Short note." in text
    assert "HIDDEN" not in text
