"""HTML pages: the article text survives, navigation, scripts, ads and footers do not. No database."""
from datetime import date

from articles.cleaning import OUTSIDE_REASON, clean
from articles.html import html_page, html_to_text

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


# The same page as the cleaner gets it on import: every block of visible text, those outside the article marked.
NEWS_PAGE = """<!doctype html><html><head><title>Tram vote</title>
<meta property="og:title" content="Council backs the tram extension">
<meta property="og:site_name" content="Valley Evening Post">
<meta property="article:published_time" content="2026-11-24T22:15:00Z">
<style>p { color: red }</style></head>
<body>
<div class="consent"><h3>Your privacy matters</h3><p>We and our partners store information on your device.</p></div>
<nav><a href="/">Home</a> | <a href="/local">Local</a> | <a href="/login">Log in</a></nav>
<header><h1>Council backs the tram extension</h1><div class="meta">By Tom Ashby | 24 November 2026, 10:15pm</div></header>
<div class="article-body">
<p>The council voted on Tuesday night to extend the tram line by 4.6km to the hill suburb, after two years of debate.</p>
<p>Thirty-eight councillors voted in favour and eleven against, while two abstained from the vote.</p>
<h2>How much will it cost?</h2>
<p>The extension will cost £186 million, of which the regional transport fund will pay £120 million.</p>
<p>Work should start in spring 2027, with the first passengers expected by the end of 2029.</p>
</div>
<p><em>Correction, 26 November 2026: an earlier version of this article gave the cost as £168 million.</em></p>
<aside><h3>Most read</h3><ul><li><a href="/a">Man rescued from canal near the weir</a></li></ul></aside>
<p style="display:none">HIDDEN_TRACKING_TEXT</p>
<footer><p>Valley Evening Post, part of Riverside Media. Cookie settings · Privacy · About us</p></footer>
</body></html>"""


def test_what_the_extractor_leaves_out_is_a_recorded_removal_an_editor_can_put_back():
    text, outside, _ = html_page(NEWS_PAGE)
    result = clean(text, outside=outside)
    assert result.body.startswith("The council voted on Tuesday night to extend the tram line")
    assert "## How much will it cost?" in result.body
    dropped = {r.text: r.reason for r in result.removals}
    for line in ("We and our partners store information on your device.", "- Man rescued from canal near the weir",
                 "Home | Local | Log in"):
        assert dropped[line] == OUTSIDE_REASON and line not in result.body
    assert "color: red" not in text  # a style is never text
    assert "HIDDEN_TRACKING_TEXT" not in result.body and dropped["HIDDEN_TRACKING_TEXT"] == OUTSIDE_REASON
    rescued = next(r for r in result.removals if r.text == "- Man rescued from canal near the weir")
    assert "- Man rescued from canal near the weir" in clean(text, outside=outside, keep={(rescued.start, rescued.end)}).body
    assert all(text[r.start:r.end] == r.text for r in result.removals)


def test_a_byline_above_the_article_gives_its_author_and_a_correction_below_it_is_named_as_one():
    """Outside the article's text, a line a rule knows is removed for that rule's reason: the byline gives the
    author, the correction notice (about the article's history, not its subject) is recorded as one."""
    text, outside, meta = html_page(NEWS_PAGE)
    result = clean(text, outside=outside)
    reasons = {r.text: r.reason for r in result.removals}
    assert reasons["By Tom Ashby | 24 November 2026, 10:15pm"] == "byline"
    assert reasons["Correction, 26 November 2026: an earlier version of this article gave the cost as £168 million."] \
        == "correction notice"
    assert result.metadata.author == "Tom Ashby"
    assert (meta["title"], meta["sitename"], meta["date"]) == (
        "Council backs the tram extension", "Valley Evening Post", date(2026, 11, 24))


def test_a_page_too_small_for_the_extractor_is_all_article():
    text, outside, _ = html_page("<html><body><p>Short note.</p><script>var HIDDEN = 1;</script></body></html>")
    assert (text, outside) == ("Short note.", [])


MARKUP_PAGE = """<html><head><title>Flood report</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
<h1>River peaks below the new flood wall</h1>
<p>Flows reached 340 m<sup>3</sup>/s at the weir on Sunday, the agency said in its evening update.</p>
<p>The wall, finished in <time datetime="2025-10">October</time>, held along its whole length of 2.1 km.</p>
<p>Officials first said the <del>old</del> new gauge had failed, then corrected it within the hour.</p>
<p>Residents called it <q>the quietest flood we have ever had</q> and went back to their homes.</p>
<p>The pumps ran for thirty-six hours with­out a single fault, the engineers reported.</p>
<table><tr><th>Place</th><th>Peak</th></tr><tr><td>Lower town</td><td>2.1 m</td></tr><tr><td>Mill lane</td><td>1.8 m</td></tr></table>
<ol><li>Close the sluices before the peak arrives each time.</li><li>Open them again once the level falls.</li></ol>
<ul><li>Roads closed:<ul><li>the riverside road by the mill</li><li>the old bridge at the weir</li></ul></li></ul>
<div hidden><p>In all, the wall cost twelve million pounds and took three years to build.</p></div>
</article>
<footer><p>© 2026 Valley Post</p></footer>
</body></html>"""


def test_a_paragraph_the_extractor_writes_with_other_markup_is_still_the_articles():
    """Superscripts, dates, struck words, inline quotations, soft hyphens, tables, ordered and nested lists and a
    collapsed "read more" are the article's text, however trafilatura writes them."""
    text, outside, _ = html_page(MARKUP_PAGE)
    result = clean(text, outside=outside)
    for kept in ("Flows reached 340 m3/s at the weir", "The wall, finished in October, held",
                 "the old new gauge had failed", "the quietest flood we have ever had",
                 "thirty-six hours with\u00adout a single fault", "Lower town", "2.1 m", "Mill lane",
                 "1. Close the sluices", "2. Open them again", "the riverside road by the mill",
                 "the wall cost twelve million pounds"):
        assert kept.replace("\u00ad", "") in result.body or kept in result.body, kept
    assert "Home | News" not in result.body and "© 2026 Valley Post" not in result.body
