"""A statement one source makes and another denies ("the ending is bleak" / "the ending is not bleak")."""
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from ..text import STOPWORDS, normalise, stem
from ..types import ClaimSpan, ConflictFound, Group
from .variants import capped, variant


# "not just a romance" qualifies rather than denies; so do "not only", "not merely", …
_QUALIFIER = frozenset("just only merely simply necessarily entirely quite all always exactly".split())
_NEGATORS = frozenset("not never cannot".split())
_NEGATION_REACH = 2  # "is not bleak", "did not really stay"; "not for the council" reaches no further
_SAME_STATEMENT = 0.4  # share of content words two claims must have in common to be one statement, negated
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _negated_words(text: str) -> tuple[dict[str, bool], int]:
    """Content word (stemmed) → whether ``text`` negates it: a negator ("not", "never", "-n't") among the two
    words before it in the same clause, unless the negator is followed by a qualifier ("not just"); and how
    many such negators ``text`` has."""
    found: dict[str, bool] = {}
    negators = 0
    for clause in re.split(r"[,;:()\-–—]|\bbut\b|\band\b", normalise(text)):
        words = _WORD.findall(clause)
        negated_from = None
        for k, word in enumerate(words):
            if word in _NEGATORS or word.endswith("n't"):
                following = words[k + 1] if k + 1 < len(words) else ""
                negated_from = None if following in _QUALIFIER else k
                negators += negated_from is not None
                continue
            if word in STOPWORDS or len(word) < 4:
                continue
            negated = negated_from is not None and k - negated_from <= _NEGATION_REACH
            stemmed = stem(word)
            found[stemmed] = found.get(stemmed, False) or negated
    return found, negators


def negations(claims: Sequence[ClaimSpan], groups: Sequence[Group]) -> list[ConflictFound]:
    """Claims the grouping put together, from different sources, that make nearly the same statement except
    that one negates a word the other asserts ("the ending is bleak" / "the ending is not bleak"). One conflict
    per group and word, listing every member on either side."""
    conflicts = []
    words: dict[int, dict[str, bool]] = {}  # claim -> its words, read once however many groups hold it
    negators: dict[int, int] = {}
    for group in groups:
        for m in group.members:
            if m not in words:
                words[m], negators[m] = _negated_words(claims[m].text)
        if not any(any(words[m].values()) for m in group.members):
            continue  # nothing negated: no member can deny another
        sides: dict[str, dict[int, bool]] = defaultdict(dict)  # word -> member -> negated
        for i, j in combinations(group.members, 2):
            if claims[i].source == claims[j].source:
                continue
            if not (any(words[i].values()) or any(words[j].values())):
                continue
            if negators[i] == negators[j]:
                continue  # both say "not" as often: the same denial worded in another order, not a disagreement
            common = words[i].keys() & words[j].keys()
            if len(common) < _SAME_STATEMENT * len(words[i].keys() | words[j].keys()):
                continue  # grouped as related, but not one statement said both ways
            for word in common:
                if words[i][word] != words[j][word]:
                    sides[word].update({i: words[i][word], j: words[j][word]})
        for word, members in sorted(sides.items()):
            variants = [variant(claims, k, ("not " if members[k] else "") + word) for k in sorted(members)]
            negated = "|".join(sorted(normalise(claims[k].text) for k in members if members[k]))
            conflicts.append(
                ConflictFound(
                    about=f"Some sources say this and others deny it (“{word}” / “not {word}”).",
                    kind="contradiction",
                    key=f"negation:{word}:" + hashlib.blake2b(negated.encode(), digest_size=4).hexdigest(),
                    variants=capped(variants),
                )
            )
    return conflicts
