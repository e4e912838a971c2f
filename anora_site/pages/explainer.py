"""The explainer page: sections of statements with their citations and how many sources agree, where
sources differ, and the list of sources. The matrix page and the JSON documents are built on its data.
"""
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims.pipeline.text import says

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


# A statement that states one of these values takes a side: a source whose passage gives another does not back it.
SIDED_KINDS = frozenset({"number", "date"})


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
            "kind": conflict.get("kind", ""),
            "resolved": conflict.get("status") == "resolved",
            "resolution": conflict.get("resolution", ""),
        }
        for variant in variants:
            at = found.setdefault((variant.get("source"), variant.get("start"), variant.get("end")), [])
            at.append((shown, variant.get("value", ""), values))
    return found


def _differs(entry: dict, statement: str, differing: dict) -> tuple[list[dict], dict[int, set[str]]]:
    """The conflicts a statement's sources differ on, and the sources that give another figure or date than
    the statement does, with the values they give.

    A conflict counts when two of the statement's passages give different values, or the statement itself
    gives one of the values while a passage it cites is a side. A passage that is a side of a conflict about
    something the statement does not say (a head count in a sentence cited for another fact) does not count, nor
    does a conflict settled as the statement and all its cited passages give it.

    When the statement states exactly one figure or date of a conflict ("closed for 40 days"), a source whose
    cited passages give only another ("60 days"), and none of which says the statement's, is against it, not
    behind it. A name spelled another way is still the same person, so name conflicts never take a source from a
    statement; the reader is only told ("Western Gazette spells it “O’Rourk”"). Each conflict returned carries
    ``against`` and ``spelled``: {source: the values it gives instead}."""
    seen: dict[int, tuple[dict, dict[int, set[str]], tuple[str, ...]]] = {}
    passages: dict[int, list[str]] = {}
    for citation in entry.get("citations", []):
        passages.setdefault(citation["source"], []).append(citation.get("text", ""))
        for shown, value, values in differing.get((citation["source"], citation.get("start"), citation.get("end")), []):
            given = seen.setdefault(shown["id"], (shown, {}, values))[1]
            given.setdefault(citation["source"], set()).add(value)
    differs = []
    against: dict[int, set[str]] = {}
    for shown, by_source, values in seen.values():
        stated = {value for value in values if says(value, statement)}
        cited = set().union(*by_source.values())
        if len(cited) < 2 and not stated:
            continue
        if shown["resolved"] and cited == stated and any(says(value, shown["resolution"]) for value in stated):
            continue  # settled as the statement and every passage it cites have it: nothing left to tell here
        other = {**shown, "against": {}, "spelled": {}}
        if len(stated) == 1:
            (value,) = stated
            for source, given in by_source.items():
                if value in given or any(says(value, text) for text in passages[source]):
                    continue  # it gives the statement's value too ("up from 40 to 60 centimetres")
                if shown["kind"] in SIDED_KINDS:
                    against.setdefault(source, set()).update(given)
                    other["against"][source] = sorted(given)
                elif shown["kind"] == "name":
                    other["spelled"][source] = sorted(given)
        differs.append(other)
    return differs, against


def _names(names: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _by_values(given: dict[int, list[str]], sources_by_id: dict) -> list[tuple[tuple[str, ...], list[str]]]:
    """Sources' names grouped by the values they give, in the order first met."""
    grouped: dict[tuple[str, ...], list[str]] = {}
    for source, values in given.items():
        if source in sources_by_id:
            grouped.setdefault(tuple(values), []).append(sources_by_id[source]["name"])
    return list(grouped.items())


def _difference_label(difference: dict, sources_by_id: dict) -> str:
    """What a statement's link to a conflict says: which sources give another figure or date and what they
    give ("Valley Post gives 60 cm; Harbour News gives 100 cm"), which spell a name the statement uses another
    way, or only that sources differ on a detail; with the editors' settled value when there is one."""
    parts = [
        ngettext("%(names)s gives %(values)s", "%(names)s give %(values)s", len(names))
        % {"names": _names(names), "values": _(" or ").join(values)}
        for values, names in _by_values(difference["against"], sources_by_id)
    ] + [
        ngettext("%(names)s spells it %(values)s", "%(names)s spell it %(values)s", len(names))
        % {"names": _names(names), "values": _(" or ").join(f"“{value}”" for value in values)}
        for values, names in _by_values(difference["spelled"], sources_by_id)
    ]
    text = "; ".join(parts) or _("Sources differ on a detail of this")
    if difference["resolved"]:
        text = _("%(text)s; our editors settled it: %(resolution)s") % {
            "text": text, "resolution": difference["resolution"]}
    return text


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
    differs, against = _differs(entry, statement, differing)
    # Sources that cite a passage giving another figure than the statement's are not counted as agreeing.
    support = max(0, entry.get("support", len(cited_sources)) - len(set(against) & set(cited_sources)))
    backing = set(cited_sources) - set(against)
    for difference in differs:
        difference["label"] = _difference_label(difference, sources_by_id)
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
