"""The driver: ``clean()`` runs the passes in order over one text, then cuts the removals out of it."""
import re
from collections.abc import Collection

from .blocks import ad_blocks, comment_sections, end_markers, related_blocks, trailing_block
from .inline import INVISIBLE, inline_credits, inline_signups, invisible_marks, shortcodes
from .metadata import date_prefix, header, labelled_lines
from .page import Page
from .results import CleanResult, Metadata, Removal
from .whole_lines import bare_credits, dangling_lead_ins, forum_user_names, whole_lines

# Order matters: a pass skips lines an earlier one removed, and later passes read the metadata and the
# removals of earlier ones (the headline is found among the lines left once the page furniture is gone).
PASSES = (
    date_prefix,
    shortcodes,
    end_markers,
    comment_sections,
    whole_lines,
    labelled_lines,
    ad_blocks,
    related_blocks,
    forum_user_names,
    header,
    inline_credits,
    inline_signups,
    bare_credits,
    dangling_lead_ins,
    trailing_block,
    invisible_marks,  # last: a line it touches is no longer free for the passes that judge whole lines
)


def clean(text: str, *, keep: Collection[tuple[int, int]] = ()) -> CleanResult:
    """Remove page noise from ``text``; spans listed in ``keep`` (restored by an editor) stay in the body.

    Every removal satisfies ``text[r.start:r.end] == r.text``; removals do not overlap. The body is the input
    with the applied removals cut out and whitespace tidied (lines emptied by a cut dropped, runs of blank
    lines collapsed to one, line ends and the whole body stripped); it is otherwise character-identical.
    """
    # The passes read the text with invisible characters shown as spaces (one for one, so offsets hold): a hidden
    # character must not keep "Advertisement" from being recognised, nor end up in a title. The last pass
    # removes the characters themselves from the body.
    page = Page(INVISIBLE.sub(lambda m: " " * len(m.group()), text), source=text)
    for run_pass in PASSES:
        run_pass(page)
    kept = {(int(a), int(b)) for a, b in keep}
    removals, restored = [], []
    for start, end, reason in sorted(page.spans):
        removal = Removal(start, end, text[start:end], reason)
        removals.append(removal)
        if (start, end) in kept:
            restored.append(removal)
    applied = [r for r in removals if (r.start, r.end) not in kept]
    meta = page.meta
    metadata = Metadata(
        title=_as_written(page, meta.get("title", "")),
        publisher=_as_written(page, meta.get("publisher", "")),
        author=_as_written(page, meta.get("author", "")),
        url=_as_written(page, meta.get("url", "")),
        published=meta.get("published"),
    )
    return CleanResult(body=_tidy(text, applied), removals=removals, metadata=metadata, restored=restored)


def _as_written(page: Page, value: str) -> str:
    """A metadata value read from the text the passes saw, where invisible characters were spaces, as the text
    writes it with those characters dropped ("Brücken\u00adbau" gives "Brückenbau", not "Brücken bau"). A value
    the passes reworded is only tidied: runs of spaces as one, none before a comma or a stop."""
    if not page.hides:
        return value
    at = page.text.find(value) if value else -1
    if at >= 0:
        value = INVISIBLE.sub("", page.source[at:at + len(value)])
    return re.sub(r" (?=[,.;:!?])", "", " ".join(value.split()))


def _tidy(text: str, applied: list[Removal]) -> str:
    mask = bytearray(len(text))
    for r in applied:
        mask[r.start:r.end] = b"\x01" * (r.end - r.start)
    out: list[str] = []
    offset = 0
    for raw in text.split("\n"):
        span = range(offset, offset + len(raw))
        touched = any(mask[i] for i in span)
        kept = "".join(text[i] for i in span if not mask[i]) if touched else raw
        offset += len(raw) + 1
        kept = kept.rstrip()
        if touched and not kept.strip():
            continue
        if not kept and out and not out[-1]:
            continue
        out.append(kept)
    return "\n".join(out).strip()
