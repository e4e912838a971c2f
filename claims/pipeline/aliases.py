"""Propose that two names denote one person, from what the articles themselves say.

Three kinds of evidence, none of them a list of names:
- a name glossed by another in brackets, "Bram (Abraham)", unless the bracket holds an actor (someone the
  articles elsewhere say stars in or plays a part, or a full name sharing no word with the name before it);
- a name the text says someone goes by: 'adopts the name “Lark”', '“Dot” to everyone', 'known as “Tig”';
- one surname with two given names in different sources, sharing their first letter: "Kit Orwin" and
  "Katherine Orwin" (all made-up examples).
The person is the form more sources use (the longer one on a tie).
"""
import re
from collections import Counter
from collections.abc import Mapping

from .extract import NAME_RUN, NAME_WORD, proper_names
from .segment import words
from .text import edit_distance
from .types import AliasProposal

_NAME_WORDS = NAME_WORD + r"(?:\s+" + NAME_WORD + r"){0,4}"  # five words at most
_NAME = r"(?<![\w'’-])" + _NAME_WORDS  # from a word's start, so a long run is not read again from each word
_BRACKET = re.compile(r"(?P<a>" + _NAME + r")\s+\((?P<b>" + _NAME + r")\)")
_QUOTED = r"[“\"‘'](?P<b>" + _NAME_WORDS + r")[”\"’']"  # the quotation mark anchors it
_GOES_BY = re.compile(
    r"(?:(?:adopts|takes|uses|goes by|answers to)\s+the\s+name|(?:known|referred to)\s+(?:\w+\s+){0,4}?as|"
    r"nicknamed|called)\s+" + _QUOTED
)
_GLOSS = re.compile(_QUOTED + r"\s+to\s+(?:everyone|the\s+\w+|his\s+\w+|her\s+\w+|their\s+\w+|friends)")
_ACTOR = re.compile(
    r"(?:starring|stars|star|played\s+by|featuring)\s+(?P<x>" + _NAME + r")|(?P<y>" + _NAME + r")\s+(?:plays|as|is)\s+[A-Z]"
)


def _sentence_around(text: str, start: int, end: int) -> str:
    stop = text.rfind(". ", 0, start)
    left = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, start) + 1)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left:right].strip()


_NAME_REACH = 300  # characters a name is looked for before what glosses it


def _preceding_name(text: str, position: int, names: set[str]) -> str | None:
    """The last name before ``position`` in its sentence, skipping bracketed asides."""
    left = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position), position - _NAME_REACH, 0)
    window = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), text[left:position])
    found = None
    for match in NAME_RUN.finditer(window):
        candidate = " ".join(re.sub(r"[’']s$", "", match.group()).split()[-2:])
        if candidate in names or any(candidate.endswith(n) or n.endswith(candidate) for n in names):
            found = candidate
    return found


def _misspelt(a: str, b: str) -> bool:
    """Whether two given names are one spelled two ways: a letter or two apart ("Ilse" / "Illse"), where a
    short form is many letters shorter ("Kit" / "Katherine", "Bets" / "Elizabeth")."""
    return edit_distance(a, b) <= 2 < max(len(a), len(b))


def _share_a_word(a: str, b: str) -> bool:
    """Whether two names share a word, or one's word begins another's ("Dani" / "Danielle", "Mo" / "Mohamed")."""
    return any(x == y or min(len(x), len(y)) >= 2 and (x.startswith(y) or y.startswith(x))
               for x in a.split() for y in b.split())


_SENTENCE_START = re.compile(r"(?:^|[.!?…:][\"”’')\]]*\s+|\n\s*)[\"“‘'(\[*_]*$")
_WORD_OF_NAME = re.compile(NAME_WORD)


_AFTER_A_SCORE = re.compile(r"(?<!\d)\d{1,2}\s*[-–]\s*\d{1,2}\s+$")  # a score, not years ("2019 - 2020")
# Words that open a sentence before a name without being part of it: "Later Mo (…)", "Then Kit (…)". Grammar, not
# names; a given name that is also a word ("Grace", "Mark", "Will") is not among them.
_OPENERS = frozenset("later then finally meanwhile eventually afterwards afterward soon now next still also even only "
                     "once here there today tonight yesterday tomorrow suddenly instead however so but and yet when "
                     "after before while as if though although because since until where".split())
_TITLE_BEFORE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|Sr|Jr|Rev|Gen|Col|Capt|Lt|Sgt|Insp|Supt)\.\s*$")


def _opening_words(sources: Mapping[int, str]) -> set[str]:
    """Words that only ever open a sentence when capitalised: some source writes them in lower case, and none
    capitalised where no sentence starts ("Later", "Then"; not "Will" in "… and Will Turner said")."""
    capitalised, lower = set(), set()
    for body in sources.values():
        lower.update(w for w in words(body) if w[:1].islower())
        for match in _WORD_OF_NAME.finditer(body):
            if not _SENTENCE_START.search(body[max(0, match.start() - 4):match.start()]):
                capitalised.add(match.group())
    return {w.capitalize() for w in lower} - capitalised


def _without_opener(name: str, at: int, sid: int, sources: Mapping[int, str], openers: set[str]) -> str:
    """``name``, found at ``at`` in source ``sid``, less a first word that only opens sentences and is written with
    it nowhere else: in "Later Mo (Mohamed Farah) arrives" the name is "Mo"."""
    first, _, rest = name.partition(" ")
    body = sources[sid]
    if (not rest or first not in openers or first.lower() not in _OPENERS
            or not _SENTENCE_START.search(body[max(0, at - 4):at]) or _TITLE_BEFORE.search(body[max(0, at - 8):at])):
        return name
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    if sum(len(pattern.findall(text)) for text in sources.values()) > 1:
        return name  # "Will Turner (Billy) …" where "Will Turner" is written again
    return rest


def propose_aliases(sources: Mapping[int, str]) -> list[AliasProposal]:
    """Alias proposals for one explainer's sources (cleaned bodies by source id), sorted by person and name."""
    actors: set[str] = set()
    openers = _opening_words(sources)
    names_by_source = {sid: proper_names(body) for sid, body in sources.items()}
    for body in sources.values():
        for match in _ACTOR.finditer(body):
            actors.add(match.group("x") or match.group("y"))
    pairs: dict[tuple[str, str], str] = {}

    for sid, body in sorted(sources.items()):
        for match in _BRACKET.finditer(body):
            a, b = _without_opener(match.group("a"), match.start(), sid, sources, openers), match.group("b")
            before = body[max(0, match.start() - 12):match.start()]
            if b in actors or a in actors or a == b or _AFTER_A_SCORE.search(before):
                continue  # "Eastfield 2-1 Harlow (Sharma)": the bracket names who scored, not another name for Harlow
            if len(b.split()) > 1 and not _share_a_word(a, b):
                continue  # "Brack (Tom Iver)": a full name in brackets is the actor; "Dani (Danielle Moss)" is not
            pairs.setdefault(tuple(sorted((a, b))), _sentence_around(body, match.start(), match.end()))
        for pattern in (_GOES_BY, _GLOSS):
            for match in pattern.finditer(body):
                b = match.group("b")
                a = _preceding_name(body, match.start(), names_by_source[sid] - {b})
                if a and a != b and b not in a.split():
                    pairs.setdefault(tuple(sorted((a, b))), _sentence_around(body, match.start(), match.end()))

    full_names: dict[str, dict[str, str]] = {}
    for sid, body in sorted(sources.items()):
        for name in names_by_source[sid]:
            parts = name.split()
            if len(parts) >= 2:
                full_names.setdefault(parts[-1], {}).setdefault(" ".join(parts[-2:]), body)
    for surname, forms in sorted(full_names.items()):
        for a in sorted(forms):
            for b in sorted(forms):
                if a >= b or a[0] != b[0] or _misspelt(a.split()[0], b.split()[0]):
                    continue  # "Ilse Varga" / "Illse Varga" is one name spelled two ways: a conflict to show
                together = any(
                    any(a in n for n in names) and any(b in n for n in names) for names in names_by_source.values()
                )
                if not together:
                    body = forms[b]
                    at = body.find(b)
                    pairs.setdefault((a, b), _sentence_around(body, at, at + len(b)))

    usage = Counter()
    for sid, body in sources.items():
        for a, b in pairs:
            for name in (a, b):
                if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", body):
                    usage[name] += 1
    proposals = []
    for (a, b), evidence in pairs.items():
        person, name = sorted((a, b), key=lambda n: (-usage[n], -len(n), n))
        proposals.append(AliasProposal(name=name, person=person, evidence=evidence))
    return sorted(proposals, key=lambda p: (p.person, p.name))


def alias_table(proposals: list[AliasProposal]) -> dict[str, str]:
    """``{name: person}`` from proposals, following chains so that every name points at a final person."""
    table = {p.name: p.person for p in proposals}
    for name in list(table):
        seen = {name}
        person = table[name]
        while person in table and person not in seen:
            seen.add(person)
            person = table[person]
        table[name] = person
    return table
