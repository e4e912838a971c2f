"""Search across the current revisions of published explainers and their statements.

PostgreSQL gets full-text search (stemming, ranking) on the revision's title and search text; other databases
(SQLite in development and tests) get a case-insensitive match of every word.
"""
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q, QuerySet

from claims.models import Revision

from . import pages, selectors

MAX_RESULTS = 20
MAX_STATEMENTS = 5


@dataclass
class SearchResult:
    slug: str
    title: str
    url: str
    introduction: str
    statements: list[dict] = field(default_factory=list)


def _words(query: str) -> list[str]:
    return [word for word in re.findall(r"\w[\w'’-]*", query.lower()) if word][:10]


def _postgres(revisions: QuerySet[Revision], query: str) -> QuerySet[Revision]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector("title", weight="A") + SearchVector("search_text", weight="B")
    search_query = SearchQuery(query, search_type="websearch")
    return (
        revisions.annotate(document=vector, rank=SearchRank(vector, search_query))
        .filter(document=search_query)  # every word must match; the rank only orders the matches
        .order_by("-rank", "-published_at")
    )


def _fallback(revisions: QuerySet[Revision], words: list[str]) -> QuerySet[Revision]:
    for word in words:
        revisions = revisions.filter(Q(title__icontains=word) | Q(search_text__icontains=word))
    return revisions.order_by("-published_at")


def _matching_statements(content: dict, words: list[str], explainer_url: str) -> list[dict]:
    urls = pages.PageUrls(base=explainer_url)
    matches = []
    for section in content.get("sections", []):
        for entry in section.get("entries", []):
            text = pages.plain_text(entry.get("statement_html", "")) or entry.get("statement", "")
            lowered = text.lower()
            if all(word in lowered for word in words):
                matches.append({"text": text, "url": urls.entry(entry["id"]), "support": entry.get("support", 0)})
            if len(matches) >= MAX_STATEMENTS:
                return matches
    return matches


def search(query: str) -> list[SearchResult]:
    """Published explainers matching ``query``, best first, each with its statements that mention every word.
    One query."""
    query = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", query)  # PostgreSQL refuses NUL in text
    words = _words(query)
    if not words:
        return []
    revisions = selectors.latest_revisions().select_related("explainer")
    if connection.vendor == "postgresql":
        revisions = _postgres(revisions, query)
    else:
        revisions = _fallback(revisions, words)
    results = []
    for revision in revisions[:MAX_RESULTS]:
        url = revision.explainer.get_absolute_url()
        results.append(
            SearchResult(
                slug=revision.explainer.slug,
                title=revision.title,
                url=url,
                introduction=pages.plain_text(revision.introduction_html)[:300],
                statements=_matching_statements(revision.content, words, url),
            )
        )
    return results
