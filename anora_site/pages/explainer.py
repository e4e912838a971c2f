"""The explainer page: sections of statements with their citations and how many sources agree, where
sources differ, and the list of sources. The matrix page and the JSON documents are built on its data.
"""
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims.pipeline.text import says

from .common import PageUrls, source_list, clean_html, plain_text

KIND_LABELS = {
    "plot": "Plot",
    "interpretation": "Interpretation",
    "production": "Production",
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


def _differing(content: dict) -> dict[tuple, list[tuple[dict, str, tuple[str, ...]]]]:
    """Passages that are one side of a conflict, by (source, start, end): for each conflict whose variants give
    different values there, ``(shown, value, values)`` (what the page shows of the conflict, the value this
    passage gives, every value the conflict has)."""
    found: dict[tuple, list[tuple[dict, str, tuple[str, ...]]]] = {}
    for conflict in content.get("conflicts", []):
        variants = conflict.get("variants", [])
        values = tuple(dict.fromkeys(v.get("value", "") for v in variants))
        if len(values) < 2:
            continue
        shown = {
            "id": conflict["id"],
            "resolved": conflict.get("status") == "resolved",
            "resolution": conflict.get("resolution", ""),
        }
        for variant in variants:
            at = found.setdefault((variant.get("source"), variant.get("start"), variant.get("end")), [])
            at.append((shown, variant.get("value", ""), values))
    return found


def _differs(entry: dict, statement: str, differing: dict) -> list[dict]:
    """The conflicts a statement's sources differ on: two of its passages give different values, or the
    statement itself gives one of the values while a passage it cites is a side. A passage that is a side of a
    conflict about something the statement does not say (a head count in a sentence cited for another fact)
    does not count."""
    seen: dict[int, tuple[dict, set[str], tuple[str, ...]]] = {}
    for citation in entry.get("citations", []):
        for shown, value, values in differing.get((citation["source"], citation.get("start"), citation.get("end")), []):
            seen.setdefault(shown["id"], (shown, set(), values))[1].add(value)
    return [shown for shown, given, values in seen.values()
            if len(given) >= 2 or any(says(value, statement) for value in values)]


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
    support = entry.get("support", len(cited_sources))
    cited = set(cited_sources)
    differs = _differs(entry, plain_text(entry.get("statement_html", "")) or entry.get("statement", ""), differing)
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
    differing = _differing(content)
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
    return {
        "slug": urls.slug or content.get("slug", ""),
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
