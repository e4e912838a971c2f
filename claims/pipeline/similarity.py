"""How alike two claims are: the one interface the grouping step needs, and a dependency-light default.

A backend is fitted on the texts of one topic's claims (so word weights reflect that topic) and then answers two
questions: ``vectors()`` gives every text a row of an L2-normalised matrix, whose dot products are a cheap
similarity used to pick candidate partners; ``pair_scores(pairs)`` gives the expensive similarity, in [0, 1],
for just those candidates.
"""
import hashlib
import math
import os
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .text import content_tokens, normalise


@runtime_checkable
class SimilarityBackend(Protocol):
    """What ``build_consensus`` needs from a similarity model."""

    name: str
    floor: float  # raw similarity below which no pair is a match; 0 to rely on hubness correction alone

    def fit(self, texts: Sequence[str]) -> None:
        """Learn the topic's statistics from, and encode, ``texts``; later calls refer to them by index."""

    def vectors(self) -> "np.ndarray | sparse.spmatrix":
        """One L2-normalised row per text; dot products are the cheap similarity for picking candidates."""

    def pair_scores(self, pairs: np.ndarray) -> np.ndarray:
        """Similarity in [0, 1] of each ``(i, j)`` row of ``pairs`` (an ``(m, 2)`` integer array)."""


_HASH_DIMS = 2048


def _hash(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=4).digest(), "little") % _HASH_DIMS


def _word_vectors(vocab: Sequence[str]) -> np.ndarray:
    """Character-trigram vectors of words, so that 'relight' and 'light' or 'drown' and 'drowned' partly match."""
    matrix = np.zeros((len(vocab), _HASH_DIMS), dtype=np.float32)
    for row, word in enumerate(vocab):
        padded = f"<{word}>"
        for k in range(len(padded) - 2):
            matrix[row, _hash(padded[k:k + 3])] += 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-9)


class LexicalBackend:
    """Character TF-IDF plus IDF-weighted soft word alignment (BERTScore-style, with spelling-level word vectors).

    Pure numpy and scikit-learn. Sees shared words and shared word stems, not synonyms. The word-to-word table
    is sparse (only pairs at or above ``word_floor``) and built in row chunks, so memory follows the vocabulary,
    not its square; alignment runs one anchor claim at a time against all its candidate partners.
    """

    name = "lexical"
    floor = 0.10  # below this no pair is a match, whatever the hubness correction says (tiny articles)

    def __init__(self, *, word_floor: float = 0.55, char_weight: float = 0.5) -> None:
        self.word_floor = word_floor
        self.char_weight = char_weight

    def fit(self, texts: Sequence[str]) -> None:
        normalised = [normalise(t) for t in texts]
        self._char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1)
        self._char_matrix = self._char.fit_transform(normalised).tocsr()
        self._char_t = self._char_matrix.T.tocsr()
        tokens = [content_tokens(t) for t in texts]
        vocab: dict[str, int] = {}
        for toks in tokens:
            for tok in toks:
                vocab.setdefault(tok, len(vocab))
        df = np.zeros(len(vocab))
        for toks in tokens:
            for tok in set(toks):
                df[vocab[tok]] += 1
        n = len(texts)
        self._idf = np.log((n + 1) / (df + 1)) + 1.0
        ids = [sorted({vocab[t] for t in toks}) for toks in tokens]
        lengths = np.array([len(row) for row in ids], dtype=np.int64)
        self._start = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        self._end = self._start + lengths
        self._flat = np.array([i for row in ids for i in row], dtype=np.int64)
        self._wflat = self._idf[self._flat] if len(self._flat) else np.zeros(0)
        cumulative = np.concatenate([[0.0], np.cumsum(self._wflat)])
        self._wsum = cumulative[self._end] - cumulative[self._start]
        # Word-to-word similarity, kept only where spelling makes two words nearly one (>= word_floor).
        vectors = sparse.csr_matrix(_word_vectors(list(vocab)))
        transposed = vectors.T.tocsr()
        pieces = []
        for first in range(0, vectors.shape[0], 2048):
            block = (vectors[first:first + 2048] @ transposed).tocoo()
            keep = block.data >= self.word_floor
            rows, cols, values = block.row[keep] + first, block.col[keep], block.data[keep].astype(np.float64)
            values[rows == cols] = 1.0
            pieces.append((rows, cols, values))
        if pieces:
            rows, cols, values = (np.concatenate(parts) for parts in zip(*pieces))
        else:
            rows = cols = np.zeros(0, dtype=np.int64)
            values = np.zeros(0)
        self._close = sparse.csr_matrix((values, (rows, cols)), shape=(len(vocab), len(vocab)))

    def vectors(self) -> sparse.csr_matrix:
        return self._char_matrix

    def cheap_block(self, rows: np.ndarray) -> np.ndarray:
        return (self._char_matrix[rows] @ self._char_t).toarray()

    def cheap_pairs(self, pairs: np.ndarray) -> np.ndarray:
        """The cheap similarity (as ``cheap_block``) of each ``(i, j)`` row of ``pairs``."""
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        return rowwise_dots(self._char_matrix, pairs[:, 0], pairs[:, 1])

    def _align_many(self, i: int, partners: np.ndarray) -> np.ndarray:
        result = np.zeros(len(partners), dtype=np.float64)
        a = self._flat[self._start[i]:self._end[i]]
        if not len(a):
            return result
        usable = np.flatnonzero(self._end[partners] > self._start[partners])
        if not len(usable):
            return result
        js = partners[usable]
        lengths = self._end[js] - self._start[js]
        seg = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        rows = np.repeat(self._start[js] - seg, lengths) + np.arange(int(lengths.sum()))
        words = self._flat[rows]
        sims = self._close[a][:, words].toarray()  # (words of i, words of all partners)
        wa = self._wflat[self._start[i]:self._end[i]]
        precision = (wa @ np.maximum.reduceat(sims, seg, axis=1)) / self._wsum[i]
        recall = np.add.reduceat(self._wflat[rows] * sims.max(axis=0), seg) / self._wsum[js]
        total = precision + recall
        result[usable] = np.where(total > 0, 2 * precision * recall / np.where(total > 0, total, 1), 0.0)
        return result

    def pair_scores(self, pairs: np.ndarray) -> np.ndarray:
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        if not len(pairs):
            return np.zeros(0)
        left, right = pairs[:, 0], pairs[:, 1]
        char = rowwise_dots(self._char_matrix, left, right)
        align = np.zeros(len(pairs), dtype=np.float64)
        order = np.argsort(left, kind="stable")
        anchors, first = np.unique(left[order], return_index=True)
        for anchor, rows in zip(anchors.tolist(), np.split(order, first[1:])):
            align[rows] = self._align_many(anchor, right[rows])
        return self.char_weight * char + (1 - self.char_weight) * align


def rowwise_dots(matrix, left: np.ndarray, right: np.ndarray, chunk: int = 20000) -> np.ndarray:
    """``matrix[left[k]] . matrix[right[k]]`` for every k, in chunks so memory stays bounded."""
    out = np.zeros(len(left), dtype=np.float64)
    for first in range(0, len(left), chunk):
        a, b = left[first:first + chunk], right[first:first + chunk]
        out[first:first + chunk] = np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel()
    return out


THREADS = max(1, min(2, os.cpu_count() or 1))  # threads of our own for numpy work (one BLAS thread each)


def single_threaded_blas():
    """A context in which numpy's BLAS uses one thread (for many small products, or threads of our own)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # scikit-learn brings it; without it, just run with the BLAS as configured
        from contextlib import nullcontext

        return nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def idf_of(texts: Sequence[str]) -> dict[str, float]:
    """Topic IDF of content words, for callers that weigh words themselves."""
    df: dict[str, int] = {}
    for text in texts:
        for token in set(content_tokens(text)):
            df[token] = df.get(token, 0) + 1
    n = len(texts)
    return {token: math.log((n + 1) / (count + 1)) + 1.0 for token, count in df.items()}
