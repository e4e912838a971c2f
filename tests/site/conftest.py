"""Revisions for the public-site tests, built directly in the shape of the revision content contract.

``content_build`` takes a plain spec (sections of statements, each citing exact substrings of the articles'
cleaned bodies) and returns the dictionary ``Revision.content`` holds; ``revision_publish`` stores it as the
next revision and tells the site's cache, as the publish workflow does.
"""
import itertools
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.utils import timezone

from claims.markdown import render_markdown

PUBLISHERS = ["Cinema Notes", "The Culture Desk", "Screen Digest"]


@dataclass
class Cite:
    """A citation spec: the ``index``-th article, and the exact passage of its body."""

    article: int
    passage: str


@dataclass
class EntrySpec:
    statement: str
    kind: str
    cites: list[Cite]
    statement_html: str | None = None  # stored as given (to test the renderer's own sanitizing); else rendered


@dataclass
class ConflictSpec:
    about: str
    kind: str
    variants: list[tuple[int, str, str]]  # (article index, value, passage containing it)
    status: str = "open"
    resolution: str = ""
    resolution_note: str = ""


@dataclass
class Spec:
    sections: list[tuple[str, list[EntrySpec]]]
    conflicts: list[ConflictSpec] = field(default_factory=list)
    introduction_html: str = "<p>Why Ani cries in the last scene, and what the film's sources agree on.</p>"
    spoilers: bool = True
    title: str | None = None


_ids = itertools.count(1000)


def _sentence_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    left = max(body.rfind(". ", 0, start) + 2, body.rfind("\n", 0, start) + 1, 0)
    right = min((i for i in (body.find(". ", end), body.find("\n", end)) if i != -1), default=len(body))
    return left, max(right + 1, end) if right < len(body) else len(body)


def content_build(explainer, articles: list, spec: Spec) -> dict:
    """The revision content for ``spec``; citations are numbered across the page in order."""
    sources = [
        {
            "id": article.id,
            "number": number,
            "origin": article.origin,
            "title": article.title,
            "publisher": article.publisher,
            "author": article.author,
            "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "name": article.display_name,
            "body": article.body,
        }
        for number, article in enumerate(articles, start=1)
    ]
    number = 0
    sections = []
    for title, entries in spec.sections:
        content_entries = []
        for entry in entries:
            citations = []
            for cite in entry.cites:
                article = articles[cite.article]
                start = article.body.index(cite.passage)
                end = start + len(cite.passage)
                sentence_start, sentence_end = _sentence_bounds(article.body, start, end)
                number += 1
                citations.append(
                    {
                        "number": number,
                        "source": article.id,
                        "claim": next(_ids),
                        "start": start,
                        "end": end,
                        "text": cite.passage,
                        "sentence_start": sentence_start,
                        "sentence_end": sentence_end,
                    }
                )
            content_entries.append(
                {
                    "id": next(_ids),
                    "statement": entry.statement,
                    "statement_html": entry.statement_html
                    if entry.statement_html is not None
                    else render_markdown(entry.statement),
                    "kind": entry.kind,
                    "support": len({c["source"] for c in citations}),
                    "citations": citations,
                }
            )
        sections.append({"title": title, "entries": content_entries})
    conflicts = []
    for conflict in spec.conflicts:
        variants = []
        for index, value, passage in conflict.variants:
            article = articles[index]
            start = article.body.index(passage) + passage.index(value)
            variants.append(
                {"value": value, "source": article.id, "start": start, "end": start + len(value), "text": passage}
            )
        conflicts.append(
            {
                "id": next(_ids),
                "about": conflict.about,
                "kind": conflict.kind,
                "status": conflict.status,
                "resolution": conflict.resolution,
                "resolution_note": conflict.resolution_note,
                "variants": variants,
            }
        )
    return {
        "schema": 1,
        "slug": explainer.slug,
        "title": spec.title or explainer.title,
        "introduction_html": spec.introduction_html,
        "spoilers": spec.spoilers,
        "source_count": len(sources),
        "sources": sources,
        "sections": sections,
        "conflicts": conflicts,
    }


def revision_publish(explainer, content: dict, *, change_summary: str = "First publication."):
    """Store ``content`` as the explainer's next revision and refresh the public cache, as publishing does."""
    from anora_site.cache import invalidate_explainer
    from claims.models import Revision

    from claims.services.revisions import revision_search_text

    previous = Revision.objects.filter(explainer=explainer).order_by("-number").first()
    revision = Revision.objects.create(
        explainer=explainer,
        number=previous.number + 1 if previous else 1,
        title=content["title"],
        introduction_html=content["introduction_html"],
        content=content,
        search_text=revision_search_text(content),
        change_summary=change_summary,
        published_at=timezone.now(),
    )
    invalidate_explainer(explainer.slug)
    return revision


SEED_SPEC = Spec(
    sections=[
        (
            "What happens at the end",
            [
                EntrySpec(
                    "Igor gives Ani back the **wedding ring** that had been taken from her.",
                    "plot",
                    [
                        Cite(0, "The film’s climax begins with Igor returning Anora’s wedding ring"),
                        Cite(1, "also decides to give back the valuable wedding ring Vanya had proposed with"),
                        Cite(2, "he leaves her with a parting gift–the pricey wedding ring she received from Ivan"),
                    ],
                ),
                EntrySpec(
                    "When Igor tries to kiss her, she resists and then breaks down in tears.",
                    "plot",
                    [
                        Cite(0, "After fighting Igor, Anora collapses into tears"),
                        Cite(1, "She then breaks down in tears and collapses into his arms as he consoles her."),
                        Cite(2, "becomes overcome with emotion and breaks down sobbing"),
                    ],
                ),
            ],
        ),
        (
            "What it means",
            [
                EntrySpec(
                    "Her advance on Igor is an attempt to regain the power taken from her.",
                    "interpretation",
                    [Cite(2, "Anora is attempting to regain her power by returning to her skillset as a sex worker")],
                ),
                EntrySpec(
                    "Refusing the kiss protects the intimacy she keeps for her true self.",
                    "interpretation",
                    [
                        Cite(0, "Kissing represents emotional intimacy, something she reserves for her true self"),
                        Cite(1, "This is the first time we’ve seen her let her guard down"),
                    ],
                ),
            ],
        ),
        (
            "Behind the film",
            [
                EntrySpec(
                    "Mikey Madison won the Oscar for Best Actress for the role.",
                    "production",
                    [
                        Cite(0, "Mikey Madison (who won the Best Actress Oscar for her role)"),
                        Cite(1, "Best Actress for Mikey Madison"),
                        Cite(2, "earned a Best Actress Oscar for her portrayal of Anora"),
                    ],
                ),
            ],
        ),
    ],
    conflicts=[
        ConflictSpec(
            about="The name of one of the three henchmen",
            kind="name",
            variants=[(1, "Garnick", "Toros, Garnick and Igor"), (2, "Gamik", "(Toros, Gamik, and Igor)")],
            status="resolved",
            resolution="Garnick",
            resolution_note="As spelled in the film's credits.",
        ),
        ConflictSpec(
            about="What the oligarch's son is called",
            kind="name",
            variants=[(0, "Vanya", "she meets Vanya (Ivan)"), (2, "Ivan", "romance with Ivan Zakharov")],
        ),
    ],
)


@pytest.fixture(autouse=True)
def _clear_cache():
    from anora_site.cache import local_pages

    cache.clear()
    local_pages.clear()
    yield
    cache.clear()
    local_pages.clear()


@pytest.fixture
def seed_articles(imported_seeds) -> list:
    """The three seed articles, numbered in origin order, given publishers and a date."""
    articles = list(imported_seeds.articles.order_by("origin", "id"))
    for article, publisher in zip(articles, PUBLISHERS):
        article.publisher = publisher
        article.title = article.title or f"Anora’s ending, explained by {publisher}"
        article.url = f"https://example.org/{article.id}"
        article.save()
    return articles


@pytest.fixture
def published(imported_seeds, seed_articles):
    """The seed explainer published once from ``SEED_SPEC``."""
    return revision_publish(imported_seeds, content_build(imported_seeds, seed_articles, SEED_SPEC))


def large_explainer(*, slug: str, sources: int, entries: int):
    """An explainer with ``sources`` synthetic articles and ``entries`` statements, each citing 1 to 5 sources."""
    from articles.models import Article, Explainer

    explainer = Explainer.objects.create(slug=slug, title=f"A large explainer ({sources} × {entries})")
    sentences = [f"Sentence {i} of the article says fact number {i} plainly." for i in range(40)]
    Article.objects.bulk_create(
        [
            Article(
                explainer=explainer,
                origin=f"{n:03d}.txt",
                raw_text="\n".join(sentences),
                body="\n".join(sentences),
                title=f"Article {n}",
                publisher=f"Publisher {n}",
                content_hash=f"{n:064d}",
            )
            for n in range(sources)
        ]
    )
    articles = list(explainer.articles.order_by("origin"))
    per_section = max(1, entries // 10)
    section_specs = []
    for s in range(0, entries, per_section):
        section_specs.append(
            (
                f"Section {s // per_section + 1}",
                [
                    EntrySpec(
                        f"Statement {i} is *made* by some sources.",
                        "interpretation" if i % 3 == 0 else "plot",
                        [Cite((i + k * 7) % sources, sentences[(i + k) % 40]) for k in range(1 + i % 5)],
                    )
                    for i in range(s, min(s + per_section, entries))
                ],
            )
        )
    spec = Spec(
        sections=section_specs,
        conflicts=[
            ConflictSpec(
                about=f"Disputed fact {c}",
                kind="number",
                variants=[(c % sources, str(c), sentences[c]), ((c + 1) % sources, str(c + 1), sentences[c + 1])],
            )
            for c in range(5)
        ],
    )
    return revision_publish(explainer, content_build(explainer, articles, spec))
