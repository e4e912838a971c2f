"""Turn a revision's stored content into what the reader's templates show.

Plain data in, plain data out: no queries, no requests. The content follows the revision content contract
(``claims.services.revisions.revision_content_build``). Everything that came from an article (titles,
publishers, bodies, passages) stays text and is escaped by the templates or by ``escape`` here; the stored
statement and introduction HTML is sanitized again before it is marked safe.

One module per page kind: ``explainer``, ``source``, ``matrix``, and ``documents`` (JSON and JSON-LD), with
what they share in ``common``. Views import the names below from ``anora_site.pages``.
"""
from .common import PageUrls, clean_html, plain_text, safe_link
from .documents import json_document, json_ld
from .explainer import (
    CONFLICT_KIND_LABELS,
    DOTS_MAX_SOURCES,
    KIND_LABELS,
    agreement_level,
    agreement_text,
    explainer_context,
)
from .matrix import matrix_context
from .source import highlight, source_context

__all__ = [
    "CONFLICT_KIND_LABELS",
    "DOTS_MAX_SOURCES",
    "KIND_LABELS",
    "PageUrls",
    "agreement_level",
    "agreement_text",
    "clean_html",
    "explainer_context",
    "highlight",
    "json_document",
    "json_ld",
    "matrix_context",
    "plain_text",
    "safe_link",
    "source_context",
]
