"""How one-sentence articles and articles on another subject are matched. Pure Python, no Django.

    .venv/bin/python bench/small_sources.py [--backends lexical minilm] [--size 1]

For each reference topic (seeds and development texts, ``tests/data/eval``) and each of its articles (the
"donor"), two runs:

- **briefs**: the donor's claims become sources of ``--size`` claims each (one-sentence briefs by default),
  beside the topic's other articles. Each donor claim's partners (claims of the other articles in an entry with
  it) are compared with its partners when the donor is one whole article: the same partners (``FB=``), other
  partners only (``FBx``), partners only as a whole article (``Fb``), partners only as a brief (``fB``), none
  either way (``fb``). A brief should fare as the same sentence does inside its article.
- **off subject**: the first 20 claims of another topic's first article, as sources of ``--size`` claims, beside
  the topic's articles (``--size 1000``: one article). They should join no entry (``off_none``); ``off_match``
  counts those that did.

A measurement, not a test: it prints counts and asserts nothing.
"""
import argparse
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from articles.cleaning import clean  # noqa: E402
from claims.pipeline import backend_named, build_consensus, extract_claims  # noqa: E402

import score_dev  # noqa: E402


def _partners(result, claim: int, whole: int) -> set[int]:
    """Claims below index ``whole`` (the topic's own articles) that share an entry with ``claim``."""
    return {m for g in result.groups if claim in g.members and len(g.members) > 1 for m in g.members if m < whole}


def measure(backend: str, size: int) -> Counter:
    topics = score_dev.topics()
    bodies_of = {
        name: {k: clean(p.read_text(encoding="utf-8")).body for k, p in enumerate(sorted(folder.glob("*.txt")), 1)}
        for name, (folder, _) in topics.items()
    }
    names = list(topics)
    counts: Counter = Counter()
    for position, name in enumerate(names):
        bodies = bodies_of[name]
        for donor in bodies:
            base = [c for k in bodies if k != donor for c in extract_claims(k, bodies[k])]
            whole = len(base)
            own = extract_claims(donor, bodies[donor])
            as_article = build_consensus(base + own, backend=backend_named(backend))
            as_briefs = build_consensus(
                base + [replace(c, source=1000 + n // size) for n, c in enumerate(own)], backend=backend_named(backend)
            )
            for n in range(len(own)):
                a, b = _partners(as_article, whole + n, whole), _partners(as_briefs, whole + n, whole)
                key = ("F" if a else "f") + ("B" if b else "b") + (("=" if a & b else "x") if a and b else "")
                counts[key] += 1
            other = extract_claims(1, bodies_of[names[(position + 1) % len(names)]][1])[:20]
            off = build_consensus(
                base + [replace(c, source=2000 + n // size) for n, c in enumerate(other)], backend=backend_named(backend)
            )
            for n in range(len(other)):
                counts["off_match" if _partners(off, whole + n, whole) else "off_none"] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", nargs="+", default=["lexical", "minilm"])
    parser.add_argument("--size", type=int, default=1, help="claims per brief (1000: whole articles)")
    args = parser.parse_args()
    for backend in args.backends:
        counts = measure(backend, args.size)
        used = type(backend_named(backend)).__name__
        print(f"{backend} ({used}) size={args.size}: " + " ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
