"""Fragments cut from inside a line: image shortcodes, photo credits in or after a caption, and a sign-up call that
ends a paragraph; and the invisible formatting characters the cleaner removes wherever they are."""
import re

from .page import Page
from .results import SPOILER_REASON
from .rules import is_signpost, rx
from .shapes import words

# Bounded: a shortcode is short, and a pattern left open would read a run of "![" or "[caption]" again from each.
_SHORTCODE_RES = [
    re.compile(r"\[caption\b[^\]]{0,500}\].{0,5000}?\[/caption\]", re.IGNORECASE | re.DOTALL),
    re.compile(r"\{\{[<%]\s*(?:figure|image|img|gallery|video|youtube|vimeo|tweet|twitter|instagram|audio|embed)\b.{0,2000}?[>%]\}\}", re.IGNORECASE | re.DOTALL),
    re.compile(r"\[(?:image|img|gallery|video|embed|audio|playlist|photo|picture)\b(?:\s+[^\]\n]{0,500}|:[^\]\n]{0,500})?\](?:.{0,2000}?\[/(?:image|img|gallery|video|embed|audio|photo)\])?", re.IGNORECASE),
    re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)"),
    re.compile(r"<(?:img|iframe|embed)\b[^>]*>(?:</(?:iframe|embed)>)?", re.IGNORECASE),
]
_INLINE_CREDIT_RE = rx(r"(?<![ \t])[ \t]*\(\s*(?:photo(?:graph)?|image|picture|credit|photo credit|image credit)s?\s*:\s*[^()\n]{1,100}\)")
# "…at the premiere. Photo: Studio": a capitalised label after a sentence end (or alone) closes a caption.
_TRAILING_CREDIT_RE = re.compile(r"(?:^|(?<=[.!?)]))[ \t]*\b(?:Photo(?:graph)?|Image|Picture|Credit|Photo credit|Image credit|PHOTO|IMAGE)s?\s*:\s*[^.!?\n]{1,80}$")
# Inside a paragraph only an unmistakable call counts: "Subscribe to the idea that…" is prose.
_INLINE_SIGNUP_RE = rx(
    r"^(?:sign up|signup|subscribe|join)\b.{0,60}\b(?:newsletter|inbox|digest|briefing|mailing list|updates)\b"
    r"|^(?:sign up|subscribe)\s+(?:now|today|here)\b"
)
# A spoiler note that ends a paragraph: "Here's what you need to know. Spoilers, obviously."
_SPOILER_TAIL_RE = rx(r"^\(?(?:(?:major|mild|heavy|full)\s+)?spoilers?(?:,?\s+(?:obviously|ahead|below|follow|alert|warning|"
                      r"of course|naturally))?[.!)]*$")
# Characters that change how text is shown, or hide in it, without being text: bidirectional embeddings,
# overrides and isolates (which can make a quoted sentence display as something it does not say), zero-width
# space, left-to-right and right-to-left marks, word joiner, a byte-order mark inside the text, soft hyphen.
# Zero-width joiners and non-joiners stay: some scripts and emoji need them.
INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u00ad]+")
# Left-to-right and right-to-left overrides (U+202D, U+202E) make the text after them display reversed, so a
# sentence can read as something it does not say. Right-to-left writing needs marks and isolates, not these.
_OVERRIDES = str.maketrans("", "", "\u202d\u202e")
_LAST_SENTENCE_RE = re.compile(r"[.!?][\"”’)]*\s+(?P<tail>[A-Z][^.!?\n]{2,320}[.!?]?)$")


_CAPTION_MAX_WORDS = 30


def _sentences(text: str) -> int:
    return len(re.findall(r"[.!?][\"”’)]*(?:\s|$)", text.strip())) or 1


def _alone(page: Page, index: int) -> bool:
    """Whether line ``index`` is a paragraph of its own: on each side a blank line, the page's edge or a line left
    empty by what was cut from it (the image a caption sits under)."""
    def empty(i: int) -> bool:
        return i < 0 or i >= len(page.lines) or page.lines[i].blank or not page.remaining(i).strip()
    return empty(index - 1) and empty(index + 1)


def without_overrides(text: str) -> str:
    """``text`` less its bidirectional overrides; the other bidirectional characters stay."""
    return text.translate(_OVERRIDES)


def shortcodes(page: Page) -> None:
    """Image, embed and caption shortcodes anywhere in the text, with the spaces that glue them to what follows."""
    for pattern in _SHORTCODE_RES:
        for m in pattern.finditer(page.text):
            start, end = m.start(), m.end()
            # swallow the spaces that glued it to the caption after it
            while end < len(page.text) and page.text[end] in " \t":
                end += 1
            page.remove_span(start, end, "image shortcode")


def inline_credits(page: Page) -> None:
    """``(Photo: …)`` inside a line, and a ``Photo: …`` label that ends a caption."""
    for line in page.lines:
        if line.index in page.whole or line.blank:
            continue
        for m in _INLINE_CREDIT_RE.finditer(line.raw):
            page.remove_span(line.start + m.start(), line.start + m.end(), "photo credit")
        rest = page.remaining(line.index)
        m = _TRAILING_CREDIT_RE.search(rest)
        if m and words(m.group()) <= 10 and line.index not in page.whole:
            caption = rest[:m.start()].strip()
            if (caption and rest.strip() == line.raw.strip() and words(caption) <= _CAPTION_MAX_WORDS
                    and _sentences(caption) == 1 and _alone(page, line.index)):
                # A paragraph of one short sentence that a credit closes is a picture's caption, whole. (After an
                # image shortcode, only the credit goes: such a caption can carry a point the text makes.)
                page.remove_line(line.index, "photo caption")
                continue
            # locate it in the input: the credit ends the line
            tail = m.group()
            end = line.start + len(line.raw.rstrip())
            if page.text[end - len(tail.rstrip()):end] == tail.rstrip():
                page.remove_span(end - len(tail.rstrip()), end, "photo credit")


def inline_signups(page: Page) -> None:
    """A sign-up call, a pointer to the rest of the page or a spoiler note that ends a paragraph ("… the ending was
    bleak. Sign up for our newsletter!", "Wondering why she cries? Read on for everything you need to know.",
    "Here's what you need to know. Spoilers, obviously.")."""
    for line in page.lines:
        if line.index in page.whole or line.blank:
            continue
        raw = line.raw.rstrip()
        m = _LAST_SENTENCE_RE.search(raw)
        if not m:
            continue
        tail = m.group("tail")
        if words(tail) <= 15 and _INLINE_SIGNUP_RE.search(tail):
            reason = "newsletter sign-up"
        elif _SPOILER_TAIL_RE.match(tail):
            reason = SPOILER_REASON
        elif is_signpost(tail):
            reason = "reader signpost"
        else:
            continue
        page.remove_span(line.start + m.start("tail"), line.start + len(raw), reason)
