"""The shared cache on a real Redis: basic operations, and publishing's invalidation seen across processes.

Skipped, with the reason shown, when no Redis answers on 127.0.0.1:6379. Database 15 is used, under a key
prefix of this run's own (``CACHE_KEY_PREFIX``), so two runs at once (CI and a developer's) never see or
delete each other's keys; only this run's keys are removed afterwards.
"""
import secrets

import pytest
from django.core.cache import cache
from django.test import override_settings

from .conftest import run_python

REDIS_URL = "redis://127.0.0.1:6379/15"
KEY_PREFIX = f"test-{secrets.token_hex(6)}"
REDIS_CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                            "KEY_PREFIX": KEY_PREFIX}}

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")

    def forget_ours() -> None:
        for key in client.scan_iter(match=f"{KEY_PREFIX}:*"):
            client.delete(key)

    with override_settings(CACHES=REDIS_CACHES):
        forget_ours()
        yield cache
        forget_ours()


def test_set_get_and_delete_round_trip_through_redis(redis_cache):
    redis_cache.set("explainer:title", {"title": "The ending of Anora", "sources": 3}, 60)
    assert redis_cache.get("explainer:title") == {"title": "The ending of Anora", "sources": 3}
    assert redis_cache.get_many(["explainer:title", "missing"]) == {
        "explainer:title": {"title": "The ending of Anora", "sources": 3}}

    assert redis_cache.delete("explainer:title") is True
    assert redis_cache.get("explainer:title") is None
    assert redis_cache.add("once", 1) is True and redis_cache.add("once", 2) is False
    assert redis_cache.incr("once") == 2


def test_invalidate_explainer_forgets_the_current_revision_and_the_lists(redis_cache):
    from anora_site import cache as site_cache

    site_cache.latest_set("anora-ending", "7.1700000000000000")
    site_cache.latest_set("other-film", "3.1600000000000000")
    lists_before = site_cache.generation()

    site_cache.invalidate_explainer("anora-ending")

    assert site_cache.latest_get("anora-ending") is None
    assert site_cache.latest_get("other-film") == "3.1600000000000000"
    assert site_cache.generation() != lists_before


INVALIDATE_IN_ANOTHER_PROCESS = """
import django
django.setup()
from anora_site.cache import invalidate_explainer
invalidate_explainer("anora-ending")
"""


def test_invalidation_by_another_process_is_seen_at_once(redis_cache):
    """Publishing happens in a worker, a command or another gunicorn process; every web process must see it."""
    from anora_site import cache as site_cache

    site_cache.latest_set("anora-ending", "7.1700000000000000")
    lists_before = site_cache.generation()

    result = run_python("-c", INVALIDATE_IN_ANOTHER_PROCESS, env={
        "DJANGO_SETTINGS_MODULE": "anora_site.settings.test", "CACHE_URL": REDIS_URL,  # as a deployment sets it
        "CACHE_KEY_PREFIX": KEY_PREFIX,
    })

    assert result.returncode == 0, result.stderr
    assert site_cache.latest_get("anora-ending") is None
    assert site_cache.generation() != lists_before


def test_a_restore_forgets_only_this_sites_keys_in_a_shared_redis(redis_cache):
    """Two sites on one Redis database, told apart by ``CACHE_KEY_PREFIX``: restoring one's database clears its
    cache, not the other's (Django's ``clear()`` would flush the whole database)."""
    from django.core.cache.backends.redis import RedisCache

    from anora_site.management.backups import cache_clear

    other = RedisCache(REDIS_URL, {"KEY_PREFIX": f"{KEY_PREFIX}-other"})
    redis_cache.set("page", "ours")
    other.set("page", "theirs")
    try:
        cache_clear(redis_cache)
        assert redis_cache.get("page") is None and other.get("page") == "theirs"
    finally:
        other.delete("page")
