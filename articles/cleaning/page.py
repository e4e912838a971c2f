"""The bookkeeping the cleaning passes share: which lines and spans are removed, and the metadata found so far."""
from .shapes import split_lines


class Page:
    """One article's text while the passes run: its lines, the spans removed so far (with their reasons), and
    the metadata found. A pass removes through ``remove_line`` and ``remove_span``, which refuse overlaps."""

    def __init__(self, text: str):
        self.text = text  # what the passes read: the article as a reader sees it
        self.lines = split_lines(text)
        self.spans: list[tuple[int, int, str]] = []
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
        self.spans.append((start, end, reason))
        self.whole[index] = reason

    def remove_span(self, start: int, end: int, reason: str) -> None:
        """Remove ``start:end`` unless it overlaps a removal already made or lies on a line removed whole (whose
        removal spans only its stripped text)."""
        first, last = self._line_at(start), self._line_at(max(start, end - 1))
        if any(i in self.whole for i in range(first, last + 1)):
            return
        if any(s < end and start < e for s, e, _ in self.spans):
            return
        self.spans.append((start, end, reason))
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
        for s, e, _ in sorted(self.spans):
            if e <= line.start or s >= line.start + len(line.raw):
                continue
            out.append(self.text[pos:max(pos, s)])
            pos = max(pos, e)
        out.append(self.text[pos:line.start + len(line.raw)])
        return "".join(out)

    def content_indices(self) -> list[int]:
        return [ln.index for ln in self.lines if not ln.blank and ln.index not in self.whole]

    def next_content(self, index: int) -> int | None:
        for ln in self.lines[index + 1:]:
            if not ln.blank and ln.index not in self.whole:
                return ln.index
        return None

    def prev_content(self, index: int) -> int | None:
        for ln in reversed(self.lines[:index]):
            if not ln.blank and ln.index not in self.whole:
                return ln.index
        return None

    def set_meta(self, key: str, value) -> None:
        if value and not self.meta.get(key):
            self.meta[key] = value
