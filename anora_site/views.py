"""Public pages. Readers never log in; every page is rendered from a published revision and cached by its id.

Cached pages are rendered without the request (no user, no session, no CSRF token can leak into them) and with
a random marker where the CSP nonce goes; each response joins the parts with its own nonce.
"""
import functools
import json
import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.middleware.csp import get_nonce
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.models import Explainer
from claims.models import Revision
from claims.permissions import explainer_accessible

from . import cache as site_cache
from . import pages, search, selectors
from .cache import CachedPage
from .feeds import ExplainerFeed

_feed = ExplainerFeed()


def _render(template: str, context: dict) -> CachedPage:
    marker = f"nonce{secrets.token_hex(16)}"
    html = render_to_string(template, {**context, "csp_nonce": marker})
    return CachedPage.from_text(html, marker=marker)


def _respond(request: HttpRequest, page: CachedPage) -> HttpResponse:
    if not page.found:
        raise Http404
    nonce = ""
    if len(page.parts) > 1 and (lazy_nonce := get_nonce(request)) is not None:
        nonce = str(lazy_nonce)  # str() generates it; the middleware then puts it in the header
    return HttpResponse(page.body(nonce), content_type=page.content_type)


def _origin(request: HttpRequest) -> str:
    """The scheme and host readers reach the site by, for absolute links (Open Graph, JSON-LD, JSON)."""
    return request.build_absolute_uri("/").rstrip("/")


def _current(slug: str) -> tuple[str, Revision | None]:
    """The tag of the slug's current revision (``NONE`` when unpublished) and, if it had to be read, the row."""
    tag = site_cache.latest_get(slug)
    if tag is not None:
        return tag, None
    revision = selectors.revision_latest(slug=slug)
    tag = site_cache.revision_tag(revision) if revision else site_cache.NONE
    site_cache.latest_set(slug, tag)
    return tag, revision


def _revision_meta(revision: Revision) -> dict:
    return {
        "number": revision.number,
        "published_at": revision.published_at,
        "first_published_at": getattr(revision, "first_published_at", None) or revision.published_at,
        "change_summary": revision.change_summary,
    }


def _cached(
    request: HttpRequest,
    *,
    tag: str,
    revision: Revision | None,
    page: str,
    build: Callable[[Revision], CachedPage],
    variant: str = "",
) -> HttpResponse:
    """The page ``page`` of a revision, from the cache or built once from the revision (one query at most)."""
    if tag == site_cache.NONE:
        raise Http404
    # The address is part of the key: a page names its own address in its links, and a renamed explainer's
    # revisions are the same under its new one.
    slug = request.resolver_match.kwargs.get("slug", "") if request.resolver_match else ""
    key = site_cache.page_key(tag, page, f"{_origin(request)}|{slug}|{variant}")
    cached = site_cache.page_get(key)
    if cached is None:
        revision = revision or selectors.revision_get(revision_id=site_cache.revision_id(tag))
        if revision is None:
            raise Http404
        cached = build(revision)
        site_cache.page_set(key, cached)
    return _respond(request, cached)


def _explainer_page(request: HttpRequest, revision: Revision, *, urls: pages.PageUrls, mode: str) -> CachedPage:
    origin = _origin(request)
    meta = _revision_meta(revision)
    context = pages.explainer_context(revision.content, urls=urls)
    return _render(
        "site/explainer.html",
        {
            "page": context,
            "revision": meta,
            "mode": mode,
            "stale_sources": getattr(revision, "stale_sources", []),
            "canonical": origin + reverse("site:explainer", kwargs={"slug": context["slug"]}),
            "json_ld": pages.json_ld(revision.content, revision=meta, absolute=origin, urls=urls),
        },
    )


def _source_page(revision: Revision, article_id: int, *, urls: pages.PageUrls, mode: str) -> CachedPage:
    context = pages.source_context(revision.content, article_id, urls=urls)
    if context is None:
        return site_cache.NOT_FOUND
    stale = getattr(revision, "stale_sources", [])
    return _render("site/source.html", {"page": context, "revision": _revision_meta(revision), "mode": mode,
                                        "stale_sources": stale,
                                        "source_stale": any(a == article_id for a, _origin in stale)})


def follows_renames(view: Callable) -> Callable:
    """A page of an explainer asked for under an address it had before a rename (``FormerSlug``) sends the
    reader on to the same page under its address now, permanently (301), query string kept, if it has been
    published (an unpublished one's new address is nobody's business yet). Only pages that would otherwise be
    "not found" look the old address up, once: the answer is cached until the next rename or publish."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, slug: str, **kwargs) -> HttpResponse:
        try:
            response = view(request, slug, **kwargs)
        except Http404:
            response = None
        if response is not None and response.status_code != 404:
            return response
        renamed = site_cache.renamed_get(slug)
        if renamed is None:
            renamed = selectors.slug_now(slug) or ""
            site_cache.renamed_set(slug, renamed)
        if not renamed:
            if response is None:
                raise Http404
            return response
        path = reverse(request.resolver_match.view_name, kwargs={**kwargs, "slug": renamed})
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)
        # Kept no longer than a page is: an explainer may be renamed back, and a redirect kept for good would then
        # send readers round in a loop.
        patch_cache_control(response, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response

    return wrapped


def _current_urls(slug: str) -> pages.PageUrls:
    return pages.PageUrls(base=reverse("site:explainer", kwargs={"slug": slug}), slug=slug)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    key = site_cache.page_key("all", "home", f"{_origin(request)}|{site_cache.generation()}")
    cached = site_cache.page_get(key)
    if cached is None:
        items = [
            {
                "title": revision.title,
                "url": revision.explainer.get_absolute_url(),
                "introduction": pages.plain_text(revision.introduction_html),
                "number": revision.number,
                "published_at": revision.published_at,
            }
            for revision in selectors.explainers_published()
        ]
        cached = _render("site/home.html", {"explainers": items})
        site_cache.page_set(key, cached)
    return _respond(request, cached)


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    """The Atom feed, cached until the next publish like the home page."""
    key = site_cache.page_key("all", "feed", f"{_origin(request)}|{site_cache.generation()}")
    cached = site_cache.page_get(key)
    if cached is None:
        response = _feed(request)
        cached = CachedPage(parts=(response.content,), content_type=response["Content-Type"])
        site_cache.page_set(key, cached)
    return _respond(request, cached)


@follows_renames
@require_safe
def explainer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag, revision = _current(slug)
    return _cached(
        request,
        tag=tag,
        revision=revision,
        page="explainer",
        build=lambda r: _explainer_page(request, r, urls=_current_urls(slug), mode="current"),
    )


@follows_renames
@require_safe
def source_detail(request: HttpRequest, slug: str, article_id: int) -> HttpResponse:
    tag, revision = _current(slug)
    return _cached(
        request,
        tag=tag,
        revision=revision,
        page=f"source:{article_id}",
        build=lambda r: _source_page(r, article_id, urls=_current_urls(slug), mode="current"),
    )


def _matrix_page(revision: Revision, *, urls: pages.PageUrls, mode: str = "current") -> CachedPage:
    context = pages.matrix_context(revision.content, urls=urls)
    return _render("site/matrix.html", {"page": context, "revision": _revision_meta(revision), "mode": mode})


@follows_renames
@require_safe
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    tag, revision = _current(slug)
    return _cached(request, tag=tag, revision=revision, page="matrix",
                   build=lambda r: _matrix_page(r, urls=_current_urls(slug)))


@follows_renames
@require_safe
def explainer_json(request: HttpRequest, slug: str) -> HttpResponse:
    def build(revision: Revision) -> CachedPage:
        document = pages.json_document(
            revision.content,
            revision=_revision_meta(revision),
            absolute=_origin(request),
            urls=_current_urls(slug),
        )
        body = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        return CachedPage.from_text(body, content_type="application/json; charset=utf-8")

    tag, revision = _current(slug)
    try:
        return _cached(request, tag=tag, revision=revision, page="json", build=build)
    except Http404:  # a program asked: answer in JSON, not with the HTML error page
        return JsonResponse({"error": "not_found", "detail": f"No published explainer “{slug}”."}, status=404,
                            json_dumps_params={"ensure_ascii": False})


@follows_renames
@require_safe
def history(request: HttpRequest, slug: str) -> HttpResponse:
    def build(_revision: Revision | None) -> CachedPage:
        revisions = selectors.revision_history(slug=slug)
        if not revisions:
            return site_cache.NOT_FOUND
        return _render("site/history.html", {"revisions": revisions, "slug": slug, "title": revisions[0].title})

    tag, revision = _current(slug)
    if tag == site_cache.NONE:
        raise Http404
    key = site_cache.page_key(tag, "history", f"{_origin(request)}|{slug}")
    cached = site_cache.page_get(key)
    if cached is None:
        cached = build(revision)
        site_cache.page_set(key, cached)
    return _respond(request, cached)


def _old_revision(slug: str, number: int) -> tuple[str, Revision | None]:
    tag = site_cache.number_get(slug, number)
    if tag is not None:
        return tag, None
    revision = selectors.revision_by_number(slug=slug, number=number)
    if revision is None:
        raise Http404
    tag = site_cache.revision_tag(revision)
    site_cache.number_set(slug, number, tag)
    return tag, revision


def _old_revision_and_mode(slug: str, number: int) -> tuple[str, Revision | None, str]:
    """Revision ``number``'s tag and row (as ``_old_revision``), and whether it is the current one ("current")
    or an earlier one ("old"), which its pages say."""
    tag, revision = _old_revision(slug, number)
    current_tag, _row = _current(slug)
    return tag, revision, "current" if tag == current_tag else "old"


def _revision_urls(slug: str, number: int) -> pages.PageUrls:
    return pages.PageUrls(base=reverse("site:revision", kwargs={"slug": slug, "number": number}), slug=slug)


@follows_renames
@require_safe
def revision_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    tag, revision, mode = _old_revision_and_mode(slug, number)
    return _cached(
        request,
        tag=tag,
        revision=revision,
        page="revision",
        variant=mode,
        build=lambda r: _explainer_page(request, r, urls=_revision_urls(slug, number), mode=mode),
    )


@follows_renames
@require_safe
def revision_matrix(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The agreement matrix of one revision (the revision page links to it, as the current page to its own)."""
    tag, revision, mode = _old_revision_and_mode(slug, number)
    return _cached(request, tag=tag, revision=revision, page="revision-matrix", variant=mode,
                   build=lambda r: _matrix_page(r, urls=_revision_urls(slug, number), mode=mode))


@follows_renames
@require_safe
def revision_source(request: HttpRequest, slug: str, number: int, article_id: int) -> HttpResponse:
    tag, revision = _old_revision(slug, number)
    return _cached(
        request,
        tag=tag,
        revision=revision,
        page=f"revision-source:{article_id}",
        build=lambda r: _source_page(r, article_id, urls=_revision_urls(slug, number), mode="old"),
    )


def _preview_content(request: HttpRequest, slug: str) -> tuple[dict, Revision]:
    """The draft's content exactly as publishing would store it, for staff allowed to see this explainer."""
    from claims.services.revisions import revision_content_build

    explainer = get_object_or_404(Explainer, slug=slug)
    if not explainer_accessible(request.user, explainer):
        raise PermissionDenied(_("This explainer is restricted to its editors and chief editors."))
    content = revision_content_build(explainer=explainer)
    latest = selectors.revision_latest(slug=slug)
    draft_revision = Revision(
        explainer=explainer,
        number=(latest.number + 1) if latest else 1,
        title=content.get("title", explainer.title),
        content=content,
        published_at=None,
    )
    draft_revision.first_published_at = latest.first_published_at if latest else None
    # Sources re-imported or given back a fragment since the last build: their claims' spans are of the old text.
    draft_revision.stale_sources = list(explainer.articles.filter(needs_extraction=True).order_by("origin")
                                        .values_list("id", "origin"))
    return content, draft_revision


def _preview_urls(slug: str) -> pages.PageUrls:
    return pages.PageUrls(base=reverse("site:preview", kwargs={"slug": slug}), slug=slug)


@never_cache
@staff_member_required
@follows_renames
def preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The draft as readers would see it once published: same templates, draft data, never cached."""
    _content, draft_revision = _preview_content(request, slug)
    return _respond(request, _explainer_page(request, draft_revision, urls=_preview_urls(slug), mode="preview"))


@never_cache
@staff_member_required
@follows_renames
def preview_source(request: HttpRequest, slug: str, article_id: int) -> HttpResponse:
    _content, draft_revision = _preview_content(request, slug)
    return _respond(request, _source_page(draft_revision, article_id, urls=_preview_urls(slug), mode="preview"))


@require_safe
def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    results = search.search(query) if query else []
    page = _render("site/search.html", {"query": query, "results": results})
    return _respond(request, page)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        f"Sitemap: {_origin(request)}{reverse('django.contrib.sitemaps.views.sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers. Touches neither database nor cache."""
    return HttpResponse("ok", content_type="text/plain")
