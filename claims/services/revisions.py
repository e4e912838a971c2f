"""What a revision holds, and what changed between two of them.

``revision_content_build`` turns an explainer's approved entries into the plain dictionary that publishing
freezes into a :class:`~claims.models.Revision` and that the staff preview renders. ``revisions_compare``
is a pure function over two such dictionaries; the admin compare view and the public history page both use it.

Content schema 1::

    {"schema": 1, "slug", "title", "introduction_html", "spoilers", "source_count",
     "sources": [{"id", "number", "origin", "title", "publisher", "author", "url", "published", "name", "body"}],
     "sections": [{"title", "entries": [{"id", "statement", "statement_html", "kind", "support",
                   "citations": [{"number", "source", "claim", "start", "end", "text",
                                  "sentence_start", "sentence_end"}]}]}],
     "conflicts": [{"id", "about", "kind", "status", "resolution", "resolution_note",
                    "variants": [{"value", "source", "start", "end", "text"}]}]}
"""
import difflib
import re
from collections import Counter, defaultdict

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.cleaning import SPOILER_REASON
from articles.models import Article, Explainer, RemovedFragment
from claims.agreement import agreements, source_name
from claims.markdown import plain_text, render_markdown, statement_html
from claims.models import Claim, ClaimKind, Conflict, ConflictVariant, ConsensusEntry, Draft, EntryClaim, Section

SCHEMA = 1

# Entries an editor has not placed in a section are grouped by kind under these headings, in this order.
DEFAULT_SECTIONS: list[tuple[str, list[str]]] = [
    ("What happens", [ClaimKind.PLOT]),
    ("What it means", [ClaimKind.INTERPRETATION]),
    ("Background facts", [ClaimKind.PRODUCTION]),
    ("Other points", [ClaimKind.OTHER]),
]
# The heading of entries of no particular kind (a news topic's plain facts) when no entry is an event and no
# editor has made sections: they lead, and "Other points" would be other than nothing.
ONLY_SECTION_TITLE = "Key points"


def draft_for(*, explainer: Explainer) -> Draft:
    """The explainer's one draft, created on first use, with the spoiler warning on when the sources tell a story
    (``tells_a_story``). Editors set it on the Compose page from then on."""
    draft = Draft.objects.filter(explainer=explainer).first()
    if draft is None:
        draft, _created = Draft.objects.get_or_create(explainer=explainer,
                                                      defaults={"spoilers": tells_a_story(explainer)})
    return draft


def tells_a_story(explainer: Explainer) -> bool:
    """Whether the explainer gives away a story: a source carried a spoiler warning, or some claim is a plot event
    (a film's, a novel's, a series'). A page of election results or a road closure has neither, and readers of
    it would only be puzzled by a spoiler warning. Before any claim is read nothing is known, and the warning
    stays on: a film's ending must not go out unwarned because its draft was opened before the first build."""
    claims = Claim.objects.filter(article__explainer=explainer)
    return (
        not claims.exists()
        or claims.filter(kind=ClaimKind.PLOT).exists()
        or RemovedFragment.objects.filter(article__explainer=explainer, reason=SPOILER_REASON).exists()
    )


def by_kind(loose: dict[str, list], *, editor_sections: bool) -> list[tuple[str, list]]:
    """Entries no editor placed, ``loose`` by ``default_section_title``, as headed sections in the default order.
    With no sections of the editors' and no events among them, the plain facts lead, as "Key points", before any
    reading of them ("Other points" as the first or only heading would be other than nothing)."""
    grouped = [(str(title), loose[title]) for title, _kinds in DEFAULT_SECTIONS if loose.get(title)]
    titles = [title for title, _members in grouped]
    if not editor_sections and DEFAULT_SECTIONS[-1][0] in titles and DEFAULT_SECTIONS[0][0] not in titles:
        others = grouped.pop(titles.index(DEFAULT_SECTIONS[-1][0]))
        grouped.insert(0, (ONLY_SECTION_TITLE, others[1]))
    return grouped


def unplaced_sections(entries, *, editor_sections: bool) -> list[tuple[str, list]]:
    """Those of the approved ``entries`` no editor placed, as ``by_kind`` heads them."""
    loose: dict[str, list] = defaultdict(list)
    for entry in entries:
        if entry.section_id is None:
            loose[default_section_title(entry.kind)].append(entry)
    return by_kind(loose, editor_sections=editor_sections)


def default_titles(entries) -> list[str]:
    """The headings the approved ``entries`` no editor placed go under now, in order (``by_kind``)."""
    return [title for title, _members in unplaced_sections(entries, editor_sections=False)]


def default_section_title(kind: str) -> str:
    """The heading an entry of this kind goes under when no editor has placed it."""
    for title, kinds in DEFAULT_SECTIONS:
        if kind in kinds:
            return title
    return DEFAULT_SECTIONS[-1][0]


def revision_content_build(*, explainer: Explainer) -> dict:
    """The explainer as readers would see it now: approved entries only, sources numbered, citations in order.

    Deterministic: building twice without an edit in between gives equal dictionaries, so "is the live
    revision current?" is a plain comparison.
    """
    draft = draft_for(explainer=explainer)
    articles = list(
        Article.objects.filter(explainer=explainer)
        .order_by("origin", "id")
        .only("id", "origin", "title", "publisher", "author", "url", "published", "body", "explainer_id")
    )
    number_of = {article.id: index for index, article in enumerate(articles, start=1)}
    sources = [
        {
            "id": article.id,
            "number": number_of[article.id],
            "origin": article.origin,
            "title": article.title,
            "publisher": article.publisher,
            "author": article.author,
            "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "name": article.display_name,
            "body": article.body,
        }
        for article in articles
    ]

    entries = list(
        ConsensusEntry.objects.filter(explainer=explainer, status=ConsensusEntry.Status.APPROVED)
        .select_related("section")
        .prefetch_related(
            Prefetch("supports", queryset=EntryClaim.objects.select_related("claim").order_by("claim_id"))
        )
        .order_by("position", "id")
    )
    sections = list(Section.objects.filter(explainer=explainer).order_by("position", "id"))
    placed: dict[int, list[ConsensusEntry]] = defaultdict(list)
    loose: dict[str, list[ConsensusEntry]] = defaultdict(list)
    for entry in entries:
        if entry.section_id is not None:
            placed[entry.section_id].append(entry)
        else:
            loose[default_section_title(entry.kind)].append(entry)

    grouped: list[tuple[str, list[ConsensusEntry]]] = []
    for section in sections:
        members = placed.get(section.id, []) + loose.pop(section.title, [])
        if section.title == ONLY_SECTION_TITLE:  # made from the default "Key points": the facts still go there
            members += loose.pop(DEFAULT_SECTIONS[-1][0], [])
        if members:
            grouped.append((section.title, members))
    grouped += by_kind(loose, editor_sections=bool(sections))

    citation_number = 0
    content_sections = []
    for title, members in grouped:
        content_entries = []
        for entry in members:
            claims = sorted(
                (support.claim for support in entry.supports.all()),
                key=lambda claim: (number_of.get(claim.article_id, 0), claim.start, claim.id),
            )
            citations = []
            for claim in claims:
                citation_number += 1
                citations.append(
                    {
                        "number": citation_number,
                        "source": claim.article_id,
                        "claim": claim.id,
                        "start": claim.start,
                        "end": claim.end,
                        "text": claim.text,
                        "sentence_start": claim.sentence_start,
                        "sentence_end": claim.sentence_end,
                    }
                )
            content_entries.append(
                {
                    "id": entry.id,
                    "statement": entry.statement,
                    "statement_html": statement_html(entry.statement, edited=entry.statement_edited),
                    "kind": entry.kind,
                    "support": len({claim.article_id for claim in claims}),
                    "citations": citations,
                }
            )
        content_sections.append({"title": title, "entries": content_entries})

    conflicts = (
        Conflict.objects.filter(explainer=explainer)
        .exclude(status=Conflict.Status.DISMISSED)
        .prefetch_related(Prefetch("variants", queryset=ConflictVariant.objects.order_by("article_id", "start", "id")))
        .order_by("id")
    )
    content_conflicts = [
        {
            "id": conflict.id,
            "about": conflict.about,
            "kind": conflict.kind,
            "status": conflict.status,
            "resolution": conflict.resolution,
            "resolution_note": conflict.resolution_note,
            "variants": [
                {"value": v.value, "source": v.article_id, "start": v.start, "end": v.end, "text": v.text}
                for v in conflict.variants.all()
            ],
        }
        for conflict in conflicts
    ]

    return {
        "schema": SCHEMA,
        "slug": explainer.slug,
        "title": explainer.title,
        "introduction_html": render_markdown(draft.introduction),
        "spoilers": draft.spoilers,
        "source_count": len(sources),
        "sources": sources,
        "sections": content_sections,
        "conflicts": content_conflicts,
    }


def revision_search_text(content: dict) -> str:
    """The title, the plain text of every statement, the introduction, and every value the sources differ on
    (a reader searching "Kearny" finds the explainer that spells it "Kearney"), for full-text search."""
    parts = [content.get("title", "")]
    for section in content.get("sections", []):
        for entry in section.get("entries", []):
            parts.append(plain_text(entry.get("statement_html", "")))
    parts.append(plain_text(content.get("introduction_html", "")))
    values = (v.get("value", "") for c in content.get("conflicts", []) for v in c.get("variants", []))
    parts.append(" ".join(dict.fromkeys(value for value in values if value)))
    return "\n".join(part for part in parts if part)


def _entries(content: dict | None) -> dict[int, dict]:
    """Entries by id, each with the title of the section it sits in and its ``support`` as readers are told it
    (a source whose passage gives another figure does not count)."""
    told = agreements(content or {})
    found: dict[int, dict] = {}
    for section in (content or {}).get("sections", []):
        for entry in section.get("entries", []):
            found[entry["id"]] = {**entry, "section": section.get("title", ""), "support": told[entry["id"]].support}
    return found


def _citations(entries: dict[int, dict]) -> dict[tuple[int, int, str, int], dict]:
    """Citations keyed by what a reader sees: the entry, the source and the quoted words (and which of several
    identical quotes it is). Not by claim id: a re-read article gets new claim rows for the same sentences, and
    those are no change."""
    keyed: dict[tuple[int, int, str, int], dict] = {}
    seen: Counter = Counter()
    for entry_id, entry in entries.items():
        for citation in entry.get("citations", []):
            quote = (entry_id, citation["source"], citation["text"])
            keyed[(*quote, seen[quote])] = {**citation, "entry": entry_id, "statement": entry.get("statement", "")}
            seen[quote] += 1
    return keyed


def _word_diff(old: str, new: str) -> list[list[str]]:
    """``[[op, text], …]`` with op one of ``equal``, ``insert``, ``delete``; words and spaces kept."""
    a, b = re.findall(r"\s+|[^\s]+", old), re.findall(r"\s+|[^\s]+", new)
    ops: list[list[str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(["equal", "".join(a[i1:i2])])
            continue
        if i2 > i1:
            ops.append(["delete", "".join(a[i1:i2])])
        if j2 > j1:
            ops.append(["insert", "".join(b[j1:j2])])
    return ops


# What readers see of a source in the sources list: a correction to any of these is a change to review.
_SOURCE_DETAILS = ("name", "title", "publisher", "author", "url", "published")


def same_content(old_content: dict | None, new_content: dict | None) -> bool:
    """Whether two revision contents show readers the same thing. The slug stored in each is where the explainer
    lived when it was built; a rename changes only the address, not what is published there."""
    if old_content is None or new_content is None:
        return old_content is new_content
    return ({k: v for k, v in old_content.items() if k != "slug"}
            == {k: v for k, v in new_content.items() if k != "slug"})


def revisions_compare(old_content: dict | None, new_content: dict | None) -> dict:
    """What changed from ``old_content`` to ``new_content`` (either may be empty, e.g. the first revision).

    Returns plain data::

        {"title": {"old", "new"} | None, "introduction_changed": bool,
         "introduction": {"old", "new", "diff", "formatting_only"} | None (plain text; None for a first
         revision),
         "spoilers": {"old", "new"} | None,
         "entries_added": [entry…], "entries_removed": [entry…],
         "entries_reworded": [{"id", "old", "new", "diff": [[op, text]…], "section"}],
         "entries_moved": [{"id", "statement", "old", "new"}],
         "support_changed": [{"id", "statement", "old", "new"}],
         "citations_added": [citation…], "citations_dropped": [citation…],
         "conflicts_added" / "conflicts_changed": [{"id", "about", "old", "new"}],
         "conflicts_removed": [{"id", "about"}],
         "sources_changed": [{"id", "name", "changes": [{"field", "old", "new"}…]}],
         "changed": bool, "first": bool (nothing before it), "summary": str}

    Entries are matched by id, citations by (entry, source, quoted text); each listed entry carries ``statement`` and
    ``section``, each citation its ``entry``, ``statement``, ``source``, ``source_name`` and ``text``.
    """
    old_content, new_content = old_content or {}, new_content or {}
    old_entries, new_entries = _entries(old_content), _entries(new_content)
    added = [new_entries[i] for i in new_entries if i not in old_entries]
    removed = [old_entries[i] for i in old_entries if i not in new_entries]
    reworded, moved, support_changed = [], [], []
    for entry_id, new in new_entries.items():
        old = old_entries.get(entry_id)
        if old is None:
            continue
        if old["statement"] != new["statement"]:
            reworded.append(
                {
                    "id": entry_id,
                    "old": old["statement"],
                    "new": new["statement"],
                    "diff": _word_diff(old["statement"], new["statement"]),
                    "section": new["section"],
                }
            )
        if old["section"] != new["section"]:
            moved.append({"id": entry_id, "statement": new["statement"], "old": old["section"], "new": new["section"]})
        if old.get("support") != new.get("support"):
            support_changed.append(
                {"id": entry_id, "statement": new["statement"], "old": old.get("support"), "new": new.get("support")}
            )

    # Citations of added or removed entries are counted with their entries, not again here.
    old_citations = _citations({i: e for i, e in old_entries.items() if i in new_entries})
    new_citations = _citations({i: e for i, e in new_entries.items() if i in old_entries})
    names = {source["id"]: source_name(source)
             for source in [*old_content.get("sources", []), *new_content.get("sources", [])]}
    citations_added = [{**c, "source_name": names.get(c["source"], "")}
                       for key, c in new_citations.items() if key not in old_citations]
    citations_dropped = [{**c, "source_name": names.get(c["source"], "")}
                         for key, c in old_citations.items() if key not in new_citations]

    old_conflicts = {c["id"]: c for c in old_content.get("conflicts", [])}
    new_conflict_ids = {c["id"] for c in new_content.get("conflicts", [])}
    conflicts_added, conflicts_changed = [], []
    for conflict in new_content.get("conflicts", []):
        before = old_conflicts.get(conflict["id"])
        state = (conflict.get("status"), conflict.get("resolution"), conflict.get("resolution_note"))
        old_state = (before.get("status"), before.get("resolution"), before.get("resolution_note")) if before else None
        row = {"id": conflict["id"], "about": conflict.get("about", ""), "old": old_state, "new": state}
        if before is None:
            conflicts_added.append(row)
        elif state != old_state:
            conflicts_changed.append(row)
    conflicts_removed = [
        {"id": c["id"], "about": c.get("about", "")} for key, c in old_conflicts.items() if key not in new_conflict_ids
    ]

    title = None
    if old_content and old_content.get("title") != new_content.get("title"):
        title = {"old": old_content.get("title"), "new": new_content.get("title")}
    spoilers = None
    if old_content and old_content.get("spoilers") != new_content.get("spoilers"):
        spoilers = {"old": old_content.get("spoilers"), "new": new_content.get("spoilers")}
    old_sources = {source["id"]: source for source in old_content.get("sources", [])}
    sources_changed = []
    for source in new_content.get("sources", []):
        before = old_sources.get(source["id"])
        fields = [f for f in _SOURCE_DETAILS if before is not None and before.get(f) != source.get(f)]
        if fields:
            sources_changed.append({"id": source["id"], "name": source.get("name", ""), "changes": [
                {"field": f, "old": before.get(f), "new": source.get(f)} for f in fields]})

    old_intro, new_intro = old_content.get("introduction_html", ""), new_content.get("introduction_html", "")
    result = {
        "title": title,
        "introduction_changed": bool(old_content) and old_intro != new_intro,
        "introduction": _introduction_change(old_intro, new_intro) if old_content and old_intro != new_intro else None,
        "spoilers": spoilers,
        "entries_added": added,
        "entries_removed": removed,
        "entries_reworded": reworded,
        "entries_moved": moved,
        "support_changed": support_changed,
        "citations_added": citations_added,
        "citations_dropped": citations_dropped,
        "conflicts_added": conflicts_added,
        "conflicts_changed": conflicts_changed,
        "conflicts_removed": conflicts_removed,
        "sources_changed": sources_changed,
    }
    result["changed"] = any(bool(value) for value in result.values())
    result["first"] = not old_content
    result["summary"] = compare_summary(result, new_content)
    return result


def _introduction_change(old_html: str, new_html: str) -> dict:
    """The introduction's words taken out and put in; ``formatting_only`` when the words are the same and only
    emphasis or links changed."""
    old, new = plain_text(old_html), plain_text(new_html)
    return {"old": old, "new": new, "diff": _word_diff(old, new), "formatting_only": old == new}


def compare_summary(comparison: dict, new_content: dict | None = None) -> str:
    """One line a person can read: "3 statements added, 1 reworded, 2 citations dropped."; for a first
    revision, what it holds: "First publication: 12 statements from 3 sources; sources differ on 2 details."."""
    if comparison.get("first"):
        statements, conflicts = len(comparison["entries_added"]), len(comparison["conflicts_added"])
        sources = (new_content or {}).get("source_count", len((new_content or {}).get("sources", [])))
        text = ngettext("First publication: %(n)d statement", "First publication: %(n)d statements",
                        statements) % {"n": statements}
        text += ngettext(" from %(n)d source", " from %(n)d sources", sources) % {"n": sources}
        if conflicts:
            text += ngettext("; sources differ on %(n)d detail", "; sources differ on %(n)d details",
                             conflicts) % {"n": conflicts}
        return text + "."
    parts = []
    counts = [
        (len(comparison["entries_added"]), lambda n: ngettext("%d statement added", "%d statements added", n)),
        (len(comparison["entries_removed"]), lambda n: ngettext("%d statement removed", "%d statements removed", n)),
        (len(comparison["entries_reworded"]), lambda n: ngettext("%d reworded", "%d reworded", n)),
        (len(comparison["entries_moved"]), lambda n: ngettext("%d moved", "%d moved", n)),
        (len(comparison["citations_added"]), lambda n: ngettext("%d citation added", "%d citations added", n)),
        (len(comparison["citations_dropped"]), lambda n: ngettext("%d citation dropped", "%d citations dropped", n)),
        (len(comparison["conflicts_added"]), lambda n: ngettext("%d conflict added", "%d conflicts added", n)),
        (len(comparison["conflicts_changed"]), lambda n: ngettext("%d conflict changed", "%d conflicts changed", n)),
        (len(comparison["conflicts_removed"]), lambda n: ngettext("%d conflict removed", "%d conflicts removed", n)),
        (len(comparison.get("sources_changed", [])),
         lambda n: ngettext("%d source's details changed", "%d sources' details changed", n)),
    ]
    for count, phrase in counts:
        if count:
            parts.append(phrase(count) % count)
    if comparison["title"]:
        parts.append(_("title changed"))
    if comparison["introduction_changed"]:
        parts.append(_("introduction changed"))
    if comparison["spoilers"]:
        parts.append(_("spoiler warning changed"))
    if not parts:
        return _("No changes.")
    text = ", ".join(parts)
    return text[0].upper() + text[1:] + "."
