"""Score the consensus pipeline on the seeds and the development topics, without Django.

For each topic: read the files → articles.cleaning.clean → extract_claims per article → propose_aliases →
build_consensus → an export in the shape of ``export_consensus`` → the project's copy of the scorer.

    .venv/bin/python bench/score_dev.py [--backend auto|minilm|lexical] [--data DIR] [--json]

``--backend auto`` (the default) is what ``build_consensus`` uses when given no backend: MiniLM when its package
is installed, else lexical.

``--data`` defaults to ``tests/data/eval`` (copies of shared/eval's seeds, dev texts and references).
"""
import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "claims"))

from articles.cleaning import clean  # noqa: E402
from claims.pipeline import (  # noqa: E402
    alias_table,
    backend_named,
    build_consensus,
    extract_claims,
    propose_aliases,
)

import scoring  # noqa: E402

DATA = ROOT / "tests" / "data" / "eval"


def topics(data: Path = DATA) -> dict[str, tuple[Path, Path]]:
    """Topic name → (folder of .txt files, reference JSON)."""
    return {
        "seeds": (data / "seeds", data / "seeds_gold.json"),
        "tin_lighthouse": (data / "dev" / "tin_lighthouse", data / "dev" / "tin_lighthouse_gold.json"),
        "adela_bridge": (data / "dev" / "adela_bridge", data / "dev" / "adela_bridge_gold.json"),
        # Written for the project on 2026-12-02 (an invented TV finale: recap, forum thread, newsletter essay,
        # listicle); cleaning rules were then generalised from what it showed, so it is a development topic now.
        "dunmere_finale": (data / "dev" / "dunmere_finale", data / "dev" / "dunmere_finale_gold.json"),
        # Written for the project on 2026-12-02 (an invented cup final: wire report, fans' forum, live blog, paywalled
        # analysis, Q&A) and first scored unseen; cleaning and figure rules were then generalised from it.
        "grayfield_final": (data / "dev" / "grayfield_final", data / "dev" / "grayfield_final_gold.json"),
        # Written on 2026-12-02 (an invented sleep study: press release, science desk, trade news, sceptical blog
        # with comments, Q&A) and first scored unseen; cleaning rules were then generalised from it.
        "wexmoor_sleep": (data / "dev" / "wexmoor_sleep", data / "dev" / "wexmoor_sleep_gold.json"),
    }


def make_backend(name: str):
    return backend_named(name)


def run_topic(folder: Path, *, slug: str = "topic", backend=None) -> dict:
    """The pipeline on every ``.txt`` of ``folder``; returns the export dict (``export_consensus`` shape)."""
    files = sorted(folder.glob("*.txt"))
    articles, bodies, claims = [], {}, []
    for index, path in enumerate(files, start=1):
        result = clean(path.read_text(encoding="utf-8"))
        meta = result.metadata
        articles.append(
            {
                "id": index,
                "origin": path.name,
                "title": meta.title,
                "publisher": meta.publisher,
                "published": meta.published.isoformat() if meta.published else None,
                "url": meta.url,
            }
        )
        bodies[index] = result.body
        claims.extend(extract_claims(index, result.body))
    aliases = alias_table(propose_aliases(bodies))
    consensus = build_consensus(claims, aliases=aliases, backend=backend, bodies=bodies)
    entries = []
    for number, group in enumerate(consensus.groups, start=1):
        entries.append(
            {
                "id": number,
                "statement": group.statement,
                "kind": group.kind,
                "status": "proposed",
                "support": len({claims[m].source for m in group.members}),
                "claims": [
                    {
                        "article": claims[m].source,
                        "text": claims[m].text,
                        "start": claims[m].start,
                        "end": claims[m].end,
                        "kind": claims[m].kind,
                    }
                    for m in group.members
                ],
            }
        )
    conflicts = []
    for number, conflict in enumerate(consensus.conflicts, start=1):
        conflicts.append(
            {
                "id": number,
                "about": conflict.about,
                "variants": [
                    {
                        "value": v.value,
                        "article": claims[v.claim].source,
                        "text": v.text,
                        "start": v.start,
                        "end": v.end,
                    }
                    for v in conflict.variants
                ],
            }
        )
    return {"explainer": slug, "articles": articles, "entries": entries, "conflicts": conflicts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="auto", choices=["auto", "minilm", "lexical"])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true", help="print the full score dicts")
    args = parser.parse_args()
    total = 0.0
    used = type(make_backend(args.backend)).__name__
    for name, (folder, gold_path) in topics(args.data).items():
        started = time.perf_counter()
        export = run_topic(folder, slug=name, backend=make_backend(args.backend))
        elapsed = time.perf_counter() - started
        total += elapsed
        result = scoring.score(export, json.loads(gold_path.read_text(encoding="utf-8")))
        if args.json:
            print(json.dumps(result, indent=2, ensure_ascii=False))
        print(
            f"{name:15s} f1={result['f1']:.3f} p={result['pair_precision']:.3f} r={result['pair_recall']:.3f} "
            f"b3={result['b3_f1']:.3f} whole={result['points_whole']} leaks={len(result['noise_leaks'])} "
            f"conflicts={result['conflicts_found']} entries={result['entries']} {elapsed:.1f}s"
        )
    print(f"backend={args.backend} ({used}) total {total:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
