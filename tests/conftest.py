"""Fixtures shared by the whole suite. Area-specific fixtures live in each folder's own conftest.py."""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
DATA_DIR = Path(__file__).resolve().parent / "data"

# Playwright's sync API runs an event loop in the test thread; live_server tests need this to touch the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def explainer(db):
    from articles.models import Explainer

    return Explainer.objects.create(slug="anora-ending", title="The ending of Anora, explained")


@pytest.fixture
def imported_seeds(explainer, seed_paths):
    """The three seed articles imported into ``explainer``."""
    from articles.services import files_import

    outcomes = files_import(explainer=explainer, paths=[str(p) for p in seed_paths])
    assert [o.status for o in outcomes] == ["imported"] * 3, [o.reason for o in outcomes]
    return explainer
