"""One event put on different days: weekdays and days of a month, compared where they date the same event."""
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
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


def _written(names) -> str:
    """Alternatives for ``names`` as English writes days and months: capitalised, or in capitals ("may" and
    "march" in lower case are a verb, not a month)."""
    return "|".join(f"{n.capitalize()}|{n.upper()}" for n in sorted(names, key=len, reverse=True))


_MONTH = r"(?P<month{n}>" + _written(_MONTH_NAMES) + r")\.?"
_DAY_NUMBER = r"(?P<day{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY = re.compile(
    r"\b(?:(?P<weekday>" + _written(WEEKDAYS) + r")|" + _DAY_NUMBER.format(n=1) + r"\s+(?:of\s+)?"
    + _MONTH.format(n=1) + r"|" + _MONTH.format(n=2) + r"\s+" + _DAY_NUMBER.format(n=2) + r")\b"
)
_FRAME_REACH = 3  # content words looked at before the day for the event it dates ("closed on Monday")
_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# "said on Monday that …": the day dates the saying, not the event, so it is no frame.
_REPORTING = frozenset(stem(w) for w in (
    "said says say told tells announced announces confirmed confirms stated states reported reports added adds "
    "wrote writes posted posts tweeted claimed claims explained explains"
).split())


def days(text: str) -> list[tuple[str, str, int, int, str]]:
    """``(kind, value, start, end, surface)`` for each weekday ("weekday", "monday") and day of a month
    ("date", "3-2" for 2 March) in ``text``."""
    found = []
    for match in _DAY.finditer(text):
        if match.group("weekday"):
            found.append(("weekday", match.group("weekday").lower(), match.start(), match.end(), match.group()))
            continue
        day = int(match.group("day1") or match.group("day2"))
        month = _MONTH_NAMES[(match.group("month1") or match.group("month2")).lower()]
        if 1 <= day <= _LONGEST_MONTH[month - 1]:
            found.append(("date", f"{month}-{day}", match.start(), match.end(), match.group()))
    return found


def _frame(text: str, start: int) -> str | None:
    """The event a day at ``start`` dates: the nearest content word before it, within a few words and the
    same clause."""
    before = re.split(r"[,;:.()–—]", text[:start])[-1]
    words = content_tokens(before)[-_FRAME_REACH:]
    words = [w for w in words if not w.isdigit() and w not in _MONTH_NAMES and w not in WEEKDAYS]
    if not words or words[-1] in _REPORTING:
        return None
    return words[-1]


def day_conflicts(claims: Sequence[ClaimSpan], groups: Sequence[Group], matcher: Matcher) -> list[ConflictFound]:
    grouped = {frozenset(p) for g in groups for p in combinations(g.members, 2)}
    mentions: dict[tuple[str, str], list[tuple[int, str, str]]] = defaultdict(list)
    said: dict[int, set[str]] = defaultdict(set)  # claim -> every day it names
    for index, claim in enumerate(claims):
        for kind, value, start, _end, surface in days(claim.text):
            said[index].add(value)
            frame = _frame(claim.text, start)
            if frame:
                mentions[(kind, frame)].append((index, value, surface))
    conflicts = []
    for (kind, frame), found in sorted(mentions.items()):
        edges = []
        for (i, x, ti), (j, y, tj) in combinations(found, 2):
            if claims[i].source == claims[j].source or x == y or x in said[j] or y in said[i]:
                continue
            # About the same thing: grouped, or matched by the similarity step (a topic's claims share its names,
            # so shared words alone would relate "the library closed" and "the pool closed").
            if frozenset((i, j)) in grouped or (matcher.corrected(i, j) or -1.0) > 0:
                edges.append(((i, ti, x), (j, tj, y)))
        # One conflict per connected set: "the library closed on …" and "the pool closed on …" are two events.
        for rank, members in enumerate(connected(edges)):
            variants = [variant(claims, i, surface) for i, surface, _ in sorted(members)]
            key = f"day:{kind}:{frame}:{'|'.join(sorted({value for _, _, value in members}))}"
            if rank:
                texts = "|".join(sorted({normalise(claims[i].text) for i, _, _ in members}))
                key += ":" + hashlib.blake2b(texts.encode(), digest_size=4).hexdigest()
            conflicts.append(
                ConflictFound(
                    about=f"Sources give different days ({', '.join(sorted({v.value for v in variants}))}).",
                    kind="date",
                    key=key,
                    variants=capped(variants),
                )
            )
    return conflicts
