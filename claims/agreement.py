"""How many of an explainer's sources back each statement, as readers are told it, from a revision's content
(``claims.services.revisions.revision_content_build``): plain dicts in, plain data out.

The reader pages, the desk's outline and the revision comparison all count from here, so an editor never sees
"4 sources" where readers will read "2 of 4 sources".
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims.markdown import plain_text
from claims.pipeline.text import same_value_key, says

# A statement that states one of these values takes a side: a source whose passage gives another does not back it.
SIDED_KINDS = frozenset({"number", "date"})


def agreement_text(support: int, source_count: int) -> str:
    """How many sources back a statement, in words: "3 of 3 sources", "1 of 3 — single source"."""
    if support == 1 and source_count > 1:
        return _("1 of %(count)d — single source") % {"count": source_count}
    return ngettext(
        "%(support)d of %(count)d source", "%(support)d of %(count)d sources", source_count
    ) % {"support": support, "count": source_count}


def source_name(source: dict) -> str:
    """What a source is called on the page: its outlet's name, else its title, else the file it came from."""
    return source.get("name") or source.get("publisher") or source.get("title") or source.get("origin") or ""


def settled_as(conflict: dict, value: str) -> bool:
    """Whether ``conflict`` (revision content) was resolved as ``value`` gives it: "Tuesday" as settled
    "Tuesday 3 March 2026", "£2.4m" as settled "£2.4 million"."""
    return conflict.get("status") == "resolved" and says(value, conflict.get("resolution", ""))


class DifferingPassages(dict):
    """``differing_passages``'s map, which also keeps, in ``sides``, each figure or spelling conflict's values by
    source: {conflict id: (shown, {source: values it gives}, every value)}."""

    sides: dict[int, tuple[dict, dict[int, set[str]], tuple[str, ...]]]


def differing_passages(content: dict) -> DifferingPassages:
    """Passages that are one side of a conflict, by (source, start, end): for each conflict whose variants give
    different values there, ``(shown, value, values)`` (what the page shows of the conflict, the value this
    passage gives, every value the conflict has)."""
    found = DifferingPassages()
    found.sides = {}
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
            "about": conflict.get("about", ""),
        }
        for variant in variants:
            at = found.setdefault((variant.get("source"), variant.get("start"), variant.get("end")), [])
            at.append((shown, variant.get("value", ""), values))
            if shown["kind"] in ("number", "name"):
                given = found.sides.setdefault(shown["id"], (shown, {}, values))[1]
                given.setdefault(variant.get("source"), set()).add(variant.get("value", ""))
    return found


def sides(values) -> dict[str, str]:
    """Each of a conflict's values → the side it is on, as a comparison key: one figure however it is written
    ("Twenty-three people" and "23 people"; "£2.4m" and "£2.4 million"), and a value another value of the
    conflict says in full is on that one's side ("Tuesday" and "3 March" with "Tuesday 3 March 2026"), unless
    two others say it ("Tuesday" with "Tuesday 3 March" and with "Tuesday 10 March": no side is taken for it)."""
    values = list(dict.fromkeys(values))
    key = {value: same_value_key(value) for value in values}

    def fuller(value: str) -> set[str]:
        return {other for other in values if key[other] != key[value] and says(value, other)}

    side = {}
    for value in values:
        containing = fuller(value)
        fullest = {key[other] for other in containing if not fuller(other) & containing}
        side[value] = fullest.pop() if len(fullest) == 1 else key[value]
    return side


def differences(entry: dict, statement: str, differing: dict) -> tuple[list[dict], dict[int, set[str]]]:
    """The conflicts a statement's sources differ on, and the sources that give another figure or date than
    the statement does, with the values they give.

    A conflict counts when two of the statement's passages give different values, or the statement itself
    gives one of the values while a passage it cites is a side, or (figures and names) while two of its sources
    are sides somewhere in their text. A passage that is a side of a conflict about something the statement does not
    say (a head count in a sentence cited for another fact) does not count, nor does a settled conflict the
    statement gives none of the values of, nor one settled as the statement and all its cited passages give it.

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
    # A figure or a name the statement states, of a conflict two of its sources are sides of elsewhere in their
    # text: the figure is in another sentence than the one cited ("The price tag is £3.1 million" / "…the bulk of
    # it is coming from the Active Travel Fund"), and the source still does not back "costs £2.4 million"; a name
    # spelled another way a sentence away is still told ("Thornbury Walks spells it “Halworth”").
    for conflict_id, (shown, by_source, values) in getattr(differing, "sides", {}).items():
        cited_sides = {source: set(given) for source, given in by_source.items() if source in passages}
        if not any(says(value, statement) for value in values):
            continue
        if conflict_id in seen:
            for source, given in cited_sides.items():
                seen[conflict_id][1].setdefault(source, given)  # a cited side's own passage counts first
        elif len(cited_sides) >= 2:
            seen[conflict_id] = (shown, cited_sides, values)
    found = []
    against: dict[int, set[str]] = {}
    for shown, by_source, values in seen.values():
        side = sides(values)
        stated = {side[value] for value in values if says(value, statement)}
        cited = {side[value] for value in set().union(*by_source.values())}
        if len(cited) < 2 and not stated:
            continue
        if shown["resolved"] and (not stated or cited == stated and any(
                says(value, shown["resolution"]) for value in values if side[value] in stated)):
            # Settled, and the statement gives none of the values (its passages differ on a detail it does not
            # make: the vote's day under "traffic is banned from 10am"), or it and every passage it cites give
            # the settled one: nothing left to tell here.
            continue
        other = {**shown, "against": {}, "spelled": {}}
        if len(stated) == 1:
            value = max((v for v in values if side[v] in stated), key=len)  # the side in full
            for source, given in by_source.items():
                gives_it = side[value] in {side[g] for g in given}
                if gives_it or any(says(value, text) for text in passages[source]):
                    continue  # it gives the statement's value too ("up from 40 to 60 centimetres")
                if shown["kind"] in SIDED_KINDS:
                    against.setdefault(source, set()).update(given)
                    other["against"][source] = sorted(given)
                elif shown["kind"] == "name":
                    other["spelled"][source] = sorted(given)
        found.append(other)
    return found, against


def backing_count(entry: dict, cited_sources, against: dict[int, set[str]]) -> int:
    """How many sources back the statement: its supporting sources less those whose cited passages give another
    figure or date than it states (never below 0)."""
    cited = set(cited_sources)
    return max(0, entry.get("support", len(cited)) - len(set(against) & cited))


def _names(names: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _by_values(given: dict[int, list[str]], names: dict[int, str]) -> list[tuple[tuple[str, ...], list[str]]]:
    """Sources' names grouped by the values they give, in the order first met."""
    grouped: dict[tuple[str, ...], list[str]] = {}
    for source, values in given.items():
        if source in names:
            grouped.setdefault(tuple(values), []).append(names[source])
    return list(grouped.items())


def difference_label(difference: dict, names: dict[int, str]) -> str:
    """What a statement's link to a conflict says: which sources give another figure or date and what they
    give ("Valley Post gives 60 cm; Harbour News gives 100 cm"), which spell a name the statement uses another
    way, or only that sources differ on a detail; with the editors' settled value when there is one. ``names``:
    {source id: its name}."""
    parts = [
        ngettext("%(names)s gives %(values)s", "%(names)s give %(values)s", len(sources))
        % {"names": _names(sources), "values": _(" or ").join(values)}
        for values, sources in _by_values(difference["against"], names)
    ] + [
        ngettext("%(names)s spells it %(values)s", "%(names)s spell it %(values)s", len(sources))
        % {"names": _names(sources), "values": _(" or ").join(f"“{value}”" for value in values)}
        for values, sources in _by_values(difference["spelled"], names)
    ]
    # With no source to name, what the conflict is about says which detail ("Sources give different days (Tuesday
    # 3 March 2026, Wednesday)"), where "Sources differ on a detail of this" left the reader to guess.
    text = "; ".join(parts) or difference.get("about", "").rstrip(". ") or _("Sources differ on a detail of this")
    if difference["resolved"]:
        text = _("%(text)s; our editors settled it: %(resolution)s") % {
            "text": text, "resolution": difference["resolution"]}
    return text


@dataclass(frozen=True)
class Agreement:
    """One statement's agreement as readers are told it."""

    support: int  # sources backing it
    sources: int  # sources of the explainer
    notes: list[str] = field(default_factory=list)  # difference_label of each way its sources differ

    @property
    def text(self) -> str:
        return agreement_text(self.support, self.sources)


def entry_agreement(entry: dict, statement: str, differing: dict, names: dict[int, str]):
    """One statement's ``(support, differences, against)`` as readers are told it: ``differences`` as
    ``differences`` gives them, each with its ``label``; ``names``: {source id: its name}, the sources shown
    (a citation of any other is not counted)."""
    found, against = differences(entry, statement, differing)
    for difference in found:
        difference["label"] = difference_label(difference, names)
    cited = {c["source"] for c in entry.get("citations", []) if c["source"] in names}
    return backing_count(entry, cited, against), found, against


def agreements(content: dict) -> dict[int, Agreement]:
    """Every statement's agreement, by entry id, as the reader pages count it."""
    names = {source["id"]: source_name(source) for source in content.get("sources", [])}
    source_count = content.get("source_count", len(names))
    differing = differing_passages(content)
    found = {}
    for section in content.get("sections", []):
        for entry in section.get("entries", []):
            statement = plain_text(entry.get("statement_html", "")) or entry.get("statement", "")
            support, told, _against = entry_agreement(entry, statement, differing, names)
            found[entry["id"]] = Agreement(support=support, sources=source_count, notes=[d["label"] for d in told])
    return found
