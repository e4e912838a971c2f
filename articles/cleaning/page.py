"""The bookkeeping the cleaning passes share: which lines and spans are removed, and the metadata found so far."""
from bisect import bisect_left, insort
from collections import defaultdict

from .shapes import split_lines


class Page:
    """One article's text while the passes run: its lines, the spans removed so far (with their reasons), and
    the metadata found. A pass removes through ``remove_line`` and ``remove_span``, which refuse overlaps."""

    def __init__(self, text: str):
        self.text = text  # what the passes read: the article as a reader sees it
        self.lines = split_lines(text)
        self.spans: list[tuple[int, int, str]] = []
        # line index -> the spans on it, in order: a page of 50,000 short lines asks of each line, and checking
        # every span made that quadratic (106 s for 900 KB). They never overlap (``remove_span`` refuses an
        # overlap), so one look at the span starting just before a new span's end tells whether they overlap;
        # checking each span on the line made a line of many captions quadratic too
        self._on_line: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        self.whole: dict[int, str] = {}  # line index -> reason, for lines removed whole
        self.touched: set[int] = set()  # lines with a partial removal
        self.meta: dict = {}
        blank = sum(1 for ln in self.lines if ln.blank)
        self.blank_paragraphs = blank >= 0.3 * max(1, len(self.lines) - blank)

    def _line_at(self, offset: int) -> int:
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def free(self, index: int) -> bool:
        return index not in self.whole and index not in self.touched

    def remove_line(self, index: int, reason: str) -> None:
        line = self.lines[index]
        if line.blank or not self.free(index):
            return
        start, end = line.stripped_span
        self._add(start, end, reason, index, index)
        self.whole[index] = reason

    def _add(self, start: int, end: int, reason: str, first: int, last: int) -> None:
        span = (start, end, reason)
        self.spans.append(span)
        for i in range(first, last + 1):
            insort(self._on_line[i], span)

    def _overlaps(self, index: int, start: int, end: int) -> bool:
        spans = self._on_line.get(index)
        if not spans:
            return False
        before = bisect_left(spans, (end,)) - 1  # the last span starting before ``end``
        return before >= 0 and spans[before][1] > start

    def remove_span(self, start: int, end: int, reason: str) -> None:
        """Remove ``start:end`` unless it overlaps a removal already made or lies on a line removed whole (whose
        removal spans only its stripped text)."""
        first, last = self._line_at(start), self._line_at(max(start, end - 1))
        if any(i in self.whole for i in range(first, last + 1)):
            return
        if any(self._overlaps(i, start, end) for i in range(first, last + 1)):
            return
        self._add(start, end, reason, first, last)
        self.touched.update(range(first, last + 1))
        # a span that covers a line's whole content removes the line
        for i in range(first, last + 1):
            ls, le = self.lines[i].stripped_span
            if start <= ls and le <= end and ls < le:
                self.whole[i] = reason

    def remaining(self, index: int) -> str:
        """The line's text once partial removals are cut out."""
        line = self.lines[index]
        out, pos = [], line.start
        for s, e, _ in self._on_line.get(index, ()):
            if e <= line.start or s >= line.start + len(line.raw):
                continue
            out.append(self.text[pos:max(pos, s)])
            pos = max(pos, e)
        out.append(self.text[pos:line.start + len(line.raw)])
        return "".join(out)

    def content_indices(self) -> list[int]:
        return [ln.index for ln in self.lines if not ln.blank and ln.index not in self.whole]

    def next_content(self, index: int) -> int | None:
        for i in range(index + 1, len(self.lines)):  # indices, not a slice: a slice copies the rest of the page
            if not self.lines[i].blank and i not in self.whole:
                return i
        return None

    def prev_content(self, index: int) -> int | None:
        for i in range(index - 1, -1, -1):
            if not self.lines[i].blank and i not in self.whole:
                return i
        return None

    def set_meta(self, key: str, value) -> None:
        if value and not self.meta.get(key):
            self.meta[key] = value
