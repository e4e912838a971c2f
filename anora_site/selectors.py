"""Reads for the public site: the one place that decides what readers can see.

Only published revisions exist as ``Revision`` rows, so "published" means "has a revision", and the current
version of an explainer is its highest-numbered revision. Drafts are never read here.
"""
from django.db.models import OuterRef, QuerySet, Subquery

from articles.models import FormerSlug
from claims.models import Revision


def _first_published():
    return Subquery(
        Revision.objects.filter(explainer=OuterRef("explainer")).order_by("number").values("published_at")[:1]
    )


def latest_revisions() -> QuerySet[Revision]:
    """One row per published explainer: its latest revision."""
    latest = Revision.objects.filter(explainer=OuterRef("explainer")).order_by("-number").values("pk")[:1]
    return Revision.objects.filter(pk=Subquery(latest))


def slug_now(slug: str) -> str | None:
    """The address now of the published explainer that had ``slug`` before a rename, or None. One query."""
    return (FormerSlug.objects.filter(slug=slug, explainer__revisions__isnull=False)
            .values_list("explainer__slug", flat=True).first())


def revision_latest(*, slug: str) -> Revision | None:
    """The current revision of the explainer with this slug, or None if it was never published. One query."""
    return (
        Revision.objects.filter(explainer__slug=slug)
        .annotate(first_published_at=_first_published())
        .order_by("-number")
        .first()
    )


def revision_get(*, revision_id: int) -> Revision | None:
    """A revision by id, with when its explainer was first published. One query."""
    return Revision.objects.filter(pk=revision_id).annotate(first_published_at=_first_published()).first()


def revision_by_number(*, slug: str, number: int) -> Revision | None:
    """A revision of the explainer by its number (1, 2, …). One query."""
    return (
        Revision.objects.filter(explainer__slug=slug, number=number)
        .annotate(first_published_at=_first_published())
        .first()
    )


def revision_history(*, slug: str) -> list[Revision]:
    """Every published revision of the explainer, newest first, without their (large) content. One query."""
    return list(
        Revision.objects.filter(explainer__slug=slug)
        .only("pk", "explainer_id", "number", "title", "change_summary", "published_at")
        .order_by("-number")
    )


def explainers_published() -> list[Revision]:
    """The latest revision of every published explainer, most recently published first. One query."""
    return list(
        latest_revisions()
        .select_related("explainer")
        .annotate(first_published_at=_first_published())
        .defer("content", "search_text")
        .order_by("-published_at", "-pk")
    )
