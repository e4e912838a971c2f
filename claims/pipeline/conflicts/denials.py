"""A statement one source makes and another denies ("the ending is bleak" / "the ending is not bleak")."""
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence

from ..text import STOPWORDS, normalise, stem
from ..types import ClaimSpan, ConflictFound, Group
from .variants import capped, variant


# "not just a romance" qualifies rather than denies; so do "not only", "not merely", …
_QUALIFIER = frozenset("just only merely simply necessarily entirely quite all always exactly".split())
_NEGATORS = frozenset("not never cannot".split())
# Words that sit between a negator and what it negates without ending its reach: "not at all bleak",
# "never really that warm".
_INTENSIFIERS = frozenset("at all really that very so too even ever particularly remotely in the least".split())
_NEGATION_REACH = 2  # "is not bleak", "did not stay"; "not for the council" reaches no further
_SAME_STATEMENT = 0.4  # share of content words two claims must have in common to be one statement, negated
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _negated_words(text: str) -> dict[str, tuple[bool, int, str]]:
    """Content word (stemmed) → (whether ``text`` negates it, how many negators its clause has, the word as
    written). A word is negated by a negator ("not", "never", "-n't") at most two words before it in the same
    clause, not counting intensifiers ("not at all bleak"), unless the negator is followed by a qualifier
    ("not just")."""
    found: dict[str, tuple[bool, int, str]] = {}
    for clause in re.split(r"[,;:()\-–—]|\bbut\b|\band\b", normalise(text)):
        words = _WORD.findall(clause)
        is_negator = [w in _NEGATORS or w.endswith("n't") for w in words]
        denies = [neg and (words[k + 1] if k + 1 < len(words) else "") not in _QUALIFIER
                  for k, neg in enumerate(is_negator)]
        negators = sum(denies)
        negated_from = None
        distance = 0
        for k, word in enumerate(words):
            if is_negator[k]:
                negated_from = k if denies[k] else None
                distance = 0
                continue
            if negated_from is not None and word not in _INTENSIFIERS:
                distance += 1
            if word in STOPWORDS or len(word) < 4:
                continue
            negated = negated_from is not None and distance <= _NEGATION_REACH
            stemmed = stem(word)
            was_negated, count, written = found.get(stemmed, (False, 0, word))
            found[stemmed] = (was_negated or negated, max(count, negators), written)
    return found


def negations(claims: Sequence[ClaimSpan], groups: Sequence[Group]) -> list[ConflictFound]:
    """Claims the grouping put together, from different sources, that make nearly the same statement except
    that one negates a word the other asserts ("the ending is bleak" / "the ending is not bleak"). One conflict
    per word and denying set of claims (a claim in several groups is reported once), listing every member on
    either side."""
    words: dict[int, dict[str, tuple[bool, int, str]]] = {}  # claim -> its words, read once whatever holds it
    merged: dict[tuple[str, frozenset[str]], dict[int, bool]] = defaultdict(dict)  # (word, denials) -> sides
    negates: dict[int, bool] = {}  # claim -> whether it negates any word
    for group in groups:
        for m in group.members:
            if m not in words:
                words[m] = _negated_words(claims[m].text)
                negates[m] = any(negated for negated, _, _ in words[m].values())
        deniers = [m for m in group.members if negates[m]]
        if not deniers:
            continue  # nothing negated: no member can deny another
        sides: dict[str, dict[int, bool]] = defaultdict(dict)  # word -> member -> negated
        # Only pairs with a member that negates something can disagree; each such pair once.
        pairs = ((i, j) for i in deniers for j in group.members if j != i and not (negates[j] and j < i))
        for i, j in pairs:
            if claims[i].source == claims[j].source:
                continue
            common = words[i].keys() & words[j].keys()
            if len(common) < _SAME_STATEMENT * len(words[i].keys() | words[j].keys()):
                continue  # grouped as related, but not one statement said both ways
            for word in common:
                (negated_i, count_i, _), (negated_j, count_j, _) = words[i][word], words[j][word]
                # A word negated in one claim and not the other is denied only if its clauses differ in how
                # often they say "not": the same denial in another word order is not a disagreement.
                if negated_i != negated_j and count_i != count_j:
                    sides[word].update({i: negated_i, j: negated_j})
        for word, members in sides.items():
            denials = frozenset(normalise(claims[k].text) for k in members if members[k])
            merged[(word, denials)].update(members)
    conflicts = []
    for (word, denials), members in sorted(merged.items(), key=lambda item: (item[0][0], sorted(item[0][1]))):
        written = words[min(members)][word][2]
        variants = [variant(claims, k, ("not " if members[k] else "") + written) for k in sorted(members)]
        negated = "|".join(sorted(denials))
        conflicts.append(
            ConflictFound(
                about=f"Some sources say this and others deny it (“{written}” / “not {written}”).",
                kind="contradiction",
                key=f"negation:{word}:" + hashlib.blake2b(negated.encode(), digest_size=4).hexdigest(),
                variants=capped(variants),
            )
        )
    return conflicts
