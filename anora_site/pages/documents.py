"""Machine-readable documents: the read-only JSON representation of an explainer and its schema.org JSON-LD
(an Article citing its sources as CreativeWorks).
"""
from .common import PageUrls, source_list, plain_text
from .explainer import explainer_context


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
                            "differing": [{"source": s, "values": values} for s, values in e["against"].items()],
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
    for source in source_list(content, urls):
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
