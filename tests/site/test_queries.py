"""Public pages cost a fixed number of queries whatever the size of the explainer, and none when cached."""
import pytest
from django.core.cache import cache

from tests.site.conftest import large_explainer

SIZES = [pytest.param((3, 15), id="3 sources, 15 entries"), pytest.param((50, 500), id="50 sources, 500 entries")]


@pytest.fixture(params=SIZES)
def sized(request, db):
    sources, entries = request.param
    revision = large_explainer(slug="big", sources=sources, entries=entries)
    cache.clear()
    return revision


def _paths(revision) -> dict[str, str]:
    source = revision.content["sources"][-1]["id"]
    return {
        "explainer": "/explainers/big/",
        "source": f"/explainers/big/sources/{source}/",
        "matrix": "/explainers/big/matrix/",
        "json": "/explainers/big.json",
    }


@pytest.mark.parametrize("page", ["explainer", "source", "matrix", "json"])
def test_page_costs_one_query_cold_and_none_cached(client, sized, page, django_assert_num_queries):
    path = _paths(sized)[page]
    with django_assert_num_queries(1):
        assert client.get(path).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(path).status_code == 200


def test_once_the_latest_revision_is_known_other_pages_cost_one_query(client, sized, django_assert_num_queries):
    client.get("/explainers/big/")
    with django_assert_num_queries(1):
        client.get(_paths(sized)["matrix"])


def test_history_costs_two_queries_cold_and_none_cached(client, sized, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert client.get("/explainers/big/history/").status_code == 200
    with django_assert_num_queries(0):
        client.get("/explainers/big/history/")


def test_home_costs_one_query_cold_and_none_cached(client, sized, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert b"A large explainer" in client.get("/").content
    with django_assert_num_queries(0):
        client.get("/")


def test_search_feed_and_sitemap_cost_one_query(client, sized, django_assert_num_queries):
    for path in ["/search/?q=statement", "/feed/", "/sitemap.xml"]:
        with django_assert_num_queries(1):
            assert client.get(path).status_code == 200


def test_unknown_slug_costs_two_queries_then_none(client, db, django_assert_num_queries):
    with django_assert_num_queries(2):  # its current revision; whether it is an explainer's former address
        assert client.get("/explainers/nothing/").status_code == 404
    with django_assert_num_queries(0):
        assert client.get("/explainers/nothing/").status_code == 404


def test_feed_is_cached_until_the_next_publish(client, sized, django_assert_num_queries):
    from anora_site.cache import invalidate_explainer

    client.get("/feed/")
    with django_assert_num_queries(0):
        response = client.get("/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    invalidate_explainer("any")
    with django_assert_num_queries(1):
        client.get("/feed/")
