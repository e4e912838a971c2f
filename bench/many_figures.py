"""How the number-conflict check grows on articles dense with figures (results pages: shares of the vote by
place and party, fifty sentences an article). Pure Python, no Django; the lexical backend.

    .venv/bin/python bench/many_figures.py [--sources 10 30 100] [--sentences 50]

Prints, for each number of sources, the claims, the whole build's seconds, the seconds spent in
``number_conflicts`` and the number conflicts found. Every figure of such a topic shares most of its words with
every other ("candidate won … percent of the vote"), so the check once compared each pair of figures in a
Python loop: 30 sources took 55 s in it. A measurement, not a test: it prints figures and asserts nothing.
"""
import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import claims.pipeline.conflicts as conflicts  # noqa: E402
from claims.pipeline import alias_table, backend_named, build_consensus, extract_claims, propose_aliases  # noqa: E402

PARTIES = ["Labour", "Green", "Liberal", "Reform", "Conservative", "Independent"]
PLACES = ["Northfield", "Eastham", "Westbury", "Southport", "Midvale", "Kingsbridge", "Ashford", "Brookside"]


def figures_topic(sources: int, sentences: int, seed: int = 0) -> dict[int, str]:
    """``sources`` articles of ``sentences`` sentences, each a share of the vote and a swing."""
    rng = random.Random(seed)
    return {s: " ".join(
        f"In {rng.choice(PLACES)}, the {rng.choice(PARTIES)} candidate won {rng.randint(10, 60)} percent of the "
        f"vote, up {rng.randint(1, 9)} points." for _ in range(sentences)) for s in range(1, sources + 1)}


def run(sources: int, sentences: int) -> None:
    bodies = figures_topic(sources, sentences)
    claims = [c for sid, body in bodies.items() for c in extract_claims(sid, body)]
    real, spent = conflicts.number_conflicts, []

    def timed(*args, **kwargs):
        started = time.perf_counter()
        found = real(*args, **kwargs)
        spent.append((time.perf_counter() - started, len(found)))
        return found

    conflicts.number_conflicts = timed
    try:
        started = time.perf_counter()
        build_consensus(claims, aliases=alias_table(propose_aliases(bodies)), backend=backend_named("lexical"),
                        bodies=bodies)
        whole = time.perf_counter() - started
    finally:
        conflicts.number_conflicts = real
    print(f"{sources:4d} sources {len(claims):6d} claims  build {whole:6.1f}s  number conflicts {spent[0][0]:6.2f}s "
          f"({spent[0][1]} found)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, nargs="+", default=[10, 30, 100])
    parser.add_argument("--sentences", type=int, default=50)
    args = parser.parse_args()
    for sources in args.sources:
        run(sources, args.sentences)
    return 0


if __name__ == "__main__":
    sys.exit(main())
