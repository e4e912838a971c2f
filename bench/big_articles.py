"""How cleaning and claim extraction times grow with an article's size, on the shapes that once made them
quadratic. Pure Python, no Django.

    .venv/bin/python bench/big_articles.py [--sizes 10 40 160 640 2000] [--repeat 3]

**Cleaning** (``articles.cleaning.clean``), pages of many lines: three-word lines ("short"), a list of links
("links"), title-case lines ("titles"), paragraphs between "Advertisement" lines ("adverts"), and the same
with soft hyphens in the paragraphs ("hyphens": each invisible character is checked against the removals). The cleaner
once checked every removal made so far for each line, and copied the rest of the page to find the next line
with content: 900 KB of short lines took 106 s.

**Extraction** (``extract_claims``) of an article that is one line, as scraped articles often are. pysbd's time
grows with the square of the text it is given, so ``claims.pipeline.segment`` gives it a long line in pieces.
For each size (in KB): the seeds' cleaned bodies joined into one line and repeated up to that size ("prose"),
and a run-on of words with no full stop ("run-on").
Prints the median seconds of ``extract_claims`` over ``--repeat`` runs, seconds per 100 KB and claims found, and
for the prose up to 80 KB the time pysbd takes on the whole line (what extraction cost before), for the ratio.

A measurement, not a test: it prints figures and asserts nothing.
"""
import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.cleaning import clean  # noqa: E402
from claims.pipeline import extract_claims  # noqa: E402
from claims.pipeline.segment import _sentences_of  # noqa: E402

SEEDS = ROOT / "seeds"
_WHOLE_MAX = 80_000  # pysbd on a whole line is only timed up to here: past it, it takes minutes


def _timed(run, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _page(shape: str, size: int) -> str:
    rng = random.Random(size)
    words = "the keeper climbs tower lamp ferry island harbour night storm light sea rocks".split()

    def line(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n)).capitalize()

    make = {
        "short": lambda i: line(3),
        "links": lambda i: f"[{line(3)}](https://example.org/{i})",
        "titles": lambda i: line(4).title(),
        "adverts": lambda i: "\nAdvertisement\n" if i % 2 else line(15) + ".",
        "hyphens": lambda i: "\nAdvertisement\n" if i % 2 else (line(15) + ".").replace("keeper", "kee\u00adper"),
    }[shape]
    lines, length, i = [], 0, 0
    while length < size:
        lines.append(make(i))
        length += len(lines[-1]) + 1
        i += 1
    return "\n".join(lines)


def _cleaning(sizes: list[int], repeat: int) -> None:
    print(f"{'page':8s} {'KB':>6s} {'lines':>7s} {'clean s':>8s} {'s/100KB':>8s} {'removals':>9s}")
    for kb in sizes:
        for shape in ("short", "links", "titles", "adverts", "hyphens"):
            text = _page(shape, kb * 1000)
            seconds, result = _timed(lambda: clean(text), repeat)
            print(f"{shape:8s} {kb:6d} {text.count(chr(10)) + 1:7d} {seconds:8.2f} {seconds / len(text) * 1e5:8.2f} "
                  f"{len(result.removals):9d}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 40, 160, 640, 2000], help="KB")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    _cleaning(args.sizes, args.repeat)
    print()
    prose = " ".join(clean(p.read_text(encoding="utf-8")).body.replace("\n", " ") for p in sorted(SEEDS.glob("*.txt")))
    run_on = " ".join(["the keeper climbs the tower and lights the lamp for the ferry"] * 40_000)
    print(f"{'text':8s} {'KB':>6s} {'extract s':>10s} {'s/100KB':>8s} {'claims':>7s} {'whole-line pysbd s':>19s}")
    for kb in args.sizes:
        size = kb * 1000
        for name, source in (("prose", prose), ("run-on", run_on)):
            text = (source + " ") * (size // len(source) + 1)
            text = text[:size].rsplit(" ", 1)[0]
            seconds, claims = _timed(lambda: extract_claims(1, text), args.repeat)
            whole = ""
            if name == "prose" and size <= _WHOLE_MAX:
                whole = f"{_timed(lambda: _sentences_of(text), 1)[0]:.2f}"
            print(f"{name:8s} {kb:6d} {seconds:10.2f} {seconds / size * 1e5:8.2f} {len(claims):7d} {whole:>19s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
