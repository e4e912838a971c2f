"""Two figures for one quantity: amounts of money, counts and percentages with the same unit, and spans of time
in any unit from seconds to weeks."""
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ..group import Matcher
from ..text import MONEY_RE, NUMBER_WORDS_PATTERN, SCALE, STOPWORDS, same_value_key, stem, word_number
from ..types import ClaimSpan, ConflictFound, Group
from .days import MONTHS
from .variants import capped, context, variant


_QUANTITY = re.compile(
    r"(?<![\w-])(?P<num>\d[\d,]*(?:\.\d+)?(?:\s(?:thousand|million|billion)(?![\w-]))?|" + NUMBER_WORDS_PATTERN
    + r")(?![\w-])"
    r"(?:\s?(?P<pct>%|per ?cent))?(?:\s+(?P<unit>[a-z][a-z-]+))?",
    re.I,
)
# Fractions said in words: "half an hour", "a quarter of an hour", "an hour and a half", "two and a half years".
_FRACTIONS = {"half": 0.5, "a quarter of": 0.25, "three quarters of": 0.75}
_FRACTION = re.compile(
    r"\b(?:(?P<part>half|a quarter of|three quarters of)\s+an?|(?P<whole>an?|\d+|"
    + NUMBER_WORDS_PATTERN
    + r")(?P<and_half>\s+and\s+a\s+half)?)\s+(?P<unit>[a-z][a-z-]+)(?P<unit_half>\s+and\s+a\s+half)?\b",
    re.I,
)


def _amount(token: str) -> float | None:
    """The value of a figure: digits ("1,200", "2.5"), digits with a scale word ("2.3 million"), or words."""
    in_words = word_number(token)
    if in_words is not None:
        return float(in_words)
    figure, _, scale = token.lower().replace(",", "").partition(" ")
    try:
        return float(figure) * SCALE.get(scale, 1.0)
    except ValueError:
        return None


def _fractions(text: str) -> list[tuple[str, float, int, int, str]]:
    """Amounts with a fraction said in words: "half an hour" (hour, 0.5), "an hour and a half" (hour, 1.5), "two
    and a half years" (year, 2.5). A plain "an hour" or "a day" is not an amount: "a day" is also "twice a day"."""
    found = []
    for match in _FRACTION.finditer(text):
        unit = match.group("unit").lower()
        if unit in STOPWORDS or unit in MONTHS or unit in SCALE or unit in ("dozen", "score"):
            continue  # "half a million", "half a dozen": scales, not units
        if match.group("part"):
            if match.group("unit_half"):
                continue  # "half an hour and a half" is no amount
            amount = _FRACTIONS[" ".join(match.group("part").lower().split())]
        elif match.group("and_half") or match.group("unit_half"):
            if match.group("and_half") and match.group("unit_half"):
                continue
            whole = match.group("whole").lower()
            base = 1.0 if whole in ("a", "an") else _amount(whole)
            if base is None:
                continue
            amount = base + 0.5
        else:
            continue
        found.append((stem(unit), amount, match.start(), match.end(), match.group()))
    return found


_WORD_OR_DIGITS = r"(?:\d+|" + NUMBER_WORDS_PATTERN + r"|an?)"
# Not inside a longer number ("1.5 hours", "2,000 hours"), not after "half" or "quarter of", and no comma between
# the two ("slept 10 hours, and 5 minutes later" is two figures).
_COMPOUND = re.compile(
    rf"(?<![\d.,])(?<!half\s)(?<!of\s)\b(?P<hours>{_WORD_OR_DIGITS})\s+hours?\s+(?:and\s+)?"
    rf"(?P<minutes>{_WORD_OR_DIGITS})\s+minutes?\b",
    re.I,
)


def _compound_spans(text: str) -> list[tuple[str, float, int, int, str]]:
    """"2 hours 19 minutes", "an hour and ten minutes": one span, in minutes, not two figures."""
    found = []
    for match in _COMPOUND.finditer(text):
        hours, minutes = (1.0 if w.lower() in ("a", "an") else _amount(w) for w in match.group("hours", "minutes"))
        if hours is not None and minutes is not None:
            found.append((stem("minutes"), hours * 60 + minutes, match.start(), match.end(), match.group()))
    return found


# A moment on a clock that runs from the start, not a span of time: "the 31st minute", "a 104th-minute winner",
# "level on 58 minutes", "58 minutes in, …", "twenty minutes into the second half" (not "after 20 minutes", as often
# a wait as a moment, nor "20 minutes in the museum"). Its own unit, so "on 58 minutes"
# is never weighed against "for 45 minutes".
MINUTE_MARK = "minute-mark"
_ORDINAL_MINUTE = re.compile(r"(?<![\w.,-])(?P<num>\d{1,3})(?:st|nd|rd|th)[\s-]minute\b", re.I)
_ON_THE_CLOCK = re.compile(
    r"\b(?:on|at)\s+(?:the\s+)?(?P<a>(?P<num_a>\d{1,3}|" + NUMBER_WORDS_PATTERN + r")\s+minutes?\b)"
    r"(?!\s+(?:of|later|earlier|long|past|to|walk|drive|ride|delay|wait)\b)"
    r"|\b(?P<b>(?P<num_b>\d{1,3}|" + NUMBER_WORDS_PATTERN + r")\s+minutes?)\s+(?:in(?=\s*[,.;:!?)]|\s+(?:and|but|when|as)\b)"
    r"|into\b)",
    re.I,
)
# A moment counted back from an end ("ten minutes from time", "five minutes before the break"): neither a span nor a
# mark on the clock that runs from the start, so no figure to compare.
_COUNTED_BACK = re.compile(
    r"\b(?:\d{1,3}|" + NUMBER_WORDS_PATTERN + r")\s+minutes?\s+(?:from|before)\s+(?:time|the\s+(?:end|break|final whistle)|"
    r"full[\s-]time|half[\s-]time|the\s+interval)\b",
    re.I,
)


_MARK_SLACK = 3  # minutes: two marks on the clock for one moment differ by a few ("104th" / "107th"); further apart
# ("58" / "63", "63rd" / "81st") they are two moments of one story, however related their sentences


def _near_marks(amounts: np.ndarray) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    def keep(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        x, y = amounts[a], amounts[b]
        return (x != y) & (np.abs(x - y) <= _MARK_SLACK)
    return keep


def _clock(text: str) -> tuple[list[tuple[str, float, int, int, str]], list[tuple[int, int]]]:
    """Marks on the clock (``MINUTE_MARK``), and the spans of moments counted back from an end, to skip."""
    found = [(MINUTE_MARK, float(m.group("num")), m.start(), m.end(), m.group())
             for m in _ORDINAL_MINUTE.finditer(text)]
    for m in _ON_THE_CLOCK.finditer(text):
        part = "a" if m.group("a") else "b"
        amount = _amount(m.group("num_" + part))
        if amount is not None:
            found.append((MINUTE_MARK, amount, m.start(part), m.end(part), m.group(part)))
    return found, [(m.start(), m.end()) for m in _COUNTED_BACK.finditer(text)]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (sorted and disjoint, ``starts`` their starts): only the last
    one starting before ``end`` can, so a text full of figures is not checked figure against figure."""
    k = bisect_left(starts, end)
    return k > 0 and start < spans[k - 1][1]


def quantities(text: str) -> list[tuple[str, float, int, int, str]]:
    """``(unit, amount, start, end, surface)`` for each amount of money or counted thing in ``text``."""
    marks, skipped = _clock(text)
    found = [f for f in _compound_spans(text) if not any(a < f[3] and f[2] < b for a, b in skipped)]
    found += [f for f in marks if not any(a < f[3] and f[2] < b for _, _, a, b, _ in found)]
    found += [f for f in _fractions(text) if not any(a < f[3] and f[2] < b for _, _, a, b, _ in found)]
    taken: list[tuple[int, int]] = [(start, end) for _, _, start, end, _ in found] + skipped
    for match in MONEY_RE.finditer(text):
        amount = _amount(match.group("num"))
        if amount is None:
            continue
        scale = (match.group("scale") or "").lower()
        found.append((match.group("cur"), amount * SCALE.get(scale, 1.0), match.start(), match.end(), match.group()))
        taken.append((match.start(), match.end()))
    taken = _merged(taken)
    starts = [a for a, _ in taken]
    for match in _QUANTITY.finditer(text):
        if _overlaps(taken, starts, match.start(), match.end()):
            continue
        amount = _amount(match.group("num"))
        if amount is None:
            continue
        if match.group("pct"):
            # "34 percent" of the vote: the word after a share is not its unit, nor part of the figure
            found.append(("%", amount, match.start(), match.end("pct"), text[match.start():match.end("pct")]))
            continue
        unit = (match.group("unit") or "").lower()
        if not unit or unit in MONTHS or unit in STOPWORDS or unit in SCALE:
            continue
        if match.group("num").isdigit() and len(match.group("num")) == 4 and 1500 <= amount <= 2200:
            continue  # a year, not a count
        if re.fullmatch(r"(?:am|pm|st|nd|rd|th|km|m|kg|mb|gb)", unit):
            continue
        unit = stem(unit)
        found.append((unit, amount, match.start(), match.end(), match.group().strip()))
    return found


# Units of time: "31 years" and "three decades" say the same, so counts of these are never compared across units.
_TIME_UNITS = frozenset(stem(w) for w in "second seconds minute minutes hour hours day days night nights week weeks "
                                       "month months year years decade decades century centuries".split())
# Spans of time a reader converts without thinking, in minutes: "twenty minutes" and "half an hour" are two
# figures for one span. Months and longer are not converted (see _TIME_UNITS).
_MINUTES = {
    stem(word): minutes
    for words, minutes in (("second seconds", 1 / 60), ("minute minutes", 1), ("hour hours", 60),
                           ("day days", 24 * 60), ("week weeks", 7 * 24 * 60))
    for word in words.split()
}
_SPAN_RATIO = 2.0  # two spans of time in different units differ by less than this when they are one span
_ESTIMATE_RATIO = 3.0  # two counts of one crowd differ by less than this when they disagree rather than count apart


_IRREGULAR_PLURALS = frozenset("people men women children folk staff police".split())


def _plural_count(surface: str) -> bool:
    """Whether a quantity counts several of something ("40 customers", "fifty people"): its noun is plural.
    "In one piece" or "a 10-minute walk" are ways of speaking, not counts of anything."""
    noun = surface.split()[-1].lower()
    return noun.endswith("s") and not noun.endswith("ss") or noun in _IRREGULAR_PLURALS


def _counts_in_groups(claims: Sequence[ClaimSpan], groups: Sequence[Group], links: dict) -> None:
    """Add to ``links`` the counts of one thing that grouped claims give under different nouns ("about 40
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
        members = [(i, surface, amount) for i, _unit, amount, surface in counted]
        links[key] += list(zip(members, members[1:]))  # one crowd: one conflict


def _rounded_alike(unit_x: str, x: float, unit_y: str, y: float) -> bool:
    """Whether two spans in different units are one figure rounded and one exact ("two hours" / "139 minutes"):
    the one in the larger unit is a whole number of it, and the other is less than half that unit from it (a
    quarter, when the number is one: "one hour" rounds "50 minutes", not "45 minutes"). A fraction ("half an
    hour") is said on purpose, so "twenty minutes" does not round to it."""
    (big, amount), (_small, _) = sorted([(unit_x, x), (unit_y, y)], key=lambda pair: -_MINUTES[pair[0]])
    minutes_x, minutes_y = x * _MINUTES[unit_x], y * _MINUTES[unit_y]
    tolerance = _MINUTES[big] / (2 if amount >= 2 else 4)
    return amount >= 1 and amount == int(amount) and abs(minutes_x - minutes_y) < tolerance


def _components(count: int, a: Sequence[int], b: Sequence[int]) -> np.ndarray:
    """The connected set each of ``count`` nodes belongs to (a label), the pairs ``(a[k], b[k])`` its edges."""
    graph = sparse.csr_matrix((np.ones(len(a)), (np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64))),
                              shape=(count, count))
    return connected_components(graph, directed=False)[1]


def _durations_across_units(
    claims: Sequence[ClaimSpan], mentions: dict, links: dict, related: Callable
) -> None:
    """Spans of time two sources give in different units ("twenty minutes" / "half an hour"), compared in
    minutes. Not a disagreement: figures ``_SPAN_RATIO`` or more apart ("the final 45 minutes" of "a two-hour
    film"), a rounded figure and an exact one (``_rounded_alike``), or two figures each claim gives both of
    (two spans of one story, "twenty minutes inside" and "half an hour later").

    Each disagreement (the figures linked directly or through others) joins a same-unit conflict that shares a
    claim with it ("twenty minutes" / "thirty minutes"), under that conflict's key, so one disagreement is one
    conflict and a conflict an editor settled keeps its key; else it is a conflict of its own, keyed
    ``number:duration`` (in minutes)."""
    spans = [
        (unit, i, amount, start, end, surface)
        for unit, found in sorted(mentions.items()) if unit in _MINUTES
        for i, amount, start, end, surface in found
    ]
    told: dict[int, set[float]] = defaultdict(set)  # claim -> the spans it gives, in minutes
    for unit, i, amount, *_ in spans:
        told[i].add(amount * _MINUTES[unit])
    units = np.array([unit for unit, *_ in spans])
    minutes = np.array([amount * _MINUTES[unit] for unit, _, amount, *_ in spans])
    ps, qs = _pairs_of(related([(i, start, end) for _, i, _, start, end, _ in spans], minutes))
    x, y = minutes[ps], minutes[qs]
    # One unit is compared as such in number_conflicts; twice or more apart is two spans, not one.
    near = (units[ps] != units[qs]) & (x != y) & (np.maximum(x, y) < _SPAN_RATIO * np.minimum(x, y))
    kept = []
    for p, q in zip(ps[near].tolist(), qs[near].tolist()):
        (ui, i, a, *_), (uj, j, b, *_) = spans[p], spans[q]
        if _rounded_alike(ui, a, uj, b) or (b * _MINUTES[uj] in told[i] and a * _MINUTES[ui] in told[j]):
            continue
        kept.append((p, q))
    if not kept:
        return
    label = _components(len(spans), *zip(*kept))
    same_unit = sorted(_MINUTES.keys() & {k.split(":", 1)[1] for k in links if k.count(":") == 1})
    claims_of = {unit: {member[0] for pair in links[f"number:{unit}"] for member in pair} for unit in same_unit}
    parts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for p, q in kept:
        parts[int(label[p])].append((p, q))
    for _, pairs in sorted(parts.items()):
        claimed = {spans[k][1] for pair in pairs for k in pair}
        host = next((unit for unit in same_unit if claimed & claims_of[unit]), None)

        def member(k: int) -> tuple[int, str, float]:
            """The figure as a member of the host conflict: in its unit (exactly, when it is the figure's own)."""
            unit, i, amount, _, _, surface = spans[k]
            if unit == host:
                return i, surface, amount
            return i, surface, round(amount * _MINUTES[unit] / (_MINUTES[host] if host else 1), 6)

        links[f"number:{host}" if host else "number:duration"] += [(member(p), member(q)) for p, q in pairs]


def _disagreements(links: dict) -> list[tuple[str, set]]:
    """Each key's figures split into disagreements: the figures linked to each other, directly or through
    others. Two disagreements over minutes in one topic ("a 20- or 30-minute delay", "a 10- or 45-minute walk")
    are two conflicts, not one list of four figures."""
    found = []
    for key, pairs in sorted(links.items()):
        members = sorted({member for pair in pairs for member in pair})
        index = {member: k for k, member in enumerate(members)}
        label = _components(len(members), [index[a] for a, _ in pairs], [index[b] for _, b in pairs])
        parts: dict = defaultdict(set)
        for member, part in zip(members, label.tolist()):
            parts[part].add(member)
        found += [(key, part) for part in sorted(parts.values(), key=sorted)]
    return found


def _matched_claims(matcher: Matcher, groups: Sequence[Group]) -> dict[int, set[int]]:
    """Claim -> the claims it is grouped with or matches (``Matcher.matched_pairs``)."""
    linked: dict[int, set[int]] = defaultdict(set)
    for group in groups:
        for i in group.members:
            linked[i].update(m for m in group.members if m != i)
    matched = getattr(matcher, "matched_pairs", None)
    for i, j in (matched().tolist() if matched is not None else []):
        linked[i].add(j)
        linked[j].add(i)
    return linked


# A figure a claim denies is not one it gives: "half an hour, not twenty minutes as first reported".
_DENIED = re.compile(r"\b(?:not|never|rather than|instead of)\s+(?:(?:the|a|an|some|about|around|only|just)\s+)?$",
                     re.I)
_OVERLAP_ROWS = 512  # figures whose shared context words are counted at once: (512, figures) integers
_NAME_WEIGHT = 2  # the names two claims share count double: another name, another thing
_SAME_VALUE = 0.5  # an equal figure is the likelier counterpart: sources agree far more often than they differ


def _incidence(sets: Sequence[set[str]]) -> sparse.csr_matrix:
    """Which words each set holds, as a sparse 0/1 matrix (one row per set)."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for k, words in enumerate(sets):
        for word in words:
            rows.append(k)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
    return sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(sets), len(vocabulary)))


def _block_scorer(claim_of: Sequence[int], source_of: np.ndarray, contexts: Sequence[set[str]],
                  names: Sequence[set[str]], linked: dict[int, set[int]], min_overlap: float):
    """A function giving, each time it is called, how closely each figure (in claim ``claim_of[a]`` of source
    ``source_of[a]``, with the words around it ``contexts[a]`` and the names its claim mentions ``names[a]``) is
    about the same thing as each figure of another source, ``_OVERLAP_ROWS`` rows at a time: ``(rows, score)``.
    The matrices it counts with are built once, for however many passes the caller makes. Two figures are related
    when their claims are grouped or matched (``linked``) or they share ``min_overlap`` of the smaller context's
    words;
    ``score[r, b]`` is then that share, plus ``_NAME_WEIGHT`` times the share of the two claims' names both
    mention (so "In Northfield, Labour won 34 percent" is closer to "Labour carried Northfield with 34 percent"
    than to "In Eastham, Labour won 22 percent", which words alone would not say, nor the grouping, which
    templated sentences confuse), plus 1 when linked; else ``-inf``. The shared words are counted with sparse
    products, so a topic of thousands of figures is neither a Python loop over every pair of them nor every pair
    held at once."""
    m = len(claim_of)
    at: dict[int, list[int]] = defaultdict(list)
    for k, c in enumerate(claim_of):
        at[c].append(k)
    link_rows, link_cols = [], []
    for c, ks in at.items():
        for d in linked.get(c, ()):
            for b in at.get(d, ()):
                link_rows += ks
                link_cols += [b] * len(ks)
    links = sparse.csr_matrix((np.ones(len(link_rows), dtype=np.float32), (link_rows, link_cols)), shape=(m, m))
    words, named = _incidence(contexts), _incidence(names)
    words_t, named_t = words.T.tocsr(), named.T.tocsr()
    sizes = np.array([len(w) for w in contexts])
    name_counts = np.array([len(n) for n in names])

    def blocks():
        for first in range(0, m, _OVERLAP_ROWS):
            block = np.arange(first, min(m, first + _OVERLAP_ROWS))
            shared = (words[block] @ words_t).toarray()
            overlap = (shared / np.maximum(1, np.minimum(sizes[block, None], sizes[None, :]))).astype(np.float32)
            both = (named[block] @ named_t).toarray()
            either = name_counts[block, None] + name_counts[None, :] - both
            name_share = (both / np.maximum(1, either)).astype(np.float32)
            linked_here = links[block].toarray() > 0
            related = ((overlap >= min_overlap) | linked_here) & (source_of[block, None] != source_of[None, :])
            yield block, np.where(related, overlap + _NAME_WEIGHT * name_share + linked_here, np.float32(-np.inf))

    return blocks


def _counterpart_blocks(claim_of: Sequence[int], source_of: np.ndarray, contexts: Sequence[set[str]],
                        names: Sequence[set[str]], linked: dict[int, set[int]], min_overlap: float,
                        values: np.ndarray):
    """Pairs ``(a[k], b[k])``, ``a < b``, a block at a time, of figures that disagree about one thing.

    Every related pair of different figures would be far too many on a page of results ("In Northfield, Labour
    won 34 percent", "In Eastham, the Greens won 22 percent" share most of their words), so figures are paired
    with their counterparts, two sources at a time, in two rounds. First, each figure with the figure of the
    other source it is closest to (``_block_scorer``, an equal value counting ``_SAME_VALUE`` more), where each
    is the other's closest (ties all count): an equal pair agrees, an unequal one disagrees. Then, among the
    figures left unpaired with that source, the same again, and only disagreements count. So a figure whose
    closest match is already spoken for by its own counterpart ("Hale later sells the frame to Moss for $500" in
    both sources) does not hide the pair that really disagrees ("pays him $10,000" / "for $15,000")."""
    m = len(claim_of)
    if m < 2:
        return
    sources, sidx = np.unique(source_of, return_inverse=True)
    perm = np.argsort(sidx, kind="stable")
    seg_start = np.searchsorted(sidx[perm], np.arange(len(sources)))
    paired = np.zeros((m, len(sources)), dtype=bool)  # figure -> sources it has its counterpart in
    score_blocks = _block_scorer(claim_of, source_of, contexts, names, linked, min_overlap)

    def scored():
        for block, score in score_blocks():
            score = score + np.float32(_SAME_VALUE) * (values[block, None] == values[None, :])
            free = ~paired[block][:, sidx] & ~paired[:, sidx[block]].T
            yield block, np.where(free, score, np.float32(-np.inf))

    for final in (False, True):
        best = np.full((m, len(sources)), -np.inf, dtype=np.float32)  # figure -> closest score in each source
        for block, score in scored():
            best[block] = np.maximum.reduceat(score[:, perm], seg_start, axis=1)
        found = []
        for block, score in scored():
            mutual = np.isfinite(score) & (np.arange(m)[None, :] > block[:, None])
            mutual &= (score >= best[block][:, sidx]) & (score >= best[:, sidx[block]].T)
            a, b = np.nonzero(mutual)
            a = block[a]
            found.append((a, b))
            differ = values[a] != values[b]
            yield a[differ], b[differ]
        if not final:
            for a, b in found:
                paired[a, sidx[b]] = True
                paired[b, sidx[a]] = True


def _pairs_of(blocks) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of ``blocks`` (``_counterpart_blocks``), at once."""
    blocks = list(blocks)
    if not blocks:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate([a for a, _ in blocks]), np.concatenate([b for _, b in blocks])


def _forest(members: Sequence[tuple], blocks, keep: Callable[[np.ndarray, np.ndarray], np.ndarray]):
    """Links joining the same ``members`` as the pairs of ``blocks`` that ``keep`` keeps, fewer: each set of
    members joined directly or through others, as a chain. The chains so far and the next block are joined at
    each step, so the pairs are never all held: a thousand figures that all disagree are a thousand links, not
    half a million."""
    n = len(members)
    chain_a = chain_b = np.zeros(0, dtype=np.int64)
    for a, b in blocks:
        kept = keep(a, b)
        label = _components(n, np.concatenate([chain_a, a[kept]]), np.concatenate([chain_b, b[kept]]))
        order = np.argsort(label, kind="stable")
        same = label[order][1:] == label[order][:-1]
        chain_a, chain_b = order[:-1][same], order[1:][same]
    return [(members[p], members[q]) for p, q in zip(chain_a.tolist(), chain_b.tolist())]


def _distinct(values) -> list[str]:
    """Each figure once, in order, however it is written: "23 people" and "Twenty-three people" are one."""
    seen: dict[str, str] = {}
    for value in sorted(values):
        seen.setdefault(same_value_key(value), value)
    return list(seen.values())


def number_conflicts(
    claims: Sequence[ClaimSpan], groups: Sequence[Group], matcher: Matcher, *, min_overlap: float = 0.25
) -> list[ConflictFound]:
    mentions: dict[str, list[tuple[int, float, int, int, str]]] = defaultdict(list)
    for index, claim in enumerate(claims):
        for unit, amount, start, end, surface in quantities(claim.text):
            if not _DENIED.search(claim.text, 0, start):
                mentions[unit].append((index, amount, start, end, surface))
    links: dict[str, list[tuple[tuple, tuple]]] = defaultdict(list)  # key -> pairs of (claim, surface, amount)
    around: dict[tuple[int, int], set[str]] = {}  # (claim, start) -> the words around that number, read once

    def words_around(i: int, start: int, end: int) -> set[str]:
        if (i, start) not in around:
            around[(i, start)] = context(claims[i].text, start, end)
        return around[(i, start)]

    linked = _matched_claims(matcher, groups)
    named = [{word.lower() for name in claim.people for word in name.split()} for claim in claims]

    def related(figures: list[tuple[int, int, int]], values: np.ndarray):
        """The blocks of pairs of ``figures`` (claim, start, end) that disagree about one thing
        (``_counterpart_blocks``), ``values`` their amounts."""
        return _counterpart_blocks([i for i, _, _ in figures], np.array([claims[i].source for i, _, _ in figures]),
                                   [words_around(i, start, end) for i, start, end in figures],
                                   [named[i] for i, _, _ in figures], linked, min_overlap, values)

    for unit, found in sorted(mentions.items()):
        amounts = np.array([x for _, x, _, _, _ in found])
        blocks = related([(i, start, end) for i, _, start, end, _ in found], amounts)
        keep = _near_marks(amounts) if unit == MINUTE_MARK else (lambda a, b, v=amounts: v[a] != v[b])
        links[f"number:{unit}"] += _forest([(i, t, x) for i, x, _, _, t in found], blocks, keep)
    _durations_across_units(claims, mentions, links, related)
    _counts_in_groups(claims, groups, links)
    by_key: dict[str, set] = defaultdict(set)  # two disagreements over the same figures are one conflict
    for key, members in _disagreements(links):
        values = sorted({amount for _, _, amount in members})
        unit = key.split(":", 1)[1]
        by_key[f"{key}:{'|'.join(f'{v:g}' for v in values)}" if unit and ":~grouped:" not in key else key] |= members
    conflicts = []
    for key, members in sorted(by_key.items()):
        variants = [variant(claims, i, surface) for i, surface, _ in sorted(members)]
        conflicts.append(
            ConflictFound(
                about=f"Sources give different figures ({', '.join(_distinct(v.value for v in variants))}).",
                kind="number",
                key=key,
                variants=capped(variants),
            )
        )
    return conflicts
