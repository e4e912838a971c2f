"""Helpers for the operations tests: running manage.py in a child process the way a server would."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_python(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run this venv's Python with exactly ``env`` on top of PATH and HOME, capturing its output as text."""
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    base["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=timeout
    )


def run_manage(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``manage.py`` in a child process, as a server or cron job would."""
    return run_python(str(ROOT / "manage.py"), *args, env=env, timeout=timeout)


@pytest.fixture
def separate_process_db(request, tmp_path) -> dict[str, str]:
    """Environment for child processes that share a real, migrated database with this test.

    On SQLite a fresh file (the test database is in memory, invisible to other processes); on PostgreSQL the
    test database itself, with ``transactional_db`` so the children see committed rows and the tables are
    emptied afterwards.
    """
    from django.db import connection

    env = {"VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "anora_site.settings.test"}
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'site.sqlite3'}"
        migrated = run_manage("migrate", "--noinput", env=env)
        assert migrated.returncode == 0, migrated.stderr
    else:
        request.getfixturevalue("transactional_db")
        db = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    return env


@pytest.fixture
def prod_env(tmp_path) -> dict[str, str]:
    """The environment a production deployment provides, with its files kept in a temporary folder."""
    return {
        "DJANGO_SETTINGS_MODULE": "anora_site.settings.prod",
        "SECRET_KEY": "x7Qp-" + "k3vN9zR2mW8tY4bL6cF1hJ5sD0gA" * 2,
        "ALLOWED_HOSTS": "example.org",
        "VAR_DIR": str(tmp_path / "var"),
    }
