"""An HTML page reduced to its article text, with the metadata the page declares. Plain Python: no Django.

The extraction is trafilatura's (navigation, scripts, styles, footers and comment threads go; headings,
paragraphs and lists stay, as Markdown). What is left still goes through ``articles.cleaning``, which
removes the in-article noise (ad markers, sign-up lines, captions) that an extractor keeps.

``html_page`` gives the cleaner the whole page instead: every block of visible text in reading order, and which
of them trafilatura's extraction left out, so that what the extractor dropped is a recorded removal an editor
can read and put back (a correction notice set below the article's body, say), not text that silently vanished.
"""
import re
from datetime import date

import trafilatura
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from .cleaning.inline import INVISIBLE

METADATA_KEYS = ("title", "author", "sitename", "url", "date")


def html_to_text(html: str) -> tuple[str, dict]:
    """The main text of ``html`` as Markdown (paragraphs split by blank lines), and a dict with the keys
    ``title``, ``author``, ``sitename``, ``url`` (strings, "" when unknown) and ``date`` (a ``date`` or None)."""
    meta: dict = {key: "" for key in METADATA_KEYS}
    meta["date"] = None
    if not html or not html.strip():
        return "", meta

    text = trafilatura.extract(
        html,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
    )
    if not text:
        # Pages too small for the extractor's heuristics: all visible text, still without script or style.
        text = trafilatura.html2txt(html) or ""

    found = extract_metadata(html)
    if found is not None:
        for key in ("title", "author", "sitename", "url"):
            meta[key] = (getattr(found, key, None) or "").strip()
        meta["date"] = _as_date(getattr(found, "date", None))
    return text.strip(), meta


def _as_date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# Elements whose text a reader never sees, and elements that start a block of text of their own.
_UNSEEN = frozenset("script style head svg math iframe object embed canvas select datalist audio video".split())
_BLOCKS = frozenset("address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption "
                    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre "
                    "section summary table tbody td tfoot th thead tr ul".split())
_MARKDOWN_MARKS = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|>\s*)+|[*_`~]+")
_TAG = re.compile(r"</?[A-Za-z][^>\n]{0,200}>")  # tags an extractor leaves in its text ("m<sup>3</sup>")
_TOKEN = re.compile(r"\w+")


def _blocks(html: str) -> list[str]:
    """The page's text as blocks in reading order: a heading as a Markdown heading, a list item with "- " (or its
    number in an ordered list), a line break kept, other white space run together. Only what never shows as text
    is left out (scripts, styles, the head, embedded media); hidden text is kept, as the extractor may take it (a
    collapsed "read more"), and what it does not take is then a recorded removal like the rest."""
    tree = load_html(html)
    if tree is None:
        return []
    blocks: list[str] = []
    buffer: list[str] = []
    prefixes: list[str] = [""]
    numbering: list[list[int] | None] = []  # per open list: the next item's number, or None for a bulleted one

    def flush() -> None:
        lines = [" ".join(line.split()) for line in "".join(buffer).split("\n")]
        lines = [line for line in lines if line]
        buffer.clear()
        if lines:
            lines[0] = prefixes[-1] + lines[0]
            blocks.append("\n".join(lines))

    def marker(tag: str) -> str:
        if re.fullmatch(r"h[1-6]", tag):
            return "#" * int(tag[1]) + " "
        if tag == "li":
            counter = numbering[-1] if numbering else None
            if counter is None:
                return "- "
            counter[0] += 1
            return f"{counter[0] - 1}. "
        return prefixes[-1] if tag == "p" else ""  # "<li><p>…</p></li>": the item's marker on its paragraph

    def walk(element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag is not None and tag not in _UNSEEN:
            if tag == "br":
                buffer.append("\n")
            block = tag in _BLOCKS
            if tag in {"ul", "ol"}:
                start = element.get("start") or "1"
                numbering.append([int(start)] if tag == "ol" and start.isdigit() else None)
            if block:
                flush()
                prefixes.append(marker(tag))
            buffer.append(element.text or "")
            for child in element:
                walk(child)
            if block:
                flush()
                prefixes.pop()
            if tag in {"ul", "ol"}:
                numbering.pop()
        buffer.append(element.tail or "")

    walk(tree)
    flush()
    return blocks


_SHARE_OF_PAIRS = 0.8
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")  # Markdown's escapes, as trafilatura writes "\<script>"


def _tokens(line: str) -> list[str]:
    """A line's words as compared: Markdown marks, escapes, tags and invisible characters set aside, case folded."""
    line = INVISIBLE.sub("", _TAG.sub("", _ESCAPED.sub(r"\1", line)))
    return _TOKEN.findall(_MARKDOWN_MARKS.sub(" ", line).casefold())


def html_page(html: str) -> tuple[str, list[int], dict]:
    """The whole visible text of ``html`` as blocks split by blank lines, the indices of its lines that lie
    outside the article's main text (as trafilatura extracts it), and the metadata (as ``html_to_text``).

    Words are compared, not markup (Markdown marks, tags and invisible characters aside). A line of four words or
    more is the article's when most of its pairs of neighbouring words are pairs of the extraction (so a word the
    extractor dropped, a paragraph it split, does not put a paragraph outside); a shorter one when the extraction
    has a line, or a table cell, of just those words. A page too small for the extractor (nothing extracted) is
    all article. Each line is looked up in sets, so a big page is not compared line against line."""
    main, meta = html_to_text(html)
    blocks = _blocks(html)
    short: set[tuple[str, ...]] = set()
    pairs: set[tuple[str, str]] = set()
    for line in main.split("\n"):
        for cell in line.split("|"):
            short.add(tuple(_tokens(cell)))
        words = _tokens(line)
        pairs.update(zip(words, words[1:]))
    outside: list[int] = []
    index = 0
    for block in blocks:
        for line in block.split("\n"):
            words = _tokens(line)
            if len(words) >= 4:
                found = sum(pair in pairs for pair in zip(words, words[1:]))
                inside = found >= _SHARE_OF_PAIRS * (len(words) - 1)
            else:
                inside = tuple(words) in short
            if main.strip() and words and not inside:
                outside.append(index)
            index += 1
        index += 1  # the blank line between blocks
    return "\n\n".join(blocks), outside, meta

