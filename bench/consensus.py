"""Time the consensus pipeline on topics of 3, 30 and 300 articles. Pure Python, no Django.

    .venv/bin/python bench/consensus.py [--sizes 3 30 300] [--backends auto lexical minilm]

A benchmark, not a test. How topics are generated: the first articles (17 today) are the seeds and the development texts
(tests/data/eval) as they are; beyond that, each article is a copy of one of them (round robin) that drops about
15 % of its sentences, swaps two neighbouring paragraphs, swaps common words for near-synonyms, adds a filler word
or two to most sentences and drops a word from some (so almost every claim text is distinct, as in independent
write-ups, and no cache of repeated texts flatters the timings), and gains a line of page noise
(random.Random(0), so every run sees the same topic). Copies are paraphrase-level near-duplicates of real pages,
which is harder on hubness and grouping than unrelated articles would be. The line printed for each run gives
the number of distinct claim texts next to the number of claims.

Each (size, backend) runs in its own process, so the peak resident set (resource.getrusage ru_maxrss, which
includes the model weights and numpy buffers that tracemalloc does not see) belongs to that run alone. Prints
wall time and claims per second for extraction and for consensus (aliases + similarity + grouping + conflicts).
"""
import argparse
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.cleaning import clean  # noqa: E402
from claims.pipeline import (  # noqa: E402
    alias_table,
    backend_named,
    build_consensus,
    extract_claims,
    propose_aliases,
)

DATA = ROOT / "tests" / "data" / "eval"
_SWAPS = {
    "film": "movie", "movie": "film", "says": "said", "finally": "at last", "small": "little", "big": "large",
    "gives": "hands", "returns": "gives back", "closed": "shut", "begins": "starts", "seems": "appears",
    "quickly": "fast", "council": "authority", "later": "afterwards", "often": "frequently",
}
_FILLERS = ["reportedly", "apparently", "indeed", "notably", "in fact", "then", "also", "eventually", "clearly",
            "of course", "by most accounts", "once again", "at that point", "as expected", "quietly"]
_NOISE = ["Advertisement", "Share this article", "Sign up for our newsletter.", "Read more: related coverage"]


def _texts() -> list[str]:
    files = sorted(DATA.glob("seeds/*.txt")) + sorted(DATA.glob("dev/*/*.txt"))
    return [clean(p.read_text(encoding="utf-8")).body for p in files]


def _variant(text: str, rng: random.Random) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) > 3:
        k = rng.randrange(1, len(paragraphs) - 1)
        paragraphs[k], paragraphs[k + 1] = paragraphs[k + 1], paragraphs[k]
    out = []
    for paragraph in paragraphs:
        sentences = [s for s in paragraph.split(". ") if rng.random() > 0.15] or [paragraph]
        edited = []
        for sentence in sentences:
            words = [_SWAPS.get(w, w) if rng.random() < 0.5 else w for w in sentence.split(" ")]
            for _ in range(rng.choice((0, 1, 1, 2))):
                words.insert(rng.randrange(1, len(words) + 1), rng.choice(_FILLERS))
            if len(words) > 6 and rng.random() < 0.3:
                del words[rng.randrange(1, len(words) - 1)]
            edited.append(" ".join(words))
        out.append(". ".join(edited))
    out.insert(rng.randrange(len(out) + 1), rng.choice(_NOISE))
    return "\n".join(out)


def make_topic(size: int, seed: int = 0) -> dict[int, str]:
    rng = random.Random(seed)
    base = _texts()
    if size <= len(base):
        return {i + 1: base[i] for i in range(size)}
    return {i + 1: (base[i] if i < len(base) else _variant(base[i % len(base)], rng)) for i in range(size)}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(size: int, backend_name: str) -> None:
    bodies = make_topic(size)
    started = time.perf_counter()
    claims = [c for sid, body in bodies.items() for c in extract_claims(sid, body)]
    extraction = time.perf_counter() - started
    started = time.perf_counter()
    aliases = alias_table(propose_aliases(bodies))
    backend = backend_named(backend_name)
    result = build_consensus(claims, aliases=aliases, backend=backend, bodies=bodies)
    consensus = time.perf_counter() - started
    multi = sum(1 for g in result.groups if len(g.members) > 1)
    kinds = {
        k: (sum(1 for c in result.conflicts if c.kind == k), max((len(c.variants) for c in result.conflicts if c.kind == k), default=0))
        for k in ("name", "number", "date", "contradiction")
    }
    print(
        f"{backend_name:>7s}={backend.name:<7s} {size:4d} articles {len(claims):6d} claims "
        f"({len({c.text for c in claims})} distinct)  "
        f"extraction {extraction:6.2f}s ({len(claims) / max(extraction, 1e-9):6.0f} claims/s)  "
        f"consensus {consensus:6.2f}s ({len(claims) / max(consensus, 1e-9):5.0f} claims/s)  "
        f"groups {len(result.groups)} ({multi} multi-source)  conflicts {len(result.conflicts)} "
        f"(" + ", ".join(f"{k} {n} of <= {w} variants" for k, (n, w) in kinds.items()) + ")  "
        f"peak RSS {_peak_mb():.0f} MB",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3, 30, 300])
    parser.add_argument("--backends", nargs="+", default=["lexical", "minilm"], choices=["auto", "minilm", "lexical"])
    parser.add_argument("--one", nargs=2, metavar=("SIZE", "BACKEND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run(int(args.one[0]), args.one[1])
        return 0
    print(
        f"default backend here: {backend_named('auto').name}. Topics beyond {len(_texts())} articles are generated: "
        "paraphrased, reordered, noised copies of the seeds and the development texts (see the docstring). "
        "One process per run."
    )
    for backend in args.backends:
        for size in args.sizes:
            started = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--one", str(size), backend], check=True)
            print(f"{'':16s}wall {time.perf_counter() - started:6.1f}s including start-up and model load", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
