"""The plain data the pipeline takes and returns."""
from dataclasses import dataclass, field

KINDS = ("plot", "interpretation", "production", "other")


@dataclass(frozen=True)
class ClaimSpan:
    """One statement from one source: ``body[start:end] == text``, inside the sentence ``sentence_start:end``."""

    source: int
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    kind: str = "other"
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class AliasProposal:
    """``name`` is another name for ``person``; ``evidence`` is the passage that says so."""

    name: str
    person: str
    evidence: str


@dataclass(frozen=True)
class Group:
    """Claims (indices into the claim list) that make the same point; ``scores`` pairs with ``members``."""

    members: tuple[int, ...]
    scores: tuple[float, ...]
    kind: str
    statement: str


@dataclass(frozen=True)
class Variant:
    """One side of a conflict: the value a claim gives, and where it says it."""

    value: str
    claim: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ConflictFound:
    """Sources that disagree. ``key`` is stable across runs, so a rebuild can recognise a conflict it found before."""

    about: str
    kind: str  # "name" | "number" | "date" | "contradiction"
    key: str
    variants: list[Variant] = field(default_factory=list)


@dataclass(frozen=True)
class ConsensusResult:
    groups: list[Group]
    conflicts: list[ConflictFound]
