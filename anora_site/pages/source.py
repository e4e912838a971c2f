"""The source page: one article's cleaned text as escaped paragraphs, with every passage the explainer cites
or names in a conflict highlighted and linked back to where it is used.
"""
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from claims.agreement import settled_as

from .common import PageUrls, source_list


# The word after a ↩ ≠ link: what kind of detail the sources differ on.
_DIFFERENCE_WORDS = {"name": _lazy("name"), "number": _lazy("figure"), "date": _lazy("date"),
                     "contradiction": _lazy("account")}


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
            about = conflict.get("about", "")
            word = _DIFFERENCE_WORDS.get(conflict.get("kind", ""), _("detail"))
            if settled_as(conflict, variant.get("value", "")):
                # The side our editors settled on: linked, but not marked as differing ("≠"), which would tell
                # readers this source has it wrong.
                back_text = f"↩ ✓ {word}"
                title = _("%(about)s — our editors settled it as this source gives it: %(resolution)s") % {
                    "about": about, "resolution": conflict.get("resolution", "")}
            else:
                # Which difference it is, visibly: two can end at one word ("↩ ≠ name ↩ ≠ figure").
                back_text, title = f"↩ ≠ {word}", about
            spans.append(
                {
                    "start": variant["start"],
                    "end": variant["end"],
                    "anchor": f"v{conflict['id']}-{index}",
                    "kind": "variant",
                    "back_url": f"{urls.explainer}#conflict-{conflict['id']}",
                    "back_label": _("Back to where sources differ: %(about)s") % {"about": about},
                    "back_text": back_text,
                    "back_title": title,
                }
            )
    return spans


_HEADING = re.compile(r"#{1,6}[ \t]+(?=\S)")


def highlight(body: str, spans: list[dict]) -> list[SafeString]:
    """The body as HTML paragraphs (a Markdown heading line as a heading), each span wrapped in ``<mark id=anchor>``
    and followed by a link back.

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
    active: list[dict] = []  # spans covering the current piece

    def close_paragraph() -> None:
        html = "".join(current).strip()
        heading = _HEADING.match(html)
        if heading:
            # A Markdown heading of the article ("## Where will it stop?") reads as a heading, not as "##".
            paragraphs.append(mark_safe(f'<h3 class="source-heading">{html[heading.end():]}</h3>'))
        elif html:
            paragraphs.append(mark_safe(f"<p>{html}</p>"))
        current.clear()

    for left, right in zip(cuts, cuts[1:]):
        new = starting.get(left, [])
        active.extend(new)
        text = body[left:right]
        if active:
            kinds = {s["kind"] for s in active}
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
            title = f' title="{escape(span["back_title"])}"' if span.get("back_title") else ""
            current.append(
                f'<a class="backref" href="{escape(span["back_url"])}"{title}>'
                f'<span class="visually-hidden">{escape(span["back_label"])}</span>'
                f'<span aria-hidden="true">{escape(span["back_text"])}</span></a>'
            )
        for span in ending.get(right, []):
            active.remove(span)
    close_paragraph()
    return paragraphs


def source_context(content: dict, article_id: int, *, urls: PageUrls) -> dict | None:
    """The source page: the cleaned article text with every cited passage highlighted; None if not a source."""
    stored = next((s for s in content.get("sources", []) if s["id"] == article_id), None)
    if stored is None:
        return None
    source = next(s for s in source_list(content, urls) if s["id"] == article_id)
    spans = _passages(content, article_id, urls)
    return {
        "slug": urls.slug or content.get("slug", ""),
        "explainer_title": content.get("title", ""),
        "source": source,
        "source_count": content.get("source_count", len(content.get("sources", []))),
        "paragraphs": highlight(stored.get("body", ""), spans),
        # Passages, not citations: two statements citing one sentence highlight one passage.
        "citation_count": len({(s["start"], s["end"]) for s in spans if s["kind"] == "citation"}),
        "variant_count": sum(1 for s in spans if s["kind"] == "variant"),
        "urls": urls,
    }
