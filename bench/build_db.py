"""Time a whole consensus build through the database, as `manage.py build_consensus` runs it.

    .venv/bin/python bench/build_db.py [--sizes 30 300] [--backend lexical|minilm|auto] [--database-url URL]

For each size: a fresh database (a temporary SQLite file unless ``--database-url`` names an empty PostgreSQL
database, which is migrated and emptied), the topic of ``bench/consensus.py`` (the seeds and development texts,
then perturbed copies) imported through the importer, then three builds:

- **first**: every article read, every entry written (one writing pass);
- **rebuild**: nothing changed since, so nothing is written (it still matches every claim again);
- **after changes**: a third of the entries approved, then a fifth of the articles re-imported with a sentence
  added, so the build re-reads those articles, relinks their passages, may grow decided entries, and writes
  until a pass changes nothing.

Prints wall time per build, the time spent writing entries (the part the database sees most) and the summary.
A measurement, not a test: it asserts nothing.
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300])
    parser.add_argument("--backend", default="lexical", choices=["auto", "minilm", "lexical"])
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-build-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["VAR_DIR"] = folder
    os.environ["CONSENSUS_BACKEND"] = args.backend
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anora_site.settings.dev")

    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Explainer
    from articles.services import article_import
    from claims.models import ConsensusEntry
    from claims.services import consensus
    from consensus import make_topic

    call_command("migrate", verbosity=0)
    writing: list[float] = []
    real_write = consensus._entries_write

    def timed_write(*write_args):
        started = time.perf_counter()
        wrote = real_write(*write_args)
        writing.append(time.perf_counter() - started)
        return wrote

    consensus._entries_write = timed_write
    print(f"database: {'SQLite file' if not args.database_url else 'PostgreSQL'}; backend: {args.backend}")
    for size in args.sizes:
        Explainer.objects.filter(slug=f"bench-{size}").delete()
        explainer = Explainer.objects.create(slug=f"bench-{size}", title=f"Benchmark, {size} articles")
        texts = make_topic(size)
        for number, text in texts.items():
            article_import(explainer=explainer, origin=f"{number:03d}.txt", data=text.encode("utf-8"))

        def timed_build(label: str) -> None:
            writing.clear()
            started = time.perf_counter()
            summary = consensus.consensus_build(explainer=explainer)
            took = time.perf_counter() - started
            passes = ", ".join(f"{w:.1f}" for w in writing)
            print(f"{size:4d} articles  {label:<18s} {took:6.1f} s  (writing passes: {passes} s)  {summary}",
                  flush=True)

        timed_build("first")
        timed_build("rebuild")
        entries = list(ConsensusEntry.objects.filter(explainer=explainer).order_by("position"))
        ConsensusEntry.objects.filter(pk__in=[e.pk for e in entries[::3]]).update(status="approved")
        for number in list(texts)[::5]:
            changed = texts[number] + "\n\nA sentence added since, about the same events as before.\n"
            article_import(explainer=explainer, origin=f"{number:03d}.txt", data=changed.encode("utf-8"))
        timed_build("after changes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
