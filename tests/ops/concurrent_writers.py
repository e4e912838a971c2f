"""Run as a script: many threads write to one SQLite file at once; prints what each thread saw as JSON.

Usage: DATABASE_URL=sqlite:////tmp/x.sqlite3 python concurrent_writers.py THREADS WRITES
The database must already be migrated. Each thread has its own connection (Django opens one per thread).
"""
import json
import sys
import threading

import django


def main(threads: int, writes: int) -> dict:
    django.setup()
    from django.db import connection, transaction
    from django.db.models import F

    from articles.models import Article, Explainer

    shared = Explainer.objects.create(slug="shared", title="0")
    barrier = threading.Barrier(threads)
    errors: list[str] = []

    def writer(number: int) -> None:
        try:
            barrier.wait()
            for i in range(writes):
                try:
                    with transaction.atomic():
                        # Read, then write: with SQLite's default DEFERRED transactions this is the pattern that
                        # fails with "database is locked" when another writer got there first.
                        Explainer.objects.get(pk=shared.pk)
                        own = Explainer.objects.create(slug=f"t{number}-{i}", title=f"Thread {number}, write {i}")
                        Article.objects.create(
                            explainer=own, origin=f"{number}-{i}.txt", raw_text="text", content_hash=f"{number}-{i}"
                        )
                        Explainer.objects.filter(pk=shared.pk).update(title=F("title") + "")
                except Exception as error:  # noqa: BLE001 - every failure is reported, none may happen
                    errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    pool = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return {
        "errors": errors,
        "explainers": Explainer.objects.exclude(pk=shared.pk).count(),
        "articles": Article.objects.count(),
        "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]))))
