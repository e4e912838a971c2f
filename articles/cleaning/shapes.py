"""The shape of a line (a list item, a headline, a sentence of prose, a row of links), judged without its words."""
import re
from dataclasses import dataclass


@dataclass
class Line:
    index: int
    start: int  # offset of the line's first character in the input
    raw: str  # the line without its newline

    @property
    def stripped_span(self) -> tuple[int, int]:
        lead = len(self.raw) - len(self.raw.lstrip())
        return self.start + lead, self.start + len(self.raw.rstrip())

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


def split_lines(text: str) -> list[Line]:
    lines, offset = [], 0
    for index, raw in enumerate(text.split("\n")):
        lines.append(Line(index, offset, raw))
        offset += len(raw) + 1
    return lines


def plain(line: str) -> str:
    """A line without Markdown heading marks and emphasis around it, for matching."""
    s = line.strip()
    s = re.sub(r"^#{1,6}\s+", "", s)
    s = s.replace("**", "").replace("__", "")
    return s.strip("*_ \t")


def words(s: str) -> int:
    return len(s.split())


_TERMINAL_RE = re.compile(r"[.!?…][\"'”’)\]]*$")
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-*+•▪◦–]\s+|\d{1,3}[.)]\s+|[a-zA-Z][.)]\s+|\|)")
SEPARATOR_RE = re.compile(r"(?<!\s)\s+[|·•»]\s+")  # (?<!\s): a run of spaces is read once, from its start


def ends_sentence(s: str) -> bool:
    return bool(_TERMINAL_RE.search(s.rstrip()))


def is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM_RE.match(line))


def is_heading_like(line: str, max_words: int = 20) -> bool:
    """A short line that reads as a headline: no final full stop or colon, starts like a sentence."""
    s = plain(line)
    if not s or words(s) > max_words or is_list_item(line):
        return False
    if s.endswith((".", ":", ",", ";")) or not re.match(r"[\"'“‘(\w]|\[[A-Za-z]+(?: [A-Za-z]+)?\]\s+\S", s):
        return False  # a forum's "[Discussion] …" may open one; "[This article was amended …]" is a note
    breaks = list(re.finditer(r"\w([.!?])\s+[\"“‘(]?[A-Z]", s))
    exclaimed = (len(breaks) == 1 and breaks[0].group(1) in "!?" and words(s[:breaks[0].end(1)]) == 1
                 and words(s[breaks[0].end(1):]) >= 4)
    if breaks and not exclaimed:
        # Two sentences: prose ("Great ending! Worth the wait"), not a headline, unless the first is one word
        # exclaimed before a headline of its own ("Finally! Fore Street is going pedestrian").
        return False
    return s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘(["  # "[Discussion] …" heads a forum thread


def is_prose(line: str) -> bool:
    s = plain(line)
    return words(s) >= 8 and ends_sentence(s) and not is_list_item(line)


def segments(s: str) -> list[str]:
    return [part.strip() for part in SEPARATOR_RE.split(s)]


def is_link_row(s: str, max_words: int = 5) -> bool:
    """``A | B | C`` or ``A · B``: two or more short segments, none of them a sentence."""
    parts = segments(s)
    return len(parts) >= 2 and all(0 < words(p) <= max_words and not p.endswith(".") for p in parts)
