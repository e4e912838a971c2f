"""Turn a revision's stored content into what the reader's templates show.

Plain data in, plain data out: no queries, no requests. The content follows the revision content contract
(``claims.services.revisions.revision_content_build``). Everything that came from an article (titles,
publishers, bodies, passages) stays text and is escaped by the templates or by ``escape`` here; the stored
statement and introduction HTML is sanitized again before it is marked safe.
"""
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlsplit

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims.markdown import sanitize_html

KIND_LABELS = {
    "plot": "Plot",
    "interpretation": "Interpretation",
    "production": "Production",
    "other": "Other",
}
CONFLICT_KIND_LABELS = {
    "name": "Names differ",
    "number": "Numbers differ",
    "contradiction": "Accounts contradict",
}
# Up to this many sources, agreement is drawn as one dot per source; beyond it, as a proportional bar.
DOTS_MAX_SOURCES = 12


@dataclass(frozen=True)
class PageUrls:
    """Where the pages of one rendering live: the current revision, an old one, or a staff preview."""

    base: str  # e.g. "/explainers/anora-ending/" or "/explainers/anora-ending/revisions/2/"

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
    return " ".join(unescape(strip_tags(sanitize_html(html or ""))).split())


def agreement_text(support: int, source_count: int) -> str:
    """How many sources back a statement, in words: "3 of 3 sources", "1 of 3 — single source"."""
    if support == 1 and source_count > 1:
        return _("1 of %(count)d — single source") % {"count": source_count}
    return ngettext(
        "%(support)d of %(count)d source", "%(support)d of %(count)d sources", source_count
    ) % {"support": support, "count": source_count}


def agreement_level(support: int, source_count: int) -> str:
    """A CSS-friendly word for the agreement: all, most, some or single."""
    if source_count and support >= source_count:
        return "all"
    if support <= 1:
        return "single"
    if support * 2 > source_count:
        return "most"
    return "some"


def _sources(content: dict, urls: PageUrls) -> list[dict]:
    sources = []
    for source in content.get("sources", []):
        sources.append(
            {
                "id": source["id"],
                "number": source["number"],
                "name": source.get("name") or source.get("publisher") or source.get("title") or source.get("origin"),
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


def _entry(entry: dict, *, sources_by_id: dict, source_order: list[int], source_count: int, urls: PageUrls) -> dict:
    citations = []
    cited_sources: list[int] = []
    for citation in entry.get("citations", []):
        source = sources_by_id.get(citation["source"])
        if source is None:
            continue
        if citation["source"] not in cited_sources:
            cited_sources.append(citation["source"])
        citations.append(
            {
                "number": citation["number"],
                "source": citation["source"],
                "start": citation.get("start"),
                "end": citation.get("end"),
                "source_number": source["number"],
                "source_name": source["name"],
                "url": urls.passage(citation["source"], citation["number"]),
                "text": citation.get("text", ""),
                "label": _("Source %(source)d: %(name)s, passage %(number)d")
                % {"source": source["number"], "name": source["name"], "number": citation["number"]},
            }
        )
    support = entry.get("support", len(cited_sources))
    cited = set(cited_sources)
    return {
        "id": entry["id"],
        "html": clean_html(entry.get("statement_html", "")),
        "text": plain_text(entry.get("statement_html", "")),
        "statement": entry.get("statement", ""),
        "kind": entry.get("kind", "other"),
        "kind_label": KIND_LABELS.get(entry.get("kind"), KIND_LABELS["other"]),
        "support": support,
        "source_ids": cited_sources,
        "source_names": [sources_by_id[s]["name"] for s in cited_sources],
        "agreement": agreement_text(support, source_count),
        "level": agreement_level(support, source_count),
        "dots": [source_id in cited for source_id in source_order] if source_count <= DOTS_MAX_SOURCES else None,
        "bar_class": f"bar-{round(support / source_count * 20) * 5 if source_count else 0}",
        "citations": citations,
        "url": urls.entry(entry["id"]),
    }


def _conflicts(content: dict, *, sources_by_id: dict, urls: PageUrls) -> list[dict]:
    conflicts = []
    for conflict in content.get("conflicts", []):
        variants = []
        for index, variant in enumerate(conflict.get("variants", [])):
            source = sources_by_id.get(variant.get("source"))
            variants.append(
                {
                    "value": variant.get("value", ""),
                    "text": variant.get("text", ""),
                    "source_name": source["name"] if source else "",
                    "source_number": source["number"] if source else None,
                    "url": urls.variant(variant["source"], conflict["id"], index) if source else "",
                }
            )
        conflicts.append(
            {
                "id": conflict["id"],
                "about": conflict.get("about", ""),
                "kind": conflict.get("kind", ""),
                "kind_label": CONFLICT_KIND_LABELS.get(conflict.get("kind"), ""),
                "resolved": conflict.get("status") == "resolved",
                "resolution": conflict.get("resolution", ""),
                "resolution_note": conflict.get("resolution_note", ""),
                "variants": variants,
            }
        )
    return conflicts


def explainer_context(content: dict, *, urls: PageUrls) -> dict:
    """Everything the explainer page shows: sections of statements with citations and agreement, where sources
    differ, and the list of sources."""
    sources = _sources(content, urls)
    sources_by_id = {source["id"]: source for source in sources}
    source_order = [source["id"] for source in sources]
    source_count = content.get("source_count", len(sources))
    sections = []
    partial = []
    for section in content.get("sections", []):
        entries = [
            _entry(entry, sources_by_id=sources_by_id, source_order=source_order, source_count=source_count, urls=urls)
            for entry in section.get("entries", [])
        ]
        partial.extend(e for e in entries if e["kind"] == "interpretation" and e["support"] < source_count)
        sections.append({"title": section.get("title", ""), "entries": entries})
    return {
        "slug": content.get("slug", ""),
        "title": content.get("title", ""),
        "introduction": clean_html(content.get("introduction_html", "")),
        "introduction_text": plain_text(content.get("introduction_html", "")),
        "spoilers": bool(content.get("spoilers")),
        "source_count": source_count,
        "sources": sources,
        "sections": sections,
        "conflicts": _conflicts(content, sources_by_id=sources_by_id, urls=urls),
        "partial_interpretations": partial,
        "urls": urls,
    }


def _passages(content: dict, article_id: int, urls: PageUrls) -> list[dict]:
    """The spans of one source that the page cites (citations) or names in a conflict (variants)."""
    spans = []
    for section in content.get("sections", []):
        for entry in section.get("entries", []):
            for citation in entry.get("citations", []):
                if citation["source"] != article_id:
                    continue
                spans.append(
                    {
                        "start": citation["start"],
                        "end": citation["end"],
                        "anchor": f"c{citation['number']}",
                        "kind": "citation",
                        "back_url": urls.entry(entry["id"]),
                        "back_label": _("Back to the statement citing passage %(number)d")
                        % {"number": citation["number"]},
                        "back_text": f"↩ {citation['number']}",
                    }
                )
    for conflict in content.get("conflicts", []):
        for index, variant in enumerate(conflict.get("variants", [])):
            if variant.get("source") != article_id or variant.get("start") is None:
                continue
            spans.append(
                {
                    "start": variant["start"],
                    "end": variant["end"],
                    "anchor": f"v{conflict['id']}-{index}",
                    "kind": "variant",
                    "back_url": f"{urls.explainer}#conflict-{conflict['id']}",
                    "back_label": _("Back to where sources differ: %(about)s") % {"about": conflict.get("about", "")},
                    "back_text": "↩ ≠",
                }
            )
    return spans


def highlight(body: str, spans: list[dict]) -> list[SafeString]:
    """The body as HTML paragraphs, each span wrapped in ``<mark id=anchor>`` and followed by a link back.

    Every piece of text is escaped. Overlapping spans are cut at each boundary, so a mark never nests; a span's
    anchor sits on its first piece.
    """
    length = len(body)
    spans = [
        {**span, "start": max(0, span["start"]), "end": min(length, span["end"])}
        for span in spans
        if isinstance(span.get("start"), int) and isinstance(span.get("end"), int)
    ]
    spans = [span for span in spans if span["start"] < span["end"]]
    cuts = sorted({0, length, *(s["start"] for s in spans), *(s["end"] for s in spans)})
    starting: dict[int, list[dict]] = {}
    ending: dict[int, list[dict]] = {}
    for span in sorted(spans, key=lambda s: (s["start"], s["end"])):
        starting.setdefault(span["start"], []).append(span)
        ending.setdefault(span["end"], []).append(span)

    paragraphs: list[SafeString] = []
    current: list[str] = []
    open_spans = 0

    def close_paragraph() -> None:
        html = "".join(current).strip()
        if html:
            paragraphs.append(mark_safe(f"<p>{html}</p>"))
        current.clear()

    for left, right in zip(cuts, cuts[1:]):
        new = starting.get(left, [])
        open_spans += len(new)
        text = body[left:right]
        if open_spans:
            kinds = {s["kind"] for s in new} or {"citation"}
            css = "passage passage--variant" if kinds == {"variant"} else "passage"
            anchor = f' id="{escape(new[0]["anchor"])}"' if new else ""
            extra = "".join(f'<span id="{escape(s["anchor"])}"></span>' for s in new[1:])
            lines = text.split("\n")
            for index, line in enumerate(lines):
                if index:
                    close_paragraph()
                if line:
                    current.append(f'<mark class="{css}"{anchor if index == 0 else ""}>')
                    current.append((extra if index == 0 else "") + escape(line) + "</mark>")
                elif index == 0 and (anchor or extra):
                    current.append(f'<span{anchor}></span>{extra}')
        else:
            lines = text.split("\n")
            for index, line in enumerate(lines):
                if index:
                    close_paragraph()
                current.append(escape(line))
        for span in ending.get(right, []):
            current.append(
                f'<a class="backref" href="{escape(span["back_url"])}">'
                f'<span class="visually-hidden">{escape(span["back_label"])}</span>'
                f'<span aria-hidden="true">{escape(span["back_text"])}</span></a>'
            )
        open_spans -= len(ending.get(right, []))
    close_paragraph()
    return paragraphs


def source_context(content: dict, article_id: int, *, urls: PageUrls) -> dict | None:
    """The source page: the cleaned article text with every cited passage highlighted; None if not a source."""
    stored = next((s for s in content.get("sources", []) if s["id"] == article_id), None)
    if stored is None:
        return None
    source = next(s for s in _sources(content, urls) if s["id"] == article_id)
    spans = _passages(content, article_id, urls)
    return {
        "slug": content.get("slug", ""),
        "explainer_title": content.get("title", ""),
        "source": source,
        "source_count": content.get("source_count", 0),
        "paragraphs": highlight(stored.get("body", ""), spans),
        "citation_count": sum(1 for s in spans if s["kind"] == "citation"),
        "urls": urls,
    }


def matrix_context(content: dict, *, urls: PageUrls) -> dict:
    """Statements × sources: which source says what, each mark linked to the passage."""
    page = explainer_context(content, urls=urls)
    sources = page["sources"]
    rows = []
    for section in page["sections"]:
        for entry in section["entries"]:
            first_citation: dict[int, dict] = {}
            for citation in entry["citations"]:
                first_citation.setdefault(citation["source"], citation)
            cells = []
            for source in sources:
                citation = first_citation.get(source["id"])
                cells.append({"on": citation is not None, "url": citation["url"] if citation else "", "source": source})
            rows.append({"entry": entry, "section": section["title"], "cells": cells})
    return {**page, "rows": rows}


def json_document(content: dict, *, revision: dict, absolute: str, urls: PageUrls) -> dict:
    """The read-only JSON representation: entries with citations and agreement, conflicts and sources.

    ``absolute`` is the site root ("https://example.org") that page URLs are joined to.
    """
    page = explainer_context(content, urls=urls)
    return {
        "schema": 1,
        "slug": page["slug"],
        "title": page["title"],
        "url": absolute + urls.explainer,
        "revision": revision,
        "spoilers": page["spoilers"],
        "introduction_html": str(page["introduction"]),
        "source_count": page["source_count"],
        "sources": [
            {
                "id": s["id"],
                "number": s["number"],
                "name": s["name"],
                "title": s["title"],
                "publisher": s["publisher"],
                "author": s["author"],
                "published": s["published"],
                "url": s["link"] or None,
                "page": absolute + s["page_url"],
            }
            for s in page["sources"]
        ],
        "sections": [
            {
                "title": section["title"],
                "entries": [
                    {
                        "id": e["id"],
                        "statement": e["statement"],
                        "statement_html": str(e["html"]),
                        "kind": e["kind"],
                        "agreement": {
                            "support": e["support"],
                            "source_count": page["source_count"],
                            "text": e["agreement"],
                            "sources": e["source_ids"],
                        },
                        "citations": [
                            {
                                "number": c["number"],
                                "source": c["source"],
                                "start": c["start"],
                                "end": c["end"],
                                "text": c["text"],
                                "url": absolute + c["url"],
                            }
                            for c in e["citations"]
                        ],
                    }
                    for e in section["entries"]
                ],
            }
            for section in page["sections"]
        ],
        "conflicts": [
            {
                "id": c["id"],
                "about": c["about"],
                "kind": c["kind"],
                "status": "resolved" if c["resolved"] else "open",
                "resolution": c["resolution"],
                "resolution_note": c["resolution_note"],
                "variants": [{"value": v["value"], "source_name": v["source_name"], "text": v["text"]} for v in c["variants"]],
            }
            for c in page["conflicts"]
        ],
    }


def json_ld(content: dict, *, revision: dict, absolute: str, urls: PageUrls) -> dict:
    """schema.org Article for the explainer, its sources as cited CreativeWorks."""
    citations = []
    for source in _sources(content, urls):
        work = {"@type": "CreativeWork", "name": source["title"] or source["name"]}
        if source["publisher"]:
            work["publisher"] = {"@type": "Organization", "name": source["publisher"]}
        if source["author"]:
            work["author"] = {"@type": "Person", "name": source["author"]}
        if source["published"]:
            work["datePublished"] = source["published"]
        if source["link"]:
            work["url"] = source["link"]
        citations.append(work)
    document = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": content.get("title", ""),
        "description": plain_text(content.get("introduction_html", ""))[:300],
        "url": absolute + urls.explainer,
        "citation": citations,
    }
    if revision.get("published_at"):
        document["dateModified"] = revision["published_at"]
    if revision.get("first_published_at"):
        document["datePublished"] = revision["first_published_at"]
    return document
