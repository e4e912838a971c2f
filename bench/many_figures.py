"""How the number-conflict check fares on articles dense with figures (results pages: shares of the vote by
place and party, fifty sentences an article). Pure Python, no Django; the lexical backend.

    .venv/bin/python bench/many_figures.py [--sources 10 30 100] [--sentences 50] [--misreport 0.05]

Every page reports results drawn from one table (a share of the vote and a swing for each place and party),
worded three ways, and misreports a share now and then (``--misreport``, the chance per sentence). Prints, for
each number of sources, the claims, the whole build's seconds, the seconds spent in ``number_conflicts``, and
how many number conflicts it found: those about one result, those mixing results, and the results some page
misreported. Every figure of such a topic shares most of its words with every other ("the … candidate won …
percent of the vote"), so the check once compared each pair of figures in a Python loop (30 sources took 55 s
in it) and found one conflict per unit listing every share. A measurement, not a test: it prints figures and
asserts nothing.
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
WORDINGS = [
    "In {place}, the {party} candidate won {share} percent of the vote, up {swing} points.",
    "The {party} candidate took {share} percent in {place}, a rise of {swing} points.",
    "{place} gave the {party} candidate {share} percent of the vote, {swing} points more than last time.",
]


def figures_topic(sources: int, sentences: int, seed: int = 0, misreport: float = 0.05):
    """``sources`` articles of ``sentences`` sentences, each a result from one table (no two results of the same
    share, so each misreport is one disagreement); returns the bodies and the results (place, party) some
    article misreported."""
    rng = random.Random(seed)
    results = [(place, party) for place in PLACES for party in PARTIES]
    shares = rng.sample(range(5, 5 + len(results) + len(results) // 2), len(results))  # no two results share a figure
    table = {result: (share, rng.randint(1, 9)) for result, share in zip(results, shares)}
    bodies, misreported = {}, set()
    for source in range(1, sources + 1):
        lines = []
        for place, party in rng.sample(sorted(table), min(sentences, len(table))):
            share, swing = table[(place, party)]
            if rng.random() < misreport:
                share += 3
                misreported.add((place, party))
            lines.append(rng.choice(WORDINGS).format(place=place, party=party, share=share, swing=swing))
        bodies[source] = " ".join(lines)
    return bodies, misreported


def _result_of(text: str) -> tuple[str, str] | None:
    """The (place, party) a sentence of the topic reports."""
    place = next((p for p in PLACES if p in text), None)
    party = next((p for p in PARTIES if p in text), None)
    return (place, party) if place and party else None


def run(sources: int, sentences: int, misreport: float) -> None:
    bodies, misreported = figures_topic(sources, sentences, misreport=misreport)
    claims = [c for sid, body in bodies.items() for c in extract_claims(sid, body)]
    real, spent = conflicts.number_conflicts, []

    def timed(*args, **kwargs):
        started = time.perf_counter()
        found = real(*args, **kwargs)
        spent.append((time.perf_counter() - started, found))
        return found

    conflicts.number_conflicts = timed
    try:
        started = time.perf_counter()
        build_consensus(claims, aliases=alias_table(propose_aliases(bodies)), backend=backend_named("lexical"),
                        bodies=bodies)
        whole = time.perf_counter() - started
    finally:
        conflicts.number_conflicts = real
    seconds, found = spent[0]
    about = [{_result_of(v.text) for v in c.variants} for c in found]
    one = sum(len(results) == 1 for results in about)
    print(f"{sources:4d} sources {len(claims):6d} claims  build {whole:6.1f}s  number conflicts {seconds:6.2f}s  "
          f"found {len(found)}: {one} about one result, {len(found) - one} mixing results; "
          f"{len(misreported)} results misreported", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, nargs="+", default=[10, 30, 100])
    parser.add_argument("--sentences", type=int, default=50)
    parser.add_argument("--misreport", type=float, default=0.05)
    args = parser.parse_args()
    for sources in args.sources:
        run(sources, args.sentences, args.misreport)
    return 0


if __name__ == "__main__":
    sys.exit(main())
