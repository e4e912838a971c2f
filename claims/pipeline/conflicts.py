"""Where sources disagree: a name spelled two ways, two numbers for one quantity, a reading and its opposite.

- Names: a capitalised name one set of sources uses and a near spelling (edit similarity) other sources use,
  never both in one source, and not proposed as aliases of each other.
- Numbers: two claims from different sources that give different amounts of the same unit ("twelve years" /
  "14 years", "£4.1m" / "£4.7 million") and are about the same thing: in one group, or matched by the
  similarity step, or sharing the words around the number. Checked across groups too, because the differing
  number itself often keeps two otherwise identical claims apart.
- Contradictions: two claims from different sources, at least one of them a reading (interpretation), where
  one uses a word and the other its opposite on a small table of general-English scales (stay/leave,
  safe/danger, …), a negated word counting for the other side, and which are about the same thing: in one
  group, or a candidate pair of the similarity step (each among the other's closest claims in its source).
  Related opposite pairs form conflicts (one per connected set of such pairs), each capped to its strongest
  pairs. A lexical heuristic: it finds disagreements worded with opposite words and misses those worded
  otherwise.
- Denials: claims in one group, from different sources, that make nearly the same statement except that one
  negates a word the others assert ("the ending is bleak" / "the ending is not bleak").
"""
import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from itertools import combinations

from .extract import proper_names
from .group import Matcher
from .text import STOPWORDS, content_tokens, normalise, stem
from .types import ClaimSpan, ConflictFound, Group, Variant

_NAME_SIMILARITY = 0.65
_MIN_NAME_LENGTH = 4

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mn": 1e6, "bn": 1e9, "billion": 1e9}
_MONTHS = set(
    "january february march april may june july august september october november december jan feb mar apr jun jul "
    "aug sep sept oct nov dec".split()
)
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
            if not unit or unit in _MONTHS or unit in STOPWORDS or unit in _SCALE:
                continue
            if match.group("num").isdigit() and len(match.group("num")) == 4 and 1500 <= amount <= 2200:
                continue  # a year, not a count
            if re.fullmatch(r"(?:am|pm|st|nd|rd|th|km|m|kg|mb|gb)", unit):
                continue
            unit = stem(unit)
        found.append((unit, amount, match.start(), match.end(), match.group().strip()))
    return found


def _variant(claims: Sequence[ClaimSpan], index: int, value: str) -> Variant:
    claim = claims[index]
    return Variant(value=value, claim=index, start=claim.start, end=claim.end, text=claim.text)


_MAX_LISTED = 12  # variants listed for a name or number conflict; every distinct value keeps at least one


def _capped(variants: list[Variant], limit: int = _MAX_LISTED) -> list[Variant]:
    """At most ``limit`` variants, taken in turn from each distinct value (in their order), so that a conflict
    across hundreds of sources stays readable and still shows every side."""
    if len(variants) <= limit:
        return variants
    by_value: dict[str, list[Variant]] = defaultdict(list)
    for v in variants:
        by_value[v.value].append(v)
    chosen: list[Variant] = []
    depth = 0
    while len(chosen) < limit:
        layer = [vs[depth] for vs in by_value.values() if depth < len(vs)]
        if not layer:
            break
        chosen.extend(layer[: limit - len(chosen)])
        depth += 1
    keep = {id(v) for v in chosen}
    return [v for v in variants if id(v) in keep]


def _name_conflicts(
    claims: Sequence[ClaimSpan], bodies: Mapping[int, str], aliases: Mapping[str, str]
) -> list[ConflictFound]:
    tokens_by_source: dict[int, set[str]] = {}
    for source, body in bodies.items():
        tokens_by_source[source] = {
            t
            for name in proper_names(body, mid_sentence_only=True)
            for t in name.split()
            if len(t) >= _MIN_NAME_LENGTH and t.lower() not in _MONTHS
        }
    sources_of: dict[str, set[int]] = defaultdict(set)
    for source, tokens in tokens_by_source.items():
        for token in tokens:
            sources_of[token].add(source)
    alias_tokens = {frozenset((a, b)) for name, person in aliases.items() for a in name.split() for b in person.split()}
    conflicts = []
    for a, b in combinations(sorted(sources_of), 2):
        if sources_of[a] & sources_of[b] or frozenset((a, b)) in alias_tokens:
            continue
        if a[0] != b[0] or a.lower() == b.lower():
            continue  # a misspelling keeps the first letter
        if SequenceMatcher(None, a.lower(), b.lower()).ratio() < _NAME_SIMILARITY:
            continue
        variants = []
        for name in (a, b):
            pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
            for source in sorted(sources_of[name]):
                index = next((k for k, c in enumerate(claims) if c.source == source and pattern.search(c.text)), None)
                if index is not None:
                    variants.append(_variant(claims, index, name))
        if {v.value for v in variants} == {a, b}:
            conflicts.append(
                ConflictFound(
                    about=f"The name is spelled “{a}” in some sources and “{b}” in others.",
                    kind="name",
                    key=f"name:{a.lower()}|{b.lower()}",
                    variants=_capped(variants),
                )
            )
    return conflicts


def _context(text: str, start: int, end: int) -> set[str]:
    return set(content_tokens(text[:start] + " " + text[end:]))


def _number_conflicts(
    claims: Sequence[ClaimSpan], groups: Sequence[Group], matcher: Matcher, *, min_overlap: float = 0.25
) -> list[ConflictFound]:
    grouped = {frozenset(p) for g in groups for p in combinations(g.members, 2)}
    mentions: dict[str, list[tuple[int, float, int, int, str]]] = defaultdict(list)
    for index, claim in enumerate(claims):
        for unit, amount, start, end, surface in quantities(claim.text):
            mentions[unit].append((index, amount, start, end, surface))
    pairs: dict[str, set[tuple[int, str, float]]] = defaultdict(set)
    for unit, found in sorted(mentions.items()):
        for (i, x, si, ei, ti), (j, y, sj, ej, tj) in combinations(found, 2):
            if claims[i].source == claims[j].source or x == y:
                continue
            ci, cj = _context(claims[i].text, si, ei), _context(claims[j].text, sj, ej)
            overlap = len(ci & cj) / max(1, min(len(ci), len(cj)))
            related = frozenset((i, j)) in grouped or (matcher.corrected(i, j) or -1.0) > 0 or overlap >= min_overlap
            if not related:
                continue
            key = f"number:{unit}"
            pairs[key].add((i, ti, x))
            pairs[key].add((j, tj, y))
    conflicts = []
    for key, members in sorted(pairs.items()):
        values = sorted({amount for _, _, amount in members})
        variants = [_variant(claims, i, surface) for i, surface, _ in sorted(members)]
        unit = key.split(":", 1)[1]
        conflicts.append(
            ConflictFound(
                about=f"Sources give different figures ({', '.join(sorted({v.value for v in variants}))}).",
                kind="number",
                key=f"{key}:{'|'.join(f'{v:g}' for v in values)}" if unit else key,
                variants=_capped(variants),
            )
        )
    return conflicts


def find_conflicts(
    claims: Sequence[ClaimSpan],
    groups: Sequence[Group],
    matcher: Matcher,
    *,
    aliases: Mapping[str, str],
    bodies: Mapping[int, str] | None = None,
) -> list[ConflictFound]:
    if bodies is None:
        by_source: dict[int, list[str]] = defaultdict(list)
        for claim in claims:
            by_source[claim.source].append(claim.text)
        bodies = {s: "\n".join(texts) for s, texts in by_source.items()}
    conflicts = (
        _name_conflicts(claims, bodies, aliases)
        + _number_conflicts(claims, groups, matcher)
        + _contradictions(claims, groups, matcher)
        + _negations(claims, groups)
    )
    return sorted(conflicts, key=lambda c: c.key)


__all__ = ["find_conflicts", "quantities", "normalise"]


# Pairs of opposite poles in general English: (name, words for one side, words for the other side).
_SCALES = (
    ("stay-leave", r"stay\w*|remain\w*", r"leav\w*|left the|depart\w*"),
    ("live-die", r"surviv\w*|alive|lives? on", r"die[sd]?|dying|dead|death|killed|drown\w*"),
    ("win-lose", r"w[io]n|wins|winning|victor\w*", r"los[et]|loses|losing|defeat\w*"),
    ("accept-refuse", r"accept\w*|agree[sd]?|sign(?:s|ed)?", r"refus\w*|reject\w*|declin\w*|turn(?:s|ed)? (?:him |her |it )?down"),
    ("safe-danger", r"safe|harmless|precaution\w*|routine|minor|no (?:immediate )?danger",
     r"danger\w*|unsafe|hazard\w*|fail\w*|collaps\w*|serious"),
    ("true-false", r"true|correct|accurate", r"false|fake|untrue|wrong|inaccurate"),
    ("guilty-innocent", r"guilty|culpab\w*|to blame|fault", r"innocent|blameless|not (?:her|his|their) fault"),
    ("rise-fall", r"ris(?:e|es|ing)|rose|increas\w*|grow\w*", r"f[ae]ll(?:s|ing)?|drop\w*|decreas\w*|declin\w*"),
)
_NEGATION = re.compile(r"\b(?:not|never|no|nor|without|hardly)\b|n['’]t\b", re.I)


def _poles(text: str) -> dict[str, tuple[int, str]]:
    """Scale name → (side 0 or 1, the words that put ``text`` there), a negated word counting for the other side."""
    found: dict[str, tuple[int, str]] = {}
    for name, first, second in _SCALES:
        sides = set()
        surface = ""
        for side, pattern in ((0, first), (1, second)):
            for match in re.finditer(r"\b(?:" + pattern + r")\b", text, re.I):
                before = text[max(0, match.start() - 25):match.start()]
                flipped = bool(_NEGATION.search(before.split(",")[-1])) and "no " not in match.group().lower()
                sides.add(side ^ flipped)
                surface = match.group()
        if len(sides) == 1:
            found[name] = (sides.pop(), surface)
    return found


_MAX_VARIANTS = 8


def _contradictions(claims: Sequence[ClaimSpan], groups: Sequence[Group], matcher: Matcher) -> list[ConflictFound]:
    by_scale: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for index, claim in enumerate(claims):
        for name, (side, surface) in _poles(claim.text).items():
            by_scale[name].append((index, side, surface))
    group_of: dict[int, set[int]] = defaultdict(set)
    for number, group in enumerate(groups):
        if len(group.members) > 1:
            for m in group.members:
                group_of[m].add(number)
    conflicts = []
    for name, found in sorted(by_scale.items()):
        sides = {i: (side, surface) for i, side, surface in found}
        edges: list[tuple[float, int, int]] = []
        firsts = [i for i, side, _ in found if side == 0]
        seconds = [i for i, side, _ in found if side == 1]
        for i in firsts:
            for j in seconds:
                if claims[i].source == claims[j].source:
                    continue
                if "interpretation" not in (claims[i].kind, claims[j].kind):
                    continue  # two reports of opposite events are usually two events
                if group_of[i] & group_of[j] or matcher.is_candidate(i, j):
                    edges.append((matcher.similarity(i, j), min(i, j), max(i, j)))
        if not edges:
            continue
        # Connected sets of related opposite pairs; each becomes one conflict.
        parent = {i: i for _, a, b in edges for i in (a, b)}

        def root(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for _, a, b in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        components: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
        for edge in edges:
            components[root(edge[1])].append(edge)
        ranked = sorted(components.values(), key=lambda es: (-len(es), -max(e[0] for e in es), min(e[1] for e in es)))
        for rank, component in enumerate(ranked):
            chosen: list[int] = []
            for _, a, b in sorted(component, key=lambda e: (-e[0], e[1], e[2])):
                new = [x for x in (a, b) if x not in chosen]
                if len(chosen) + len(new) > _MAX_VARIANTS:
                    break
                chosen.extend(new)
            variants = [_variant(claims, i, sides[i][1]) for i in sorted(chosen)]
            key = f"contradiction:{name}"
            if rank:
                strongest = max(component, key=lambda e: (e[0], -e[1], -e[2]))
                texts = "|".join(sorted(normalise(claims[i].text) for i in strongest[1:]))
                key += ":" + hashlib.blake2b(texts.encode(), digest_size=4).hexdigest()
            conflicts.append(
                ConflictFound(
                    about="Sources read this differently: "
                    + " / ".join(sorted({v.value.lower() for v in variants}))
                    + ".",
                    kind="contradiction",
                    key=key,
                    variants=variants,
                )
            )
    return conflicts


# "not just a romance" qualifies rather than denies; so do "not only", "not merely", …
_QUALIFIER = frozenset("just only merely simply necessarily entirely quite all always exactly".split())
_NEGATORS = frozenset("not never cannot".split())
_NEGATION_REACH = 2  # "is not bleak", "did not really stay"; "not for the council" reaches no further
_SAME_STATEMENT = 0.4  # share of content words two claims must have in common to be one statement, negated
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _negated_words(text: str) -> dict[str, bool]:
    """Content word (stemmed) → whether ``text`` negates it: a negator ("not", "never", "-n't") among the two
    words before it in the same clause, unless the negator is followed by a qualifier ("not just")."""
    found: dict[str, bool] = {}
    for clause in re.split(r"[,;:()\-–—]|\bbut\b|\band\b", normalise(text)):
        words = _WORD.findall(clause)
        negated_from = None
        for k, word in enumerate(words):
            if word in _NEGATORS or word.endswith("n't"):
                following = words[k + 1] if k + 1 < len(words) else ""
                negated_from = None if following in _QUALIFIER else k
                continue
            if word in STOPWORDS or len(word) < 4:
                continue
            negated = negated_from is not None and k - negated_from <= _NEGATION_REACH
            stemmed = stem(word)
            found[stemmed] = found.get(stemmed, False) or negated
    return found


def _negations(claims: Sequence[ClaimSpan], groups: Sequence[Group]) -> list[ConflictFound]:
    """Claims the grouping put together, from different sources, that make nearly the same statement except
    that one negates a word the other asserts ("the ending is bleak" / "the ending is not bleak"). One conflict
    per group and word, listing every member on either side."""
    conflicts = []
    words: dict[int, dict[str, bool]] = {}  # claim -> its words, read once however many groups hold it
    for group in groups:
        for m in group.members:
            if m not in words:
                words[m] = _negated_words(claims[m].text)
        if not any(any(words[m].values()) for m in group.members):
            continue  # nothing negated: no member can deny another
        sides: dict[str, dict[int, bool]] = defaultdict(dict)  # word -> member -> negated
        for i, j in combinations(group.members, 2):
            if claims[i].source == claims[j].source:
                continue
            if not (any(words[i].values()) or any(words[j].values())):
                continue
            common = words[i].keys() & words[j].keys()
            if len(common) < _SAME_STATEMENT * len(words[i].keys() | words[j].keys()):
                continue  # grouped as related, but not one statement said both ways
            for word in common:
                if words[i][word] != words[j][word]:
                    sides[word].update({i: words[i][word], j: words[j][word]})
        for word, members in sorted(sides.items()):
            variants = [_variant(claims, k, ("not " if members[k] else "") + word) for k in sorted(members)]
            negated = "|".join(sorted(normalise(claims[k].text) for k in members if members[k]))
            conflicts.append(
                ConflictFound(
                    about=f"Some sources say this and others deny it (“{word}” / “not {word}”).",
                    kind="contradiction",
                    key=f"negation:{word}:" + hashlib.blake2b(negated.encode(), digest_size=4).hexdigest(),
                    variants=_capped(variants),
                )
            )
    return conflicts
