"""The driver: ``clean()`` runs the passes in order over one text, then cuts the removals out of it."""
from bisect import bisect_left, bisect_right
from collections.abc import Collection

from .blocks import ad_blocks, comment_sections, end_markers, related_blocks, trailing_block
from .inline import INVISIBLE, inline_credits, inline_signups, shortcodes
from .metadata import date_prefix, header, labelled_lines, release_label, wire_dateline
from .page import Page
from .results import INVISIBLE_REASON, OUTSIDE_REASON, UNRESTORABLE, CleanResult, Metadata, Removal
from .whole_lines import (
    bare_bylines,
    bare_credits,
    dangling_lead_ins,
    forum_user_names,
    quoted_repeats,
    whole_lines,
)

# Order matters: a pass skips lines an earlier one removed, and later passes read the metadata and the
# removals of earlier ones (the headline is found among the lines left once the page furniture is gone).
PASSES = (
    date_prefix,
    shortcodes,
    end_markers,
    comment_sections,
    whole_lines,
    labelled_lines,
    ad_blocks,
    related_blocks,
    forum_user_names,
    quoted_repeats,
    bare_bylines,
    release_label,
    header,
    wire_dateline,
    inline_credits,
    inline_signups,
    bare_credits,
    dangling_lead_ins,
    trailing_block,
)


def clean(text: str, *, keep: Collection[tuple[int, int]] = (), outside: Collection[int] = ()) -> CleanResult:
    """Remove page noise from ``text``; spans listed in ``keep`` (restored by an editor) stay in the body.

    ``outside`` lists lines (by index) that lie outside the article's own text, as a web page's extractor judged
    (``articles.html.html_page``): each is removed, for the reason a whole-line rule gives (reading the date or
    the byline it carries, or naming the correction notice it is) or else as ``OUTSIDE_REASON``, before the
    other passes look for the headline.

    Every removal satisfies ``text[r.start:r.end] == r.text``; applied removals do not overlap, and none overlaps
    another removal except an invisible character inside a restored fragment (restoring a line does not bring
    back a hidden character in it). The body is the input with the applied removals cut out and whitespace
    tidied (lines emptied by a cut dropped, runs of blank lines collapsed to one, line ends and the whole body
    stripped); it is otherwise character-identical.
    """
    # The passes read the text as a reader sees it, without invisible characters: a soft hyphen or a zero-width
    # space must not keep "Adver\u00adtisement" from being recognised, nor end up in a title. Their spans are
    # then mapped back onto the text (widened over the hidden characters inside them), and the characters
    # themselves are removed from the body.
    view = _Visible(text)
    page = Page(view.text)
    found_outside: dict = {}
    if outside:
        lines = sorted(i for i in set(outside) if 0 <= i < len(page.lines))
        whole_lines(page, lines)
        found_outside, page.meta = page.meta, {}  # the article's own lines speak first (a "More from…" byline last)
        for index in lines:
            page.remove_line(index, OUTSIDE_REASON)
    for run_pass in PASSES:
        run_pass(page)
    for key, value in found_outside.items():
        page.set_meta("publisher" if key.startswith("publisher_") else key, value)
    kept = {(int(a), int(b)) for a, b in keep}
    spans = [(*view.source_span(start, end), reason) for start, end, reason in page.spans]
    applied_spans = sorted((s, e) for s, e, _ in spans if (s, e) not in kept)
    spans += [(m.start(), m.end(), INVISIBLE_REASON) for m in INVISIBLE.finditer(text)
              if not _covered(applied_spans, m.start(), m.end())]
    removals, restored, applied = [], [], []
    for start, end, reason in sorted(spans):
        removal = Removal(start, end, text[start:end], reason)
        removals.append(removal)
        if (start, end) in kept and reason not in UNRESTORABLE:
            restored.append(removal)
        else:
            applied.append(removal)
    meta = page.meta
    metadata = Metadata(
        title=meta.get("title", ""),
        publisher=meta.get("publisher", ""),
        author=meta.get("author", ""),
        url=meta.get("url", ""),
        published=meta.get("published"),
    )
    return CleanResult(body=_tidy(text, applied), removals=removals, metadata=metadata, restored=restored)


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (sorted, not overlapping, so their ends ascend too)."""
    k = bisect_left(spans, (end,)) - 1  # the last span starting before ``end``
    return k >= 0 and spans[k][1] > start


class _Visible:
    """``text`` as a reader sees it, without its invisible characters, and the way back to offsets in ``text``."""

    def __init__(self, text: str):
        self.text = INVISIBLE.sub("", text)
        self._at: list[int] = []  # view offsets where hidden characters were cut out, ascending
        self._before: list[int] = []  # how many hidden characters precede each of those offsets, in all
        hidden = 0
        for m in INVISIBLE.finditer(text):
            hidden += m.end() - m.start()
            self._at.append(m.end() - hidden)
            self._before.append(hidden)

    def _source(self, offset: int) -> int:
        """Where the character at view ``offset`` sits in the text."""
        k = bisect_right(self._at, offset)
        return offset + (self._before[k - 1] if k else 0)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The text's span holding view ``start:end``: from its first character to its last, hidden ones between."""
        if end <= start:
            return self._source(start), self._source(start)
        return self._source(start), self._source(end - 1) + 1


def _tidy(text: str, applied: list[Removal]) -> str:
    mask = bytearray(len(text))
    for r in applied:
        mask[r.start:r.end] = b"\x01" * (r.end - r.start)
    out: list[str] = []
    offset = 0
    for raw in text.split("\n"):
        span = range(offset, offset + len(raw))
        touched = any(mask[i] for i in span)
        kept = "".join(text[i] for i in span if not mask[i]) if touched else raw
        offset += len(raw) + 1
        kept = kept.rstrip()
        if touched and not kept.strip() and INVISIBLE.sub("", raw).strip():
            continue  # a line whose content was all removed; one a reader saw as blank stays a paragraph break
        if not kept and out and not out[-1]:
            continue
        out.append(kept)
    return "\n".join(out).strip()
