"""Group claims from different sources that make the same point.

1. Candidates: for every claim, the few claims of each other source that are closest by the backend's cheap
   similarity (only the sources that look most related, so work stays near linear in the number of articles).
2. The backend's expensive similarity, for candidates only.
3. Hubness correction (CSLS): a pair's score is discounted by how similar each claim is to its best few
   candidates in the other source, so claims that resemble everything stop matching everything. A pair counts
   as a match when its corrected score is above ``margin`` (0 by default, the same for every topic). A source
   too short to have "a best few" (a one-sentence brief) lends the claim its usual figure from the other
   sources for the places it cannot fill.
4. Every claim seeds a group: its best match in each other source, strongest first, each admitted only if it
   matches the members already in on average (the first few members only, so big topics stay linear). A link
   between two members that were never a candidate pair is not taken as similarity 0 (which sank many a
   correct third or fourth source) but estimated from the cheap similarity, scaled to the expensive one by a
   line fitted on the candidate pairs. All seeds are grown in step, one candidate rank at a time, so each step
   is one vectorised lookup. A claim may so end up in several groups; groups contained in another are dropped,
   and claims left in no group become one-member groups.

Everything is held in flat numpy arrays (pairs as sorted integer keys), not per-pair Python objects: a
300-article topic has several hundred thousand candidate pairs.
"""
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import numpy as np

from .similarity import THREADS, SimilarityBackend, rowwise_dots, single_threaded_blas
from .types import ClaimSpan, Group

_MAX_LINKS = 8  # a newcomer is checked against the first (strongest) members only, keeping big topics linear
_ROWS_PER_BLOCK = 256  # rows of the cheap similarity computed at once: (256, n) floats


def _cheap_block(backend: SimilarityBackend, rows: np.ndarray, cache: dict) -> np.ndarray:
    """Cheap similarity of ``rows`` against every claim, dense ``(len(rows), n)``."""
    block = getattr(backend, "cheap_block", None)
    if block is not None:
        return np.asarray(block(rows), dtype=np.float64)
    if "vectors" not in cache:
        vectors = backend.vectors()
        cache["vectors"] = vectors
        cache["transposed"] = vectors.T.tocsr() if hasattr(vectors, "tocsr") else np.ascontiguousarray(vectors.T)
    product = cache["vectors"][rows] @ cache["transposed"]
    return product.toarray() if hasattr(product, "toarray") else np.asarray(product, dtype=np.float64)


class Matcher:
    """Candidate pairs of one topic's claims, their raw scores and their hubness-corrected scores."""

    def __init__(
        self, claims: Sequence[ClaimSpan], backend: SimilarityBackend, *, per_source: int = 3, max_sources: int = 40
    ) -> None:
        self.claims = claims
        self.backend = backend
        self.per_source = per_source
        self.max_sources = max_sources
        self.n = len(claims)
        self.source_of = np.array([c.source for c in claims], dtype=np.int64)
        self.sources = sorted(set(self.source_of.tolist()))
        index = {s: k for k, s in enumerate(self.sources)}
        self.sidx = np.array([index[s] for s in self.source_of.tolist()], dtype=np.int64)
        self._extra: dict[tuple[int, int], float] = {}
        self._vectors = None
        self._line: np.ndarray | None = None  # cheap -> raw similarity, for pairs that were not candidates
        self._est_keys, self._est = np.zeros(0, dtype=np.int64), np.zeros(0)

    # -- building ---------------------------------------------------------------------------------------------

    def _candidate_pairs(self) -> np.ndarray:
        """For every claim, the ``per_source`` best claims (cheap similarity; ties to the lower index) in each of
        the ``max_sources`` other sources whose best claim is closest; as sorted unique ``(i, j)``, ``i < j``."""
        n, count = self.n, len(self.sources)
        perm = np.argsort(self.sidx, kind="stable")  # claims grouped by source, in index order within a source
        seg_of = self.sidx[perm]
        seg_start = np.searchsorted(seg_of, np.arange(count))
        positions = np.arange(n)
        keep = min(self.max_sources, count - 1)
        cache: dict = {}
        if getattr(self.backend, "cheap_block", None) is None:
            _cheap_block(self.backend, np.arange(min(n, 1)), cache)  # fill the cache before threads share it

        def pick(first: int) -> list[np.ndarray]:
            found: list[np.ndarray] = []
            rows = np.arange(first, min(n, first + _ROWS_PER_BLOCK))
            across = np.arange(len(rows))[:, None]
            block = _cheap_block(self.backend, rows, cache)[:, perm]
            chosen = None
            for _ in range(self.per_source):
                best = np.maximum.reduceat(block, seg_start, axis=1)  # (rows, sources)
                if chosen is None:
                    best_first = best.copy()
                    best_first[across[:, 0], self.sidx[rows]] = -np.inf
                    chosen = np.argsort(-best_first, axis=1, kind="stable")[:, :keep]
                at = np.where(block == best[:, seg_of], positions, n)
                at = np.minimum.reduceat(at, seg_start, axis=1)  # first position holding each maximum
                picked_at = np.take_along_axis(at, chosen, axis=1)
                valid = np.take_along_axis(best, chosen, axis=1) > -np.inf
                i = np.broadcast_to(rows[:, None], picked_at.shape)[valid]
                j = perm[picked_at[valid]]
                found.append(np.stack([np.minimum(i, j), np.maximum(i, j)], axis=1))
                exhausted = best == -np.inf
                block[np.broadcast_to(across, at.shape)[~exhausted], at[~exhausted]] = -np.inf
            return found

        # Blocks are independent; two threads (one BLAS thread each) keep both cores busy through the parts of
        # a block numpy runs single-threaded (the sparse product, the per-source reductions).
        with single_threaded_blas(), ThreadPoolExecutor(THREADS) as pool:
            found = [pair for part in pool.map(pick, range(0, n, _ROWS_PER_BLOCK)) for pair in part]
        if not found:
            return np.zeros((0, 2), dtype=np.int64)
        pairs = np.concatenate(found)
        keys = np.unique(pairs[:, 0] * n + pairs[:, 1])
        return np.stack([keys // n, keys % n], axis=1)

    def prepare(self) -> None:
        n = self.n
        pairs = self._candidate_pairs() if len(self.sources) > 1 else np.zeros((0, 2), dtype=np.int64)
        raw = np.asarray(self.backend.pair_scores(pairs), dtype=np.float64) if len(pairs) else np.zeros(0)
        self.pairs, self.raw = pairs, raw
        self._keys = pairs[:, 0] * n + pairs[:, 1]  # sorted, since pairs are unique-sorted
        # Adjacency (both directions), for each claim's candidates.
        a = np.concatenate([pairs[:, 0], pairs[:, 1]])
        b = np.concatenate([pairs[:, 1], pairs[:, 0]])
        v = np.concatenate([raw, raw])
        order = np.lexsort((b, a))
        self._adj_to, self._adj_raw = b[order], v[order]
        self._adj_ptr = np.searchsorted(a[order], np.arange(n + 1))
        # Hub of (claim, other source): the mean of the claim's best few candidate scores in that source.
        count = len(self.sources)
        hub_keys = a * count + self.sidx[b]
        order = np.lexsort((-v, hub_keys))
        hub_keys, values = hub_keys[order], v[order]
        if len(hub_keys):
            unique, first, counts = np.unique(hub_keys, return_index=True, return_counts=True)
            rank = np.arange(len(hub_keys)) - np.repeat(first, counts)
            top = rank < self.per_source
            sums = np.bincount(np.searchsorted(unique, hub_keys[top]), weights=values[top], minlength=len(unique))
            self._hub_keys, self._hub = unique, self._impute_small(unique, sums, counts)
        else:
            self._hub_keys, self._hub = np.zeros(0, dtype=np.int64), np.zeros(0)

    def _impute_small(self, keys: np.ndarray, sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Hubs from the top-``per_source`` sums: for a source with fewer claims than that, the ranks it cannot
        fill take the claim's mean hub over the sources that can, instead of being left out.

        Left out, a one-claim source made CSLS degenerate: the hub of its claim's partner was that pair's own
        score, so a one-sentence article always matched its best claim elsewhere, however unrelated, and two
        one-sentence articles never matched each other. A claim with no full-size source to learn from (a topic of
        briefs) takes its mean over the short sources instead; with a single other source that is the pair's own
        score again, and nothing can be learnt."""
        count, k = len(self.sources), self.per_source
        claim_of, source_of = keys // count, keys % count
        small = np.bincount(self.sidx, minlength=count)[source_of] < k
        hubs = sums / np.minimum(counts, k)

        def mean_hub(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            total = np.bincount(claim_of[rows], weights=hubs[rows], minlength=self.n)
            seen = np.bincount(claim_of[rows], minlength=self.n)
            return total / np.maximum(seen, 1), seen

        over_full, full_count = mean_hub(~small)
        over_all, _ = mean_hub(np.ones(len(keys), dtype=bool))
        typical = np.where(full_count > 0, over_full, over_all)[claim_of[small]]
        hubs[small] = (sums[small] + (k - np.minimum(counts[small], k)) * typical) / k
        return hubs

    def _cheap_pairs(self, rs: np.ndarray, cs: np.ndarray) -> np.ndarray:
        """The cheap similarity of the pairs ``(rs[k], cs[k])``."""
        direct = getattr(self.backend, "cheap_pairs", None)
        if direct is not None:
            return np.asarray(direct(np.stack([rs, cs], axis=1)), dtype=np.float64)
        if self._vectors is None:
            vectors = self.backend.vectors()
            self._vectors = vectors.tocsr() if hasattr(vectors, "tocsr") else np.asarray(vectors)
        if hasattr(self._vectors, "multiply"):
            return rowwise_dots(self._vectors, rs, cs)
        return np.einsum("ij,ij->i", self._vectors[rs], self._vectors[cs])

    def _estimate(self, keys: np.ndarray) -> np.ndarray:
        """Estimated raw similarity of the non-candidate pairs ``keys``: the cheap similarity through a line
        fitted (least squares) to the candidate pairs' raw scores. Cached, as the same pairs come up for many
        seeds."""
        if self._line is None:
            step = max(1, len(self.pairs) // 20000)  # a sample is plenty for two coefficients
            x = self._cheap_pairs(self.pairs[::step, 0], self.pairs[::step, 1])
            if len(x) >= 2 and np.ptp(x) > 0:
                design = np.stack([np.ones_like(x), x], axis=1)
                self._line = np.linalg.lstsq(design, self.raw[::step], rcond=None)[0]
            else:
                self._line = np.array([0.0, 1.0])
        unique = np.unique(keys)
        if len(self._est_keys):
            at = np.minimum(np.searchsorted(self._est_keys, unique), len(self._est_keys) - 1)
            unique = unique[self._est_keys[at] != unique]
        if len(unique):
            values = np.clip(self._line[0] + self._line[1] * self._cheap_pairs(unique // self.n, unique % self.n), 0, 1)
            merged = np.concatenate([self._est_keys, unique])
            order = np.argsort(merged, kind="stable")
            self._est_keys, self._est = merged[order], np.concatenate([self._est, values])[order]
        return self._est[np.searchsorted(self._est_keys, keys)]

    # -- lookups ----------------------------------------------------------------------------------------------

    def _candidates(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For pair keys (``min * n + max``): whether each was a candidate pair, and where its raw score sits in
        ``self.raw`` (meaningful only where it was)."""
        if not len(self._keys):
            return np.zeros(len(keys), dtype=bool), np.zeros(len(keys), dtype=np.int64)
        at = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
        return self._keys[at] == keys, at

    def is_candidate(self, i: int, j: int) -> bool:
        """Whether ``i`` and ``j`` were a candidate pair (one among the other's closest claims in its source)."""
        return bool(self.are_candidates([(i, j)])[0])

    def are_candidates(self, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """``is_candidate`` for each pair, in one lookup."""
        if not len(pairs):
            return np.zeros(0, dtype=bool)
        arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        return self._candidates(np.minimum(arr[:, 0], arr[:, 1]) * self.n + np.maximum(arr[:, 0], arr[:, 1]))[0]

    def neighbours(self, i: int) -> np.ndarray:
        return self._adj_to[self._adj_ptr[i]:self._adj_ptr[i + 1]]

    def _raw_many(self, rs: np.ndarray, cs: np.ndarray) -> np.ndarray:
        known, at = self._candidates(np.minimum(rs, cs) * self.n + np.maximum(rs, cs))
        raw = np.zeros(len(known))
        raw[known] = self.raw[at[known]]
        return raw

    def _hub_many(self, rs: np.ndarray, cs: np.ndarray) -> np.ndarray:
        if not len(self._hub_keys):
            return np.full(len(rs), np.nan)
        keys = rs * len(self.sources) + self.sidx[cs]
        at = np.minimum(np.searchsorted(self._hub_keys, keys), len(self._hub_keys) - 1)
        return np.where(self._hub_keys[at] == keys, self._hub[at], np.nan)

    def corrected_many(self, rs: np.ndarray, cs: np.ndarray) -> np.ndarray:
        """CSLS scores of the pairs ``(rs[k], cs[k])``; NaN where either never looked at the other's source.

        A pair that neither side picked as a candidate counts as similarity 0: it was not among either's
        closest claims by the cheap measure, and scoring it would make grouping quadratic.
        """
        rs, cs = np.asarray(rs, dtype=np.int64), np.asarray(cs, dtype=np.int64)
        return 2 * self._raw_many(rs, cs) - self._hub_many(rs, cs) - self._hub_many(cs, rs)

    def links(self, rs: np.ndarray, cs: np.ndarray) -> np.ndarray:
        """CSLS scores of the pairs ``(rs[k], cs[k])`` for admission: as ``corrected_many``, but a pair of claims
        from different sources that was not a candidate gets its raw similarity estimated (``_estimate``)."""
        rs, cs = np.asarray(rs, dtype=np.int64), np.asarray(cs, dtype=np.int64)
        links = self.corrected_many(rs, cs)
        if not len(rs):
            return links
        keys = np.minimum(rs, cs) * self.n + np.maximum(rs, cs)
        missing = ~self._candidates(keys)[0] & (self.sidx[rs] != self.sidx[cs])
        if missing.any():
            links[missing] += 2 * self._estimate(keys[missing])
        return links

    def corrected(self, i: int, j: int) -> float | None:
        """CSLS score of ``i`` and ``j``, or None when either never looked at the other's source."""
        value = float(self.corrected_many(np.array([i]), np.array([j]))[0])
        if np.isnan(value):
            return None
        extra = self._extra.get((min(i, j), max(i, j)))
        return value if extra is None else value + 2 * extra

    def matched_pairs(self) -> np.ndarray:
        """Every pair ``(i, j)``, ``i < j``, whose score ``corrected`` gives is above 0. Only candidate pairs, and
        pairs scored since (``similarities``), can be: any other pair's raw similarity counts as 0."""
        found = self.pairs[self.corrected_many(self.pairs[:, 0], self.pairs[:, 1]) > 0]  # NaN compares False
        scored = [(i, j) for i, j in self._extra if (self.corrected(i, j) or -1.0) > 0]  # never candidates
        return np.concatenate([found, np.array(scored, dtype=np.int64).reshape(-1, 2)])

    def similarities(self, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """Raw similarity of each pair, scoring in one backend call the pairs that were not candidates."""
        if not len(pairs):
            return np.zeros(0)
        arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        lo, hi = np.minimum(arr[:, 0], arr[:, 1]), np.maximum(arr[:, 0], arr[:, 1])
        known, at = self._candidates(lo * self.n + hi)
        values = np.zeros(len(known))
        values[known] = self.raw[at[known]]
        missing = sorted({(int(a), int(b)) for a, b, k in zip(lo, hi, known) if not k} - set(self._extra))
        if missing:
            scored = self.backend.pair_scores(np.array(missing, dtype=np.int64))
            self._extra.update({p: float(s) for p, s in zip(missing, scored)})
        for k in np.flatnonzero(~known).tolist():
            values[k] = self._extra[(int(lo[k]), int(hi[k]))]
        return values

    def similarity(self, i: int, j: int) -> float:
        return float(self.similarities([(i, j)])[0])


def _best_matches(matcher: Matcher, i: int, margin: float, floor: float) -> list[int]:
    """The best match of ``i`` in each other source (corrected score above ``margin``), strongest first."""
    js = matcher.neighbours(i)
    if not len(js):
        return []
    raw = matcher._adj_raw[matcher._adj_ptr[i]:matcher._adj_ptr[i + 1]]
    scores = matcher.corrected_many(np.full(len(js), i), js)
    ok = (scores > margin) & (raw >= floor)  # NaN compares False
    js, scores = js[ok], scores[ok]
    if not len(js):
        return []
    # Per source, the highest score (ties: the lower index); then strongest first.
    order = np.lexsort((js, -scores, matcher.sidx[js]))
    sources = matcher.sidx[js][order]
    first = np.flatnonzero(np.r_[True, sources[1:] != sources[:-1]])
    best_js, best_scores = js[order][first], scores[order][first]
    final = np.lexsort((best_js, -best_scores))
    return best_js[final].tolist()


def _admit_all(matcher: Matcher, lists: list[list[int]], margin: float, admit: str) -> list[list[int]]:
    """Members of the group each claim seeds (claim ``i`` with its candidates ``lists[i]``, strongest first):
    each candidate in turn joins if its links to the first ``_MAX_LINKS`` members are above ``margin`` on
    average (or all of them, with ``admit="min"``).

    All seeds advance together: step ``k`` judges every seed's ``k``-th candidate against that seed's current
    core in one vectorised lookup, so the work is a few dozen array operations, not one per claim.
    """
    n = len(lists)
    width = max((len(c) for c in lists), default=0)
    candidates = np.full((n, max(width, 1)), -1, dtype=np.int64)
    for i, c in enumerate(lists):
        candidates[i, :len(c)] = c
    core = np.full((n, _MAX_LINKS), -1, dtype=np.int64)
    core[:, 0] = np.arange(n)
    size = np.ones(n, dtype=np.int64)
    admitted = np.zeros(candidates.shape, dtype=bool)
    for k in range(width):
        live = np.flatnonzero(candidates[:, k] >= 0)
        newcomer, cores = candidates[live, k], core[live]
        held = cores >= 0
        rows, cols = np.nonzero(held)
        links = np.zeros(cores.shape)
        links[rows, cols] = matcher.links(newcomer[rows], cores[rows, cols])
        if admit == "mean":
            agg = np.where(held, links, 0.0).sum(axis=1) / held.sum(axis=1)
        else:
            agg = np.where(held, links, np.inf).min(axis=1)
        ok = agg > margin  # NaN (a link to a source never looked at) compares False
        admitted[live[ok], k] = True
        grow = live[ok & (size[live] < _MAX_LINKS)]
        core[grow, size[grow]] = candidates[grow, k]
        size[grow] += 1
    return [[i] + candidates[i][admitted[i]].tolist() for i in range(n)]


_OPENERS = "\"“‘'([*_"  # quotes, brackets and emphasis a sentence may open with
_WHOLE_END = re.compile(r"[.!?…][\"”’')\]*_]*$")
_CITATION_MARK = re.compile(r"\[\d{1,3}\]$")  # "…$1 billion.[1]"


def _without_citation_marks(text: str) -> str:
    """``text`` without the footnote marks ("[1]") and emphasis marks ("*…*") that close it, taken off from the
    end one by one (a pattern anchored at the end would be tried from every position of a long run of marks)."""
    while True:
        if text.endswith(("*", "_")):
            text = text[:-1]
        elif text.endswith("]") and (mark := _CITATION_MARK.search(tail := text[-5:])):
            text = text[:len(text) - len(tail) + mark.start()]
        else:
            return text


def reads_whole(text: str) -> bool:
    """Whether a claim reads as a sentence of its own (a capital, a figure or a currency sign first, a closing
    stop or question mark, brackets closed), so it can stand as an entry's statement; a clause cut from a longer
    sentence ("and she comes to see…") cannot. A brand written lower-case first ("iPhone sales…") counts as a
    capital; citation marks after the stop ("[1]") are not part of the sentence."""
    text = _without_citation_marks(text.strip())
    start = text.lstrip(_OPENERS)
    if not start or not _WHOLE_END.search(text):
        return False
    first_word = start.split()[0]
    capital = start[0].isupper() or start[0].isdigit() or start[0] in "$€£¥" or (
        first_word[0].islower() and any(ch.isupper() for ch in first_word[1:]))
    return capital and text.count("(") == text.count(")") and text.count("[") == text.count("]")


# A sentence that leans on the one before it: it opens with a pronoun ("It said it would look at drainage"), or
# quotes someone it names only by one ('"People need to know the lines are safe," she said').
_OPENS_WITH_PRONOUN = re.compile(r"^[\"“‘'(*_]*(he|she|it|its|they|their|his|her)\b", re.IGNORECASE)
_QUOTED_PRONOUN = re.compile(r"[,.!?…][\"”’']\s+(he|she|they)\s+(?:said|says|added|adds|told|tells|asked|explained)\b",
                             re.IGNORECASE)


def unnamed_reference(text: str) -> str:
    """The pronoun a sentence leans on for who or what it is about, "" if it names them: taken out of its
    article, "It said it would look at drainage" does not say who "it" is."""
    found = _OPENS_WITH_PRONOUN.search(text.strip()) or _QUOTED_PRONOUN.search(text)
    return found.group(1) if found else ""


def _statement_rank(claims: Sequence[ClaimSpan], members, core, values: dict):
    """Sort key for choosing an entry's statement among ``members``: one that reads whole first, then the most
    central (summed similarity to the ``core``, from ``values`` keyed by sorted pairs), then the shortest."""
    centrality = {m: sum(values[(min(m, o), max(m, o))] for o in core if o != m) for m in members}
    return lambda m: (not reads_whole(claims[m].text), -centrality[m], len(claims[m].text), m)


def _kind(claims: Sequence[ClaimSpan], members: tuple[int, ...], statement: int) -> str:
    """The members' most common kind; on a tie, the kind of the claim the entry is stated as."""
    counts = Counter(claims[m].kind for m in members)
    return max(counts, key=lambda k: (counts[k], k == claims[statement].kind, k))


def group_claims(
    claims: Sequence[ClaimSpan],
    backend: SimilarityBackend,
    *,
    margin: float = 0.0,
    per_source: int = 3,
    admit: str = "mean",
) -> tuple[list[Group], Matcher]:
    matcher = Matcher(claims, backend, per_source=per_source)
    matcher.prepare()
    floor = getattr(backend, "floor", 0.0)
    found: dict[frozenset[int], list[int]] = {}
    lists = [_best_matches(matcher, i, margin, floor) for i in range(len(claims))]
    for members in _admit_all(matcher, lists, margin, admit):
        if len(members) > 1:
            found.setdefault(frozenset(members), members)
    sets = sorted(found, key=lambda s: (-len(s), sorted(s)))
    kept: list[frozenset[int]] = []
    containing: dict[int, list[int]] = defaultdict(list)  # claim -> kept sets holding it
    for candidate in sets:
        anchor = min(candidate, key=lambda m: (len(containing[m]), m))
        if any(candidate <= kept[k] for k in containing[anchor]):
            continue
        for m in candidate:
            containing[m].append(len(kept))
        kept.append(candidate)
    # Member scores and the statement: similarity to the group's core (its first members in admission order),
    # which is every other member in groups of up to _MAX_LINKS + 1.
    cores = {s: found[s][: _MAX_LINKS + 1] for s in kept}
    needed = sorted({(min(m, o), max(m, o)) for s in kept for m in s for o in cores[s] if o != m})
    values = dict(zip(needed, matcher.similarities(needed).tolist())) if needed else {}
    groups = []
    stated: set[int] = set()  # claims already chosen as a statement: two entries never read the same
    for members_set in kept:  # biggest groups choose first
        members = tuple(sorted(members_set))
        core = cores[members_set]
        mean = {m: float(np.mean([values[(min(m, o), max(m, o))] for o in core if o != m])) for m in members}
        ranked = sorted(members, key=_statement_rank(claims, members, core, values))
        chosen = next((m for m in ranked if m not in stated), ranked[0])
        stated.add(chosen)
        statement = claims[chosen].text
        scores = tuple(round(mean[m], 4) for m in members)
        groups.append(Group(members, scores, _kind(claims, members, chosen), statement))
    covered = set().union(*kept) if kept else set()
    for i in range(len(claims)):
        if i not in covered:
            groups.append(Group((i,), (1.0,), claims[i].kind, claims[i].text))
    groups.sort(key=lambda g: (min(g.members), g.members))
    return groups, matcher


def restate(
    groups: Sequence[Group], claims: Sequence[ClaimSpan], matcher: Matcher, avoid: Sequence[Collection[int]]
) -> list[Group]:
    """Groups stated as a member in their ``avoid`` set (one whose value most of the group's sources
    contradict) restated, where another member is free, as that member: an entry that three sources support
    should not read as the one source that gives a different day or figure. Other statements do not move."""
    statement_of = [stated_member(g, claims) for g in groups]
    stated = {m for g, m in zip(groups, statement_of) if len(g.members) > 1}
    result = []
    for group, current, shunned in zip(groups, statement_of, avoid, strict=True):
        options = [m for m in group.members if m not in shunned and m not in stated]
        if len(group.members) < 2 or current not in shunned or not options:
            result.append(group)
            continue
        core = group.members[: _MAX_LINKS + 1]
        pairs = sorted({(min(m, o), max(m, o)) for m in options for o in core if o != m})
        values = dict(zip(pairs, matcher.similarities(pairs).tolist()))
        chosen = min(options, key=_statement_rank(claims, options, core, values))
        stated.discard(current)
        stated.add(chosen)
        result.append(replace(group, statement=claims[chosen].text, kind=_kind(claims, group.members, chosen)))
    return result


def stated_member(group: Group, claims: Sequence[ClaimSpan]) -> int | None:
    """The member whose text the group is stated as; None when the statement is no member's text."""
    return next((m for m in group.members if claims[m].text == group.statement), None)
