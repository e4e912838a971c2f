"""Two figures for one quantity: amounts of money, counts and percentages with the same unit."""
import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from ..group import Matcher
from ..text import STOPWORDS, stem
from ..types import ClaimSpan, ConflictFound, Group
from .days import MONTHS
from .variants import capped, context, variant


_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mn": 1e6, "bn": 1e9, "billion": 1e9}

_CURRENCY = re.compile(r"(?P<cur>[£$€¥])\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<scale>bn|billion|million|mn|m|k|thousand)?\b", re.I)
_QUANTITY = re.compile(
    r"\b(?P<num>\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s?(?P<pct>%|per ?cent))?(?:\s+(?P<unit>[a-z][a-z-]+))?",
    re.I,
)


def _amount(token: str) -> float | None:
    token = token.lower().replace(",", "")
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token])
    try:
        return float(token)
    except ValueError:
        return None


def quantities(text: str) -> list[tuple[str, float, int, int, str]]:
    """``(unit, amount, start, end, surface)`` for each amount of money or counted thing in ``text``."""
    found = []
    taken: list[tuple[int, int]] = []
    for match in _CURRENCY.finditer(text):
        amount = _amount(match.group("num"))
        if amount is None:
            continue
        scale = (match.group("scale") or "").lower()
        found.append((match.group("cur"), amount * _SCALE.get(scale, 1.0), match.start(), match.end(), match.group()))
        taken.append((match.start(), match.end()))
    for match in _QUANTITY.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        amount = _amount(match.group("num"))
        if amount is None:
            continue
        if match.group("pct"):
            unit = "%"
        else:
            unit = (match.group("unit") or "").lower()
            if not unit or unit in MONTHS or unit in STOPWORDS or unit in _SCALE:
                continue
            if match.group("num").isdigit() and len(match.group("num")) == 4 and 1500 <= amount <= 2200:
                continue  # a year, not a count
            if re.fullmatch(r"(?:am|pm|st|nd|rd|th|km|m|kg|mb|gb)", unit):
                continue
            unit = stem(unit)
        found.append((unit, amount, match.start(), match.end(), match.group().strip()))
    return found


# Units of time: "31 years" and "three decades" say the same, so counts of these are never compared across units.
_TIME_UNITS = frozenset(stem(w) for w in "second minute hour day night week month year decade century".split())
_ESTIMATE_RATIO = 3.0  # two counts of one crowd differ by less than this when they disagree rather than count apart


_IRREGULAR_PLURALS = frozenset("people men women children folk staff police".split())


def _plural_count(surface: str) -> bool:
    """Whether a quantity counts several of something ("40 customers", "fifty people"): its noun is plural.
    "In one piece" or "a 10-minute walk" are ways of speaking, not counts of anything."""
    noun = surface.split()[-1].lower()
    return noun.endswith("s") and not noun.endswith("ss") or noun in _IRREGULAR_PLURALS


def _counts_in_groups(claims: Sequence[ClaimSpan], groups: Sequence[Group], pairs: dict) -> None:
    """Add to ``pairs`` the counts of one thing that grouped claims give under different nouns ("about 40
    customers" / "some fifty regulars" / "around 60 people"): within a group, claims of different sources that
    each give exactly one count (not money, a share or a span of time), of amounts within a factor of
    ``_ESTIMATE_RATIO`` of each other, and not all the same."""
    single: dict[int, tuple[str, float, str]] = {}
    for group in groups:
        for i in group.members:
            if i not in single:
                found = quantities(claims[i].text)
                counted = [q for q in found if q[0] not in _TIME_UNITS and q[0].isalpha() and _plural_count(q[4])]
                single[i] = (counted[0][0], counted[0][1], counted[0][4]) if len(found) == len(counted) == 1 else None
        counted = [(i, *single[i]) for i in group.members if single[i] is not None]
        if len({claims[i].source for i, *_ in counted}) < 2 or len({amount for _, _, amount, _ in counted}) < 2:
            continue
        units = {unit for _, unit, _, _ in counted}
        amounts = [amount for _, _, amount, _ in counted]
        if len(units) < 2 or min(amounts) <= 0 or max(amounts) / min(amounts) >= _ESTIMATE_RATIO:
            continue  # one unit is the same-unit rule's to judge
        # Keyed by its own units and figures: another group's counts are another crowd, and another conflict.
        key = "number:~grouped:" + "|".join(sorted(units)) + ":" + "|".join(f"{a:g}" for a in sorted(set(amounts)))
        for i, _unit, amount, surface in counted:
            pairs[key].add((i, surface, amount))


def number_conflicts(
    claims: Sequence[ClaimSpan], groups: Sequence[Group], matcher: Matcher, *, min_overlap: float = 0.25
) -> list[ConflictFound]:
    grouped = {frozenset(p) for g in groups for p in combinations(g.members, 2)}
    mentions: dict[str, list[tuple[int, float, int, int, str]]] = defaultdict(list)
    for index, claim in enumerate(claims):
        for unit, amount, start, end, surface in quantities(claim.text):
            mentions[unit].append((index, amount, start, end, surface))
    pairs: dict[str, set[tuple[int, str, float]]] = defaultdict(set)
    around: dict[tuple[int, int], set[str]] = {}  # (claim, start) -> the words around that number, read once

    def words_around(i: int, start: int, end: int) -> set[str]:
        if (i, start) not in around:
            around[(i, start)] = context(claims[i].text, start, end)
        return around[(i, start)]

    for unit, found in sorted(mentions.items()):
        for (i, x, si, ei, ti), (j, y, sj, ej, tj) in combinations(found, 2):
            if claims[i].source == claims[j].source or x == y:
                continue
            ci, cj = words_around(i, si, ei), words_around(j, sj, ej)
            overlap = len(ci & cj) / max(1, min(len(ci), len(cj)))
            related = frozenset((i, j)) in grouped or (matcher.corrected(i, j) or -1.0) > 0 or overlap >= min_overlap
            if not related:
                continue
            key = f"number:{unit}"
            pairs[key].add((i, ti, x))
            pairs[key].add((j, tj, y))
    _counts_in_groups(claims, groups, pairs)
    conflicts = []
    for key, members in sorted(pairs.items()):
        values = sorted({amount for _, _, amount in members})
        variants = [variant(claims, i, surface) for i, surface, _ in sorted(members)]
        unit = key.split(":", 1)[1]
        conflicts.append(
            ConflictFound(
                about=f"Sources give different figures ({', '.join(sorted({v.value for v in variants}))}).",
                kind="number",
                key=f"{key}:{'|'.join(f'{v:g}' for v in values)}" if unit and ":~grouped:" not in key else key,
                variants=capped(variants),
            )
        )
    return conflicts
