"""The hostile explainer, built once per test module inside a transaction that is rolled back afterwards."""
import pytest
from django.db import transaction

from .hostile import HostileSite, hostile_site_build


@pytest.fixture(scope="module")
def hostile_site(django_db_setup, django_db_blocker) -> HostileSite:
    """Built once for the module; each test still runs in its own savepoint (``db``), so nothing leaks out."""
    from anora_site.cache import local_pages
    from django.core.cache import cache

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            site = hostile_site_build()
        except BaseException as error:
            outer.__exit__(type(error), error, error.__traceback__)
            raise
    cache.clear()  # publishing refreshes the cache on commit, which this transaction never reaches
    local_pages.clear()
    yield site
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    cache.clear()
    local_pages.clear()


@pytest.fixture
def site(hostile_site, db) -> HostileSite:
    return hostile_site
