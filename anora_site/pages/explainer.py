"""The explainer page: sections of statements with their citations and how many sources agree, where
sources differ, and the list of sources. The matrix page and the JSON documents are built on its data.
"""
from django.utils.translation import gettext as _

from claims.agreement import agreement_text, differing_passages, entry_agreement

from .common import PageUrls, source_list, clean_html, plain_text

# What a reader sees of a statement's kind. The same words serve a film's ending and a bridge's closure: a
# "plot event" is something that happened, a "production fact" background to it.
KIND_LABELS = {
    "plot": "Event",
    "interpretation": "Interpretation",
    "production": "Background",
    "other": "Other",
}
CONFLICT_KIND_LABELS = {
    "name": "Names differ",
    "number": "Numbers differ",
    "date": "Dates differ",
    "contradiction": "Accounts contradict",
}
# Up to this many sources, agreement is drawn as one dot per source; beyond it, as a proportional bar.
DOTS_MAX_SOURCES = 12


def agreement_level(support: int, source_count: int) -> str:
    """A CSS-friendly word for the agreement: all, most, some or single."""
    if source_count and support >= source_count:
        return "all"
    if support <= 1:
        return "single"
    if support * 2 > source_count:
        return "most"
    return "some"


def _dot(source_id: int, backing: set[int], against: dict[int, set[str]]) -> str:
    """How one source's dot is drawn: "on" if it makes the statement, "against" if its passage gives another
    figure, "off" if it does not mention it."""
    if source_id in backing:
        return "on"
    return "against" if source_id in against else "off"


def _entry(entry: dict, *, sources_by_id: dict, source_order: list[int], source_count: int, urls: PageUrls,
           differing: dict[tuple, list[dict]]) -> dict:
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
    statement = plain_text(entry.get("statement_html", "")) or entry.get("statement", "")
    # Sources that cite a passage giving another figure than the statement's are not counted as agreeing.
    names = {source_id: source["name"] for source_id, source in sources_by_id.items()}
    support, differs, against = entry_agreement(entry, statement, differing, names)
    backing = set(cited_sources) - set(against)
    return {
        "id": entry["id"],
        "html": clean_html(entry.get("statement_html", "")),
        "text": plain_text(entry.get("statement_html", "")),
        "statement": entry.get("statement", ""),
        "kind": entry.get("kind", "other"),
        "kind_label": KIND_LABELS.get(entry.get("kind"), KIND_LABELS["other"]),
        "support": support,
        "source_ids": [s for s in cited_sources if s in backing],
        "source_names": [sources_by_id[s]["name"] for s in cited_sources if s in backing],
        "against": {s: sorted(values) for s, values in against.items() if s in sources_by_id},
        "agreement": agreement_text(support, source_count),
        "level": agreement_level(support, source_count),
        "dots": [_dot(source_id, backing, against) for source_id in source_order]
        if source_count <= DOTS_MAX_SOURCES else None,
        "bar_class": f"bar-{round(support / source_count * 20) * 5 if source_count else 0}",
        "citations": citations,
        "differs": differs,
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
        # In the order of the sources list (Source 1 first), whatever order the variants were stored in.
        variants.sort(key=lambda v: (v["source_number"] is None, v["source_number"] or 0))
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
    sources = source_list(content, urls)
    sources_by_id = {source["id"]: source for source in sources}
    source_order = [source["id"] for source in sources]
    source_count = content.get("source_count", len(sources))
    differing = differing_passages(content)
    sections = []
    partial = []
    for section in content.get("sections", []):
        entries = [
            _entry(entry, sources_by_id=sources_by_id, source_order=source_order, source_count=source_count, urls=urls,
                   differing=differing)
            for entry in section.get("entries", [])
        ]
        partial.extend(e for e in entries if e["kind"] == "interpretation" and e["support"] < source_count)
        sections.append({"title": section.get("title", ""), "entries": entries})
    conflicts = _conflicts(content, sources_by_id=sources_by_id, urls=urls)
    any_against = any(entry["against"] for section in sections for entry in section["entries"])
    for conflict in conflicts:
        conflict["statements"] = [
            {"id": entry["id"], "text": entry["text"] or entry["statement"]}
            for section in sections for entry in section["entries"]
            if any(d["id"] == conflict["id"] for d in entry["differs"])
        ]
    return {
        "slug": urls.slug or content.get("slug", ""),
        "title": content.get("title", ""),
        "introduction": clean_html(content.get("introduction_html", "")),
        "introduction_text": plain_text(content.get("introduction_html", "")),
        "spoilers": bool(content.get("spoilers")),
        "source_count": source_count,
        "sources": sources,
        "sections": sections,
        "conflicts": conflicts,
        "partial_interpretations": partial,
        "any_against": any_against,
        "any_ring": any_against and source_count <= DOTS_MAX_SOURCES,  # drawn only where there are dots
        "urls": urls,
    }
