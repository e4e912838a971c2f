"""Where sources disagree: a name spelled two ways, two numbers for one quantity, a reading and its opposite.

- Names: a capitalised name one set of sources uses and a near spelling (edit similarity) other sources use,
  never both in one source, and not proposed as aliases of each other.
- Numbers: two claims from different sources that give different amounts of the same unit ("twelve years" /
  "14 years", "£4.1m" / "£4.7 million") and are about the same thing: in one group, or matched by the
  similarity step, or sharing the words around the number. Checked across groups too, because the differing
  number itself often keeps two otherwise identical claims apart. Within one group, counts under different
  nouns disagree too when each claim gives just that one count and the amounts are of one order ("about 40
  customers" / "some fifty regulars" / "around 60 people"); spans of time never ("31 years" / "three decades").
- Contradictions: two claims from different sources, at least one of them a reading (interpretation), where
  one uses a word and the other its opposite on a small table of general-English scales (stay/leave,
  safe/danger, …), a negated word counting for the other side, and which are about the same thing: in one
  group, or a candidate pair of the similarity step (each among the other's closest claims in its source).
  Related opposite pairs form conflicts (one per connected set of such pairs), each capped to its strongest
  pairs. A lexical heuristic: it finds disagreements worded with opposite words and misses those worded
  otherwise.
- Dates and weekdays: two claims from different sources that put the same event on different days ("closed
  on Monday" / "closed on Tuesday", "2 March" / "3 March", "3 March 2024" / "3 March 2025"). A day is read
  whole ("Monday 3 March 2025" is one day) and compared part by part, so "March 3rd" and "3 March" are one
  value and "3 March" agrees with "3 March 2025"; the ends of a range ("Monday to Friday") are not compared.
  The event is the frame: the nearest content word before the day (not a reporting verb: "said on Monday"
  dates the saying), or for a day that opens its sentence ("On Wednesday, the council voted") the first words
  after it; two days must share a frame word, and their claims must be grouped or matched by the similarity
  step. "Closed on Monday" and "reopens on Friday" are two events, not a disagreement; so are "the library
  closed" and "the pool closed", one conflict each. Inside a group of at least three sources, the days on
  which claims naming one day each say the thing was told are compared whatever words frame them ("told
  Monday's council meeting" / "told councillors on Tuesday"); a day inside what was told is not.
- Denials: claims in one group, from different sources, that make nearly the same statement except that one
  negates a word the others assert ("the ending is bleak" / "the ending is not bleak").

One module per kind of disagreement (``names``, ``numbers``, ``days``, ``readings``, ``denials``), sharing
``variants``; ``find_conflicts`` runs them all.
"""
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from ..group import Matcher, stated_member
from ..types import ClaimSpan, ConflictFound, Group
from .days import day_conflicts, days
from .denials import negations
from .names import name_conflicts
from .numbers import number_conflicts, quantities
from .readings import contradictions

__all__ = ["days", "find_conflicts", "outvoted_members", "quantities"]


_VOTED = frozenset({"name", "number", "date"})  # kinds whose values can be told apart in any member's text


def outvoted_members(
    claims: Sequence[ClaimSpan], groups: Sequence[Group], conflicts: Sequence[ConflictFound]
) -> list[set[int]]:
    """Per group, the members that give a value fewer of the group's sources give than the most common one, in
    a name, figure or date conflict its statement takes a side in ("reopened on Sunday" where two members say
    Saturday). Every member counts for each value of the conflict its text gives ("3 May" and "May 3rd" are
    one date), so sources the conflict did not list vote too. Nobody is outvoted in a tie; a group whose
    statement gives no such value gets an empty set."""
    touching: dict[int, list[ConflictFound]] = defaultdict(list)
    for conflict in conflicts:
        if conflict.kind in _VOTED:
            for claim in {v.claim for v in conflict.variants}:
                touching[claim].append(conflict)
    result = []
    for group in groups:
        outvoted: set[int] = set()
        result.append(outvoted)
        stated = stated_member(group, claims)
        if len(group.members) < 2 or stated is None:
            continue
        seen: set[str] = set()
        for conflict in (c for m in group.members for c in touching.get(m, ())):
            if conflict.key in seen:
                continue
            seen.add(conflict.key)
            values = {_canonical(conflict.kind, v.value) for v in conflict.variants}
            if not any(_mentions(claims[stated].text, x, conflict.kind) for x in values):
                continue  # the statement takes no side in this conflict
            says = {m: {x for x in values if _mentions(claims[m].text, x, conflict.kind)} for m in group.members}
            sources: dict[str, set[int]] = defaultdict(set)
            for m, said in says.items():
                for x in said:
                    sources[x].add(claims[m].source)
            if len(sources) < 2:
                continue
            top = max(len(s) for s in sources.values())
            leaders = [x for x, s in sources.items() if len(s) == top]
            if len(leaders) == 1:
                outvoted.update(m for m, said in says.items() if said and leaders[0] not in said)
    return result


def _mentions(text: str, value: str, kind: str) -> bool:
    """Whether ``text`` gives ``value`` (canonical, see ``_canonical``) of a conflict of ``kind``."""
    if kind == "number":
        return value in _figures(text)
    if kind == "date":
        wanted = _days_in(value)
        return any(d.comparable(w) and d.agrees(w) for d in _days_in(text) for w in wanted)
    return re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", text.casefold()) is not None


_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


@lru_cache(maxsize=4096)
def _figures(text: str) -> frozenset[str]:
    return frozenset(d.replace(",", "") for d in _FIGURE.findall(text))


@lru_cache(maxsize=4096)
def _days_in(text: str) -> tuple:
    return tuple(d for d in days(text) if not d.span)


def _canonical(kind: str, value: str) -> str:
    """One spelling per value: a figure by its number ("3,000 people" / "3000 visitors"), a day by its label
    (already one spelling), a name by case."""
    if kind == "number":
        found = _FIGURE.search(value)
        if found:
            return found.group().replace(",", "")
    if kind == "date":
        return value
    return value.casefold()


def _without_contained(conflicts: list[ConflictFound]) -> list[ConflictFound]:
    """Drop a conflict whose every variant is also another's: "120 pupils / 150 pupils" beside "120 pupils / 150
    pupils / 150 children" (one crowd counted under two nouns) is one disagreement, told once."""
    held = [frozenset((v.claim, v.value) for v in c.variants) for c in conflicts]
    return [c for c, own in zip(conflicts, held) if not any(own < other for other in held)]


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
        name_conflicts(claims, bodies, aliases)
        + _without_contained(number_conflicts(claims, groups, matcher))
        + day_conflicts(claims, groups, matcher)
        + contradictions(claims, groups, matcher)
        + negations(claims, groups)
    )
    return sorted(conflicts, key=lambda c: c.key)
