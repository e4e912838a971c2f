"""SQLite under concurrent writers: the settings (IMMEDIATE transactions, WAL, busy timeout) make writers queue."""
import json

import pytest
from django.conf import settings

from .conftest import ROOT, run_python

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite-only: PostgreSQL has row locks and no database-wide write lock",
)


def test_eight_threads_writing_at_once_never_see_database_is_locked(separate_process_db):
    # A file, not pytest-django's in-memory test database: the lock being tested is the file's.
    result = run_python(str(ROOT / "tests" / "ops" / "concurrent_writers.py"), "8", "25", env=separate_process_db)

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["errors"] == []
    assert outcome["explainers"] == outcome["articles"] == 8 * 25
    assert outcome["journal_mode"] == "wal"
