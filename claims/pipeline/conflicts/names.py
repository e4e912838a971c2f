"""A name spelled two ways: a capitalised name some sources use and a near spelling others use."""
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from difflib import SequenceMatcher
from itertools import combinations

from ..extract import NAME_RUN, POSSESSIVE, proper_names
from ..segment import words
from ..text import edit_distance, folded
from ..types import ClaimSpan, ConflictFound
from .days import MONTHS, WEEKDAYS
from .variants import capped, variant


_NAME_SIMILARITY = 0.65
_MIN_NAME_LENGTH = 4
_GROWN = 2  # letters one word must add to another to be a longer word or a name's short form ("Council" /
# "Councillor", "Sami" / "Samira"), not a typo ("Talbot" / "Talbott")
_MAX_EDITS = 3  # a misspelling is a few letters off ("Talbot" / "Talbott" 1, "Marnock" / "Mamok" 3)


def _group_of(a: str, b: str, bodies: Mapping[int, str]) -> bool:
    """Whether one name is the other's plural, used for a group ("the Greens" / "the Green candidate", "the
    Democrats" / "a Democrat senator"): a party, a family, a team, not a misspelling. Some source writes it after
    "the", and none after a capitalised word that would make it a surname ("Judge Anna Roberts", "Serena
    Williams"): that keeps "Roberts" / "Robert" a spelling to check even beside "the Roberts ruling"."""
    short, long = sorted((a, b), key=len)
    if long not in (short + "s", short + "es"):
        return False
    plural = re.compile(r"(?<!\w)" + re.escape(long) + r"(?!\w)")
    after_the = re.compile(r"\b[Tt]he\s+$")
    surname = re.compile(r"\b(?!(?:The|A|An)\b)[A-Z][\w'’.-]*\s+$")
    before = [body[max(0, m.start() - 40):m.start()] for body in bodies.values() for m in plural.finditer(body)]
    return any(after_the.search(text) for text in before) and not any(surname.search(text) for text in before)


def _companions(bodies: Mapping[int, str], names: Collection[str]) -> dict[str, set[tuple[str, str]] | None]:
    """For each name word, the other name words it is written with, and on which side ("Ferris" in "Ferris Quell":
    {("after", "Quell")}); None for a word some source writes alone, whose full name is not known."""
    found: dict[str, set[tuple[str, str]] | None] = {}
    for body in bodies.values():
        for match in NAME_RUN.finditer(body):
            named = [t for t in (POSSESSIVE.sub("", t) for t in match.group().split()) if t in names]
            for k, token in enumerate(named):
                others = {("before", t) for t in named[:k]} | {("after", t) for t in named[k + 1:]}
                if not others:
                    found[token] = None
                elif found.get(token, set()) is not None:
                    found[token] = found.get(token, set()) | others
    return found


def _alike(x: str, y: str) -> bool:
    return x == y or x.startswith(y) or y.startswith(x) or x[0] == y[0] and edit_distance(x, y) <= _MAX_EDITS


def _different_people(a: str, b: str, companions: Mapping[str, set[tuple[str, str]] | None]) -> bool:
    """Whether ``a`` and ``b`` are always written in full names whose other words on one side differ: "Ferris
    Quell" and "Ferry Lane" are two names; "Ferris Quell" and "Feris Quell" one spelled two ways, and so may be
    "Ferris Quell" and "Sergeant Feris" (no side to compare) or "Sara Jones" and "Sarah Jones-Lee"."""
    with_a, with_b = companions.get(a), companions.get(b)
    if not with_a or not with_b or not {side for side, _ in with_a} & {side for side, _ in with_b}:
        return False
    return not any(sa == sb and _alike(x, y) for sa, x in with_a for sb, y in with_b)


def name_conflicts(
    claims: Sequence[ClaimSpan], bodies: Mapping[int, str], aliases: Mapping[str, str]
) -> list[ConflictFound]:
    tokens_by_source: dict[int, set[str]] = {}
    for source, body in bodies.items():
        tokens_by_source[source] = {
            t
            for name in proper_names(body, mid_sentence_only=True)
            for t in name.split()
            if len(t) >= _MIN_NAME_LENGTH and t.lower() not in MONTHS and t.lower() not in WEEKDAYS
        }
    # A word the sources write in lower case at least as often as capitalised is a common word ("Council" /
    # "council"), not a name; a name stays a name when one source writes "little hope" once.
    written: Counter[tuple[str, bool]] = Counter(
        (POSSESSIVE.sub("", w).lower(), w[:1].isupper()) for body in bodies.values() for w in words(body)
    )
    sources_of: dict[str, set[int]] = defaultdict(set)
    for source, tokens in tokens_by_source.items():
        for token in tokens:
            in_lower_case = written[(token.lower(), False)]
            if not in_lower_case or in_lower_case < written[(token.lower(), True)]:
                sources_of[token].add(source)
    companions = _companions(bodies, sources_of)
    alias_tokens = {frozenset((a, b)) for name, person in aliases.items() for a in name.split() for b in person.split()}
    conflicts = []
    for a, b in combinations(sorted(sources_of), 2):
        if sources_of[a] & sources_of[b] or frozenset((a, b)) in alias_tokens:
            continue
        if a[0] != b[0] or folded(a) == folded(b):
            continue  # a misspelling keeps the first letter; "D’Angelo" / "D'Angelo" is one spelling
        if (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) >= _GROWN:
            continue  # one word grown from the other ("Council" / "Councillor", "Sami" / "Samira")
        if SequenceMatcher(None, a.lower(), b.lower()).ratio() < _NAME_SIMILARITY or edit_distance(a, b) > _MAX_EDITS:
            continue  # "Commander" / "Commerce" look alike but are four letters apart: two words, not one name
        if _group_of(a, b, bodies) or _different_people(a, b, companions):
            continue
        variants = []
        for name in (a, b):
            pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
            for source in sorted(sources_of[name]):
                index = next((k for k, c in enumerate(claims) if c.source == source and pattern.search(c.text)), None)
                if index is not None:
                    variants.append(variant(claims, index, name))
        if {v.value for v in variants} == {a, b}:
            conflicts.append(
                ConflictFound(
                    about=f"The name is spelled “{a}” in some sources and “{b}” in others.",
                    kind="name",
                    key=f"name:{a.lower()}|{b.lower()}",
                    variants=capped(variants),
                )
            )
    return conflicts
