"""What the public site keeps in ``django.core.cache``, and how publishing clears it.

A revision never changes, so a page rendered from one is cached under the revision's *tag* (its id and
publication time, so a reused id after a database reset never matches an old page) and stays right for as
long as it is kept. What publishing changes is which revision is current for a slug, and the lists of
explainers (home, feed, search); ``invalidate_explainer`` forgets exactly that.

Rendered pages are also kept in a small per-process memory (they cannot go stale: their keys name immutable
revisions), so a cached page costs one shared-cache read, for the slug's current revision. That pointer lives
only in the shared cache (``CACHE_URL``'s Redis, or the file cache in production), so a publish in one process
is seen by every process on the next request. With the development default (per-process memory cache), other
processes notice when their pointer expires (``PUBLIC_CACHE_SECONDS``).
"""
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

PREFIX = "site:2"
NONE = ""  # stored for "no published revision", so unknown slugs are not looked up on every request
LOCAL_PAGES = 256


@dataclass(frozen=True)
class CachedPage:
    """A rendered page, encoded, split where its CSP nonce goes so each response can carry a fresh nonce."""

    parts: tuple[bytes, ...]
    content_type: str = "text/html; charset=utf-8"
    found: bool = True

    @classmethod
    def from_text(cls, text: str, *, marker: str | None = None, content_type: str = "text/html; charset=utf-8"):
        pieces = text.split(marker) if marker else [text]
        return cls(parts=tuple(piece.encode() for piece in pieces), content_type=content_type)

    def body(self, nonce: str) -> bytes:
        return nonce.encode().join(self.parts)


NOT_FOUND = CachedPage(parts=(), found=False)


def revision_tag(revision) -> str:
    """What identifies a revision's content for caching: its id and when it was published."""
    return f"{revision.pk}.{int(revision.published_at.timestamp() * 1_000_000)}"


def revision_id(tag: str) -> int:
    return int(tag.split(".", 1)[0])


def _timeout() -> int:
    return settings.PUBLIC_CACHE_SECONDS


def latest_key(slug: str) -> str:
    return f"{PREFIX}:latest:{slug}"


def latest_get(slug: str) -> str | None:
    """The cached tag of the slug's current revision, ``NONE`` if it has none, None if not cached."""
    return cache.get(latest_key(slug))


def latest_set(slug: str, tag: str) -> None:
    cache.set(latest_key(slug), tag, _timeout())


def number_get(slug: str, number: int) -> str | None:
    """The cached tag of revision ``number`` of the slug, None if not cached."""
    return cache.get(f"{PREFIX}:number:{slug}:{number}")


def number_set(slug: str, number: int, tag: str) -> None:
    cache.set(f"{PREFIX}:number:{slug}:{number}", tag, _timeout())


def renamed_get(slug: str) -> str | None:
    """The cached address now of an explainer that had ``slug`` before a rename ("" if none did), None if not
    cached. Keyed by ``generation``: every rename (and publish, and deletion) moves it on."""
    return cache.get(f"{PREFIX}:renamed:{generation()}:{slug}")


def renamed_set(slug: str, now: str) -> None:
    cache.set(f"{PREFIX}:renamed:{generation()}:{slug}", now, _timeout())


def generation() -> str:
    """A token that changes whenever any explainer is published: part of the keys of lists of explainers."""
    token = cache.get(f"{PREFIX}:generation")
    if token is None:
        token = secrets.token_hex(8)
        cache.set(f"{PREFIX}:generation", token, None)
    return token


def page_key(tag: str, page: str, variant: str = "") -> str:
    return f"{PREFIX}:page:{tag}:{page}:{variant}"


class _LocalPages:
    """A bounded, thread-safe, least-recently-used memory of rendered pages in this process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pages: OrderedDict[str, CachedPage] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> CachedPage | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def set(self, key: str, page: CachedPage) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()


local_pages = _LocalPages(LOCAL_PAGES)


def page_get(key: str) -> CachedPage | None:
    page = local_pages.get(key)
    if page is None:
        page = cache.get(key)
        if page is not None:
            local_pages.set(key, page)
    return page


def page_set(key: str, page: CachedPage) -> None:
    local_pages.set(key, page)
    cache.set(key, page, _timeout())


def invalidate_explainer(slug: str, numbers: Iterable[int] = ()) -> None:
    """Make the next request for this explainer (and for home, feed and search) see its newest revision.

    Called by the publish workflow after the transaction commits. Pages of earlier revisions stay cached:
    they cannot change, unless the explainer was deleted, which passes their ``numbers`` to forget them too.
    """
    cache.delete(latest_key(slug))
    cache.delete_many([f"{PREFIX}:number:{slug}:{number}" for number in numbers])
    cache.set(f"{PREFIX}:generation", secrets.token_hex(8), None)
