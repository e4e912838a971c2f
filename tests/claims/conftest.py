"""Factories for entries, claims, conflicts and editorial users, built on the real seed articles."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from claims.models import Claim, ClaimKind, Conflict, ConflictVariant, ConsensusEntry, EntryClaim

EDITOR_GROUP = "Editor"
CHIEF_GROUP = "Chief editor"


def claim_make(article, phrase: str, *, kind: str = ClaimKind.OTHER) -> Claim:
    """A claim on the first occurrence of ``phrase`` in the article's body, inside its sentence."""
    body = article.body
    start = body.index(phrase)
    end = start + len(phrase)
    sentence_start = max(body.rfind(". ", 0, start) + 2 if body.rfind(". ", 0, start) >= 0 else 0,
                         body.rfind("\n", 0, start) + 1)
    match = re.compile(r"[.!?](\s|$)").search(body, end)
    sentence_end = match.start() + 1 if match else len(body)
    claim, _ = Claim.objects.get_or_create(
        article=article, start=start, end=end,
        defaults={"text": phrase, "sentence_start": sentence_start, "sentence_end": sentence_end, "kind": kind},
    )
    return claim


def entry_make(explainer, statement: str, claims=(), *, kind: str = ClaimKind.OTHER, status=ConsensusEntry.Status.PROPOSED,
               position: int = 0) -> ConsensusEntry:
    """A consensus entry supported by ``claims``, with its support counted. A statement in one claim's own words
    is a proposal as a build makes it; any other wording counts as an editor's (markdown)."""
    from claims.markdown import render_markdown, source_text_html

    edited = statement not in {c.text for c in claims}
    entry = ConsensusEntry.objects.create(
        explainer=explainer, statement=statement, statement_edited=edited, kind=kind, status=status,
        statement_html=render_markdown(statement) if edited else source_text_html(statement),
        position=position, support=len({c.article_id for c in claims}),
    )
    EntryClaim.objects.bulk_create(EntryClaim(entry=entry, claim=c) for c in claims)
    return entry


def conflict_make(explainer, about: str, variants: list[tuple], *, key: str | None = None, entry=None) -> Conflict:
    """A conflict with ``variants`` given as (value, article, phrase) triples."""
    conflict = Conflict.objects.create(
        explainer=explainer, about=about, kind=Conflict.Kind.NAME, key=key or about, entry=entry
    )
    for value, article, phrase in variants:
        start = article.body.index(phrase)
        ConflictVariant.objects.create(
            conflict=conflict, value=value, article=article, start=start, end=start + len(phrase), text=phrase
        )
    return conflict


def user_make(username: str, *groups: str, **fields):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username, is_staff=True, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def articles(imported_seeds):
    """The three seed articles in source order."""
    return list(imported_seeds.articles.order_by("origin"))


@pytest.fixture
def entries(imported_seeds, articles):
    """Four proposed entries: two supported by three sources, one by two, one by a single source. Their claims are
    made by hand, standing for a consensus build, so the articles count as built (nothing waits for extraction)."""
    a, b, c = articles
    imported_seeds.articles.update(needs_extraction=False)
    return [
        entry_make(imported_seeds, "Anora marries Vanya, the son of a Russian oligarch.", [
            claim_make(a, "son of a Russian oligarch", kind=ClaimKind.PLOT),
            claim_make(b, "son of a Russian oligarch", kind=ClaimKind.PLOT),
            claim_make(c, "son of a rich Russian family", kind=ClaimKind.PLOT),
        ], kind=ClaimKind.PLOT, position=1),
        entry_make(imported_seeds, "Mikey Madison won the Best Actress Oscar.", [
            claim_make(a, "won the Best Actress Oscar", kind=ClaimKind.PRODUCTION),
            claim_make(b, "Best Actress for Mikey Madison", kind=ClaimKind.PRODUCTION),
            claim_make(c, "earned a Best Actress Oscar", kind=ClaimKind.PRODUCTION),
        ], kind=ClaimKind.PRODUCTION, position=2),
        entry_make(imported_seeds, "Igor gives Anora back her wedding ring.", [
            claim_make(a, "Igor returning Anora", kind=ClaimKind.PLOT),
            claim_make(c, "he leaves her with a parting gift", kind=ClaimKind.PLOT),
        ], kind=ClaimKind.PLOT, position=3),
        entry_make(imported_seeds, "The ending is about **dignity**.", [
            claim_make(a, "redefines everything", kind=ClaimKind.INTERPRETATION),
        ], kind=ClaimKind.INTERPRETATION, position=4),
    ]


@pytest.fixture
def conflict(imported_seeds, articles):
    """The henchman's name: “Garnick” in one source, “Gamik” in another."""
    _a, b, c = articles
    return conflict_make(imported_seeds, "The name of the second henchman", [
        ("Garnick", b, "Garnick"), ("Gamik", c, "Gamik"),
    ])


@pytest.fixture
def editor(db):
    return user_make("editor", EDITOR_GROUP)


@pytest.fixture
def editor2(db):
    return user_make("editor2", EDITOR_GROUP)


@pytest.fixture
def chief(db):
    return user_make("chief", CHIEF_GROUP)


@pytest.fixture
def chief2(db):
    return user_make("chief2", CHIEF_GROUP)


@pytest.fixture
def outsider(db):
    """Staff, but in no editorial group."""
    return user_make("outsider")
