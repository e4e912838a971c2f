"""An HTML page reduced to its article text, with the metadata the page declares. Plain Python: no Django.

The extraction is trafilatura's (navigation, scripts, styles, footers and comment threads go; headings,
paragraphs and lists stay, as Markdown). What is left still goes through ``articles.cleaning``, which
removes the in-article noise (ad markers, sign-up lines, captions) that an extractor keeps.
"""
from datetime import date

import trafilatura
from trafilatura.metadata import extract_metadata

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
