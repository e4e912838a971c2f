"""Shared set-up of the browser tests: Debian's Chromium through Playwright, never a downloaded browser."""
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_WITHOUT_CHROMIUM = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
)


@pytest.fixture
def browser():
    """A headless Chromium, for one test.

    Playwright's sync API switches greenlets, and Django keeps database connections per context, so what a
    test writes while the browser is open goes through a connection of its own. It is closed here, before
    Playwright's context ends: left open, it would stop PostgreSQL from dropping the test database.
    """
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            from django.db import connections

            connections.close_all()
            browser.close()
