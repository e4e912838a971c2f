"""A conflict's variants: one per claim, tied to its span; long lists capped so every side still shows."""
from collections import defaultdict
from collections.abc import Hashable, Sequence

from ..text import content_tokens
from ..types import ClaimSpan, Variant


def variant(claims: Sequence[ClaimSpan], index: int, value: str) -> Variant:
    claim = claims[index]
    return Variant(value=value, claim=index, start=claim.start, end=claim.end, text=claim.text)


MAX_LISTED = 12  # variants listed for a name or number conflict; every distinct value keeps at least one


def capped(variants: list[Variant], limit: int = MAX_LISTED) -> list[Variant]:
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


def context(text: str, start: int, end: int) -> set[str]:
    return set(content_tokens(text[:start] + " " + text[end:]))


def connected(edges: list[tuple[Hashable, Hashable]]) -> list[set]:
    """The connected sets of nodes that ``edges`` join, biggest first (ties: in order of their smallest node)."""
    parent: dict = {}

    def root(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    sets: dict = defaultdict(set)
    for node in list(parent):
        sets[root(node)].add(node)
    return sorted(sets.values(), key=lambda s: (-len(s), min(s)))
