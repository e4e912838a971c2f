"""The source page's highlighting: marks never nest, and each piece is styled by every span covering it."""
import re

from anora_site.pages import highlight


def _span(start, end, kind, anchor):
    return {"start": start, "end": end, "kind": kind, "anchor": anchor, "back_url": "#", "back_label": "back",
            "back_text": "↩"}


def _marks(html: str) -> list[tuple[str, str]]:
    return [(css, text) for css, text in re.findall(r'<mark class="([^"]+)"[^>]*>(?:<span[^>]*></span>)*([^<]*)</mark>', html)]


def test_a_variant_keeps_its_style_on_both_sides_of_a_citation_inside_it():
    [paragraph] = highlight("abcdef", [_span(0, 4, "variant", "v1-0"), _span(1, 2, "citation", "c1")])
    assert _marks(paragraph) == [
        ("passage passage--variant", "a"),
        ("passage", "b"),
        ("passage passage--variant", "cd"),
    ]
    assert "<mark" not in re.sub(r"<mark[^>]*>.*?</mark>", "", paragraph), "marks never nest"


def test_text_around_passages_is_escaped_and_unmarked():
    [paragraph] = highlight("<b>x</b> cited", [_span(9, 14, "citation", "c1")])
    assert paragraph.startswith("<p>&lt;b&gt;x&lt;/b&gt; <mark")
    assert _marks(paragraph) == [("passage", "cited")]


def test_a_markdown_heading_of_the_article_reads_as_a_heading_and_its_passages_stay_marked():
    body = "## Where will it stop?\n\nThe line stops at the hill.\n\n#hashtag lines stay text"
    heading, first, last = highlight(body, [_span(24, 51, "citation", "c1")])
    assert heading == '<h3 class="source-heading">Where will it stop?</h3>'
    assert first.startswith('<p><mark class="passage" id="c1">The line stops at the hill.</mark>')
    assert last == "<p>#hashtag lines stay text</p>"
