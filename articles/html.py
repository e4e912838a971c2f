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
_UNSEEN = frozenset("script style noscript template svg math head iframe object embed canvas select datalist "
                    "audio video".split())
_BLOCKS = frozenset("address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption "
                    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre "
                    "section summary table tbody td tfoot th thead tr ul".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MARKDOWN_MARKS = re.compile(r"^(?:#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|>\s*)+|[*_`]+")


def _blocks(html: str) -> list[str]:
    """The page's visible text as blocks in reading order: a heading as a Markdown heading, a list item with "- ",
    a line break kept, other white space run together."""
    tree = load_html(html)
    if tree is None:
        return []
    blocks: list[str] = []
    buffer: list[str] = []
    prefixes: list[str] = [""]

    def flush() -> None:
        lines = [" ".join(line.split()) for line in "".join(buffer).split("\n")]
        lines = [line for line in lines if line]
        buffer.clear()
        if lines:
            lines[0] = prefixes[-1] + lines[0]
            blocks.append("\n".join(lines))

    def walk(element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        hidden = tag is not None and (tag in _UNSEEN or element.get("hidden") is not None
                                      or element.get("aria-hidden") == "true"
                                      or _HIDDEN_STYLE.search(element.get("style") or ""))
        if tag is not None and not hidden:
            if tag == "br":
                buffer.append("\n")
            block = tag in _BLOCKS
            if block:
                flush()
                level = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0
                prefixes.append("#" * level + " " if level else "- " if tag == "li" else "")
            buffer.append(element.text or "")
            for child in element:
                walk(child)
            if block:
                flush()
                prefixes.pop()
        buffer.append(element.tail or "")

    walk(tree)
    flush()
    return blocks


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")  # Markdown's escapes, as trafilatura writes "\<script>"


def _plain(line: str) -> str:
    return " ".join(_MARKDOWN_MARKS.sub(" ", _ESCAPED.sub(r"\1", line)).split()).casefold()


def html_page(html: str) -> tuple[str, list[int], dict]:
    """The whole visible text of ``html`` as blocks split by blank lines, the indices of its lines that lie
    outside the article's main text (as trafilatura extracts it), and the metadata (as ``html_to_text``).

    A line is the article's when the extraction has a line that reads the same (Markdown marks and case aside),
    or, from four words up, a line holding it. A page too small for the extractor (nothing extracted) is all
    article."""
    main, meta = html_to_text(html)
    blocks = _blocks(html)
    extracted = [_plain(line) for line in main.split("\n") if line.strip()]
    exact = set(extracted)
    outside: list[int] = []
    index = 0
    for block in blocks:
        for line in block.split("\n"):
            plain = _plain(line)
            inside = plain in exact or len(plain.split()) >= 4 and any(plain in known for known in extracted)
            if extracted and not inside:
                outside.append(index)
            index += 1
        index += 1  # the blank line between blocks
    return "\n\n".join(blocks), outside, meta

