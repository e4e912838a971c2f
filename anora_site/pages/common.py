"""What every page kind shares: where the pages of one rendering live, safe links, and trusted HTML and text.

``PageUrls`` builds the addresses of the explainer, source, passage and matrix pages for the current
revision, an old one or a staff preview; ``clean_html`` sanitizes stored HTML again before marking it safe,
``plain_text`` reduces it to words, ``safe_link`` links only absolute http(s) addresses, and ``source_list``
turns the stored sources into the list the pages show.
"""
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.safestring import SafeString, mark_safe

from claims.agreement import source_name
from claims.markdown import plain_text as markdown_plain_text, sanitize_html


@dataclass(frozen=True)
class PageUrls:
    """Where the pages of one rendering live: the current revision, an old one, or a staff preview."""

    base: str  # e.g. "/explainers/anora-ending/" or "/explainers/anora-ending/revisions/2/"
    slug: str = ""  # the explainer's address now; a revision stores the one it had when it was published

    @property
    def explainer(self) -> str:
        return self.base

    def entry(self, entry_id: int) -> str:
        return f"{self.base}#entry-{entry_id}"

    def source(self, article_id: int) -> str:
        return f"{self.base}sources/{article_id}/"

    def passage(self, article_id: int, citation_number: int) -> str:
        return f"{self.source(article_id)}#c{citation_number}"

    def variant(self, article_id: int, conflict_id: int, index: int) -> str:
        return f"{self.source(article_id)}#v{conflict_id}-{index}"

    @property
    def matrix(self) -> str:
        return f"{self.base}matrix/"


def safe_link(url: str | None) -> str:
    """The URL if it is an absolute http(s) address, else an empty string: other schemes are never linked."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return ""
    return url.strip()


def clean_html(html: str) -> SafeString:
    """Stored HTML is sanitized at publishing; run it through the allow-list again before trusting it."""
    return mark_safe(sanitize_html(html or ""))


def plain_text(html: str) -> str:
    """Sanitized HTML reduced to its text (still to be escaped by whoever outputs it)."""
    return markdown_plain_text(sanitize_html(html or ""))


def source_list(content: dict, urls: PageUrls) -> list[dict]:
    sources = []
    for source in content.get("sources", []):
        sources.append(
            {
                "id": source["id"],
                "number": source["number"],
                "name": source_name(source),
                "title": source.get("title") or "",
                "publisher": source.get("publisher") or "",
                "author": source.get("author") or "",
                "published": source.get("published"),
                "url": source.get("url") or "",
                "link": safe_link(source.get("url")),
                "page_url": urls.source(source["id"]),
            }
        )
    return sources
