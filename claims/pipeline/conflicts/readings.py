"""A reading and its opposite: words at the two ends of a general-English scale (stay/leave, safe/danger, …)."""
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence

from ..group import Matcher
from ..text import normalise
from ..types import ClaimSpan, ConflictFound, Group
from .variants import connected, variant


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
# A pole word that dates something rather than takes a side ("a letter he wrote before leaving", "since leaving
# school"), or an idiom that only shares its word ("leaves open whether…", "left the door open", "leaves it to the
# viewer"). Either makes the sentence take no side on that scale: "remains in post until May, before leaving" is
# neither remaining nor leaving.
_NOT_A_STANCE = re.compile(r"\b(?:before|after|since|upon|on|when|while|until)\s+$", re.I)
_IDIOM = re.compile(r"(?:leaves?|left|leaving)\s+(?:\w+\s+){0,3}open(?![\w-])|(?:leaves?|left)\s+it\s+(?:to|up to)\b",
                    re.I)
_NEGATION = re.compile(r"\b(?:not|never|no|nor|without|hardly)\b|n['’]t\b", re.I)


def _word_start(text: str, at: int) -> int:
    """Where the word holding position ``at`` begins ("wasn't" for its "n't")."""
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    return at


def _poles(text: str) -> dict[str, tuple[int, str]]:
    """Scale name → (side 0 or 1, the words that put ``text`` there), a negated word counting for the other side."""
    found: dict[str, tuple[int, str]] = {}
    for name, first, second in _SCALES:
        sides = set()
        surface = ""
        for side, pattern in ((0, first), (1, second)):
            for match in re.finditer(r"\b(?:" + pattern + r")\b", text, re.I):
                if _NOT_A_STANCE.search(text[max(0, match.start() - 12):match.start()]) or _IDIOM.match(
                        text, match.start()):
                    sides.add(None)
                    continue
                start = max(0, match.start() - 25)
                clause = start + text[start:match.start()].rfind(",") + 1  # the clause the word sits in
                negations = list(_NEGATION.finditer(text, clause, match.start()))
                flipped = bool(negations) and "no " not in match.group().lower()
                sides.add(side ^ flipped)
                # A negated word is quoted with its negation ("wasn't wrong"), so the two sides read apart.
                surface = text[_word_start(text, negations[-1].start()):match.end()] if flipped else match.group()
        if len(sides) == 1 and None not in sides:
            found[name] = (sides.pop(), surface)
    return found


_MAX_VARIANTS = 8


def contradictions(claims: Sequence[ClaimSpan], groups: Sequence[Group], matcher: Matcher) -> list[ConflictFound]:
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
        firsts = [i for i, side, _ in found if side == 0]
        seconds = [i for i, side, _ in found if side == 1]
        opposed = [
            (min(i, j), max(i, j)) for i in firsts for j in seconds
            if claims[i].source != claims[j].source
            and "interpretation" in (claims[i].kind, claims[j].kind)  # two opposite reports are usually two events
        ]
        if not opposed:
            continue
        candidate = matcher.are_candidates(opposed)
        related = [p for p, c in zip(opposed, candidate) if c or group_of[p[0]] & group_of[p[1]]]
        if not related:
            continue
        edges = [(s, a, b) for s, (a, b) in zip(matcher.similarities(related).tolist(), related)]
        # Connected sets of related opposite pairs; each becomes one conflict.
        component_of = {i: k for k, nodes in enumerate(connected([(a, b) for _, a, b in edges])) for i in nodes}
        components: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
        for edge in edges:
            components[component_of[edge[1]]].append(edge)
        ranked = sorted(components.values(), key=lambda es: (-len(es), -max(e[0] for e in es), min(e[1] for e in es)))
        for rank, component in enumerate(ranked):
            chosen: list[int] = []
            for _, a, b in sorted(component, key=lambda e: (-e[0], e[1], e[2])):
                new = [x for x in (a, b) if x not in chosen]
                if len(chosen) + len(new) > _MAX_VARIANTS:
                    break
                chosen.extend(new)
            variants = [variant(claims, i, sides[i][1]) for i in sorted(chosen)]
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
