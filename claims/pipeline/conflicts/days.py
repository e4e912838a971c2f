"""One event put on different days: weekdays and dates, compared where they date the same event."""
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from ..group import Matcher
from ..text import content_tokens, normalise, stem
from ..types import ClaimSpan, ConflictFound, Group
from .variants import capped, connected, variant


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = {
    name: k
    for k, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
MONTHS = frozenset(_MONTH_NAMES)  # month names and their short forms: never a unit, never a person
_MONTH_LABELS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December")
_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ALSO_A_WORD = frozenset({"may", "march"})  # month names English also uses as a verb at a sentence's start


def _written(names) -> str:
    """Alternatives for ``names`` as English writes days and months: capitalised, or in capitals ("may" and
    "march" in lower case are a verb, not a month)."""
    return "|".join(f"{n.capitalize()}|{n.upper()}" for n in sorted(names, key=len, reverse=True))


_NUMBER = r"(?P<day{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_MONTH = r"(?P<month{n}>" + _written(_MONTH_NAMES) + r")\.?"
_DATE = (
    _NUMBER.format(n=1) + r"\s+(?:of\s+)?" + _MONTH.format(n=1)  # 3 March, 3rd of March
    + r"|" + _MONTH.format(n=2) + r"\s+" + _NUMBER.format(n=2)  # March 3, March 3rd
)
_DAY = re.compile(
    r"\b(?:(?P<weekday>" + _written(WEEKDAYS) + r")(?:,?\s+(?:the\s+)?(?=[0-3]?\d|[A-Z]))?)?"
    r"(?:(?:" + _DATE + r")(?:,?\s+(?P<year>(?:1[89]|2\d)\d\d))?)?\b"
)
_RANGE_WORD = r"(?:-|–|—|to|through|thru|until|till)"
_JOINS_RANGE = re.compile(r"\s*" + _RANGE_WORD + r"\s*", re.IGNORECASE)  # "Monday to Friday"
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)  # "between Monday and Friday"
_NUMBER_BEFORE = re.compile(  # "3–5 March", "between 3 and 5 March"
    r"(?:\b[0-3]?\d(?:st|nd|rd|th)?\s*(?:-|–|—|to)|\bbetween\s+[0-3]?\d(?:st|nd|rd|th)?\s+and)\s*$", re.IGNORECASE
)
_NUMBER_AFTER = re.compile(r"\s*(?:-|–|—|to)\s*[0-3]?\d\b", re.IGNORECASE)  # "March 3–5"


@dataclass(frozen=True)
class Day:
    """A day a text names: a weekday, a date (day and month, perhaps a year) or both ("Monday 3 March")."""

    weekday: str | None
    month: int | None
    day: int | None
    year: int | None
    start: int
    end: int
    surface: str
    span: bool = False  # one end of a range ("Monday to Friday"): not a day the event happened on

    @property
    def label(self) -> str:
        """One spelling per day, however a source wrote it: "3 March" for "March 3rd" and "the 3rd of March"."""
        parts = [self.weekday.capitalize()] if self.weekday else []
        if self.month:
            parts += [str(self.day), _MONTH_LABELS[self.month - 1]]
        if self.year:
            parts.append(str(self.year))
        return " ".join(parts)

    def comparable(self, other: "Day") -> bool:
        """Whether the two say something about the same part of a day (both a weekday, or both a date)."""
        return bool(self.weekday and other.weekday) or bool(self.month and other.month)

    def agrees(self, other: "Day") -> bool:
        """Whether every part both give is the same: "3 March" agrees with "Monday 3 March 2025"."""
        pairs = ((self.weekday, other.weekday), (self.month, other.month), (self.day, other.day),
                 (self.year, other.year))
        return all(a is None or b is None or a == b for a, b in pairs)


_COUNTED = re.compile(r"\s+(?!(?:is|was|will|would|has|had)\b)[a-z]")  # "May 10 people", not "May 10 was"


def _misread_verb(text: str, match: re.Match) -> bool:
    """ "May 10 people …" / "March 3 miles …" opening a sentence: a verb and a count, not a date."""
    month = match.group("month2")
    if not month or month.lower() not in _ALSO_A_WORD or match.group("weekday"):
        return False
    before = text[: match.start()].rstrip()
    after = text[match.end():]
    opens_sentence = not before or before[-1] in ".!?\"“”"
    return opens_sentence and _COUNTED.match(after) is not None


def days(text: str) -> list[Day]:
    """Each weekday and date ``text`` names, in order; a weekday written with its date is one day."""
    found = []
    for match in _DAY.finditer(text):
        if not match.group() or _misread_verb(text, match):
            continue
        weekday = match.group("weekday")
        number = match.group("day1") or match.group("day2")
        month_word = match.group("month1") or match.group("month2")
        if not number and not weekday:
            continue
        month = day = year = None
        if number:
            month, day = _MONTH_NAMES[month_word.lower()], int(number)
            if not 1 <= day <= _LONGEST_MONTH[month - 1]:
                continue  # 30 February: not a date
            year = int(match.group("year")) if match.group("year") else None
        surface = match.group().rstrip(", ")
        found.append(Day(weekday.lower() if weekday else None, month, day, year, match.start(),
                         match.start() + len(surface), surface))
    return _mark_ranges(text, found)


def _mark_ranges(text: str, found: list[Day]) -> list[Day]:
    """Days that open or close a range ("Monday to Friday", "3–5 March", "between 3 and 5 May") are marked
    ``span``: a range is not the day of an event."""
    span = [False] * len(found)
    for k, (day, following) in enumerate(zip(found, found[1:])):
        between = text[day.end:following.start]
        if _JOINS_RANGE.fullmatch(between) or (
            between.strip().lower() == "and" and _BETWEEN.search(text[: day.start])
        ):
            span[k] = span[k + 1] = True
    for k, day in enumerate(found):
        if day.month and day.surface[0].isdigit() and _NUMBER_BEFORE.search(text[: day.start]):
            span[k] = True
        if day.month and not day.surface[0].isdigit() and _NUMBER_AFTER.match(text[day.end:]):
            span[k] = True
    return [replace(day, span=True) if s else day for day, s in zip(found, span)]


_FRAME_REACH = 3  # content words looked at next to the day for the event it dates ("closed on Monday")
# "said on Monday that …": the day dates the saying, not the event, so it is no frame.
_REPORTING = frozenset(stem(w) for w in (
    "said says say told tells announced announces confirmed confirms stated states reported reports added adds "
    "wrote writes posted posts tweeted claimed claims explained explains"
).split())
_CLAUSE = r"[,;:.()–—]"


def _plain(words: list[str]) -> list[str]:
    return [w for w in words if not w.isdigit() and w not in _MONTH_NAMES and w not in WEEKDAYS]


def _frames(text: str, day: Day) -> frozenset[str]:
    """The event a day dates, as the words that may name it. Usually the nearest content word before the day,
    in the same clause ("closed on Monday"); for a day that opens its sentence ("On Wednesday, the council
    voted") the first few content words of the clause after it. Empty when the day dates a saying."""
    words = _plain(content_tokens(re.split(_CLAUSE, text[: day.start])[-1]))[-_FRAME_REACH:]
    if words:
        return frozenset() if words[-1] in _REPORTING else frozenset(words[-1:])
    clauses = [c for c in re.split(_CLAUSE, text[day.end:]) if content_tokens(c)]
    following = _plain(content_tokens(clauses[0]))[:_FRAME_REACH] if clauses else []
    if any(w in _REPORTING for w in following):
        return frozenset()
    return frozenset(following)


def day_conflicts(claims: Sequence[ClaimSpan], groups: Sequence[Group], matcher: Matcher) -> list[ConflictFound]:
    grouped = {frozenset(p) for g in groups for p in combinations(g.members, 2)}
    said: dict[int, list[Day]] = defaultdict(list)  # claim -> every day it names
    by_frame: dict[str, list[tuple[int, Day]]] = defaultdict(list)
    frames: dict[tuple[int, int], frozenset[str]] = {}
    for index, claim in enumerate(claims):
        for day in days(claim.text):
            said[index].append(day)
            frames[(index, day.start)] = frame = frozenset() if day.span else _frames(claim.text, day)
            for word in frame:
                by_frame[word].append((index, day))
    related: dict[frozenset[int], bool] = {}

    def about_the_same(i: int, j: int) -> bool:
        # Grouped, or matched by the similarity step (a topic's claims share its names, so shared words alone
        # would relate "the library closed" and "the pool closed").
        key = frozenset((i, j))
        if key not in related:
            related[key] = key in grouped or (matcher.corrected(i, j) or -1.0) > 0
        return related[key]

    edges, frame_of = [], {}
    seen: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    for word, found in sorted(by_frame.items()):
        for (i, x), (j, y) in combinations(found, 2):
            pair = ((i, x.start), (j, y.start)) if (i, x.start) < (j, y.start) else ((j, y.start), (i, x.start))
            if pair in seen or claims[i].source == claims[j].source:
                continue
            if not x.comparable(y) or x.agrees(y):
                continue
            # A claim that also names the other day speaks of two days ("reopened on Friday, after the closure
            # on Tuesday"): not a disagreement.
            if any(d.agrees(x) and d.comparable(x) for d in said[j]) or any(
                d.agrees(y) and d.comparable(y) for d in said[i]
            ):
                continue
            if about_the_same(i, j):
                seen.add(pair)
                edges.append((pair[0], pair[1]))
                for node in pair:
                    frame_of[node] = min(frame_of.get(node, word), word)
    day_at = {(i, day.start): day for i, ds in said.items() for day in ds}
    conflicts = []
    # One conflict per connected set of days: "the library closed on …" and "the pool closed on …" are two events.
    components = connected(edges)
    used: set[str] = set()
    for members in sorted(components, key=lambda m: (min(frame_of[n] for n in m), sorted(m))):
        nodes = sorted(members)
        labels = sorted({day_at[n].label for n in nodes})
        kind = "date" if any(day_at[n].month for n in nodes) else "weekday"
        frame = min(frame_of[n] for n in nodes)
        key = f"day:{kind}:{frame}:{'|'.join(label.lower() for label in labels)}"
        if key in used:
            texts = "|".join(sorted({normalise(claims[i].text) for i, _ in nodes}))
            key += ":" + hashlib.blake2b(texts.encode(), digest_size=4).hexdigest()
        used.add(key)
        variants = [variant(claims, i, day_at[(i, start)].label) for i, start in nodes]
        conflicts.append(
            ConflictFound(
                about=f"Sources give different days ({', '.join(labels)}).",
                kind="date",
                key=key,
                variants=capped(variants),
            )
        )
    return conflicts
