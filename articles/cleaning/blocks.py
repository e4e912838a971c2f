"""Runs of lines removed together: a press release's footer, ad copy under an advertisement marker, related
links under their heading, and the promo, account and footer lines that end the page."""
import re

from .page import Page
from .rules import rx
from .shapes import ends_sentence, is_link_row, is_list_item, plain, words

_RELATED_HEAD_RE = rx(
    r"^(?:related(?: posts| articles| stories| reading| coverage| content)?|more from\b.{0,40}|more on this(?: story)?"
    r"|read (?:more|next)|also read|see also|you (?:may|might) also like|recommended(?: for you)?|most (?:read|popular)"
    r"|more (?:posts|stories|articles|threads|videos|discussions)(?: you (?:may|might) (?:like|enjoy)| like this)?)\s*:?$"
)
_END_MARKER_RE = re.compile(r"^[-–—#\s]*(?:ENDS|-ends-|End of (?:release|press release))[-–—#\s]*$")
# The head of the readers' comments under an article, always with a count or a quoted title: "Comments (3)",
# "12 comments", "3 thoughts on “…”". A bare "Comments" may head a section of the article itself.
_COMMENTS_HEAD_RE = rx(
    r"^(?:reader )?comments?\s*\(\d+\)\s*:?$|^\(?\d+\)?\s+(?:reader )?(?:comments?|responses?|replies)\s*:?$"
    r"|^\d+\s+(?:thoughts|responses|replies|comments) (?:on|to)\s+[“\"‘'][^.!?]*[”\"’']\s*:?$"
)
_NOTES_TO_EDITORS_RE = rx(r"^notes? (?:to|for) (?:editors?)\s*:?$")
# Words of page furniture, for the run of lines at the page's end. Strong ones speak to the reader about the
# site; weak ones ("privacy", "terms", "comments") also occur in news prose, so they only count on lines that
# are not sentences.
_PROMO_STRONG_RE = rx(
    r"\bsign ?(?:up|in)\b|\blog ?in\b|\bsubscribe\b|\bsubscription\b|\bnewsletter\b|\binbox\b"
    r"|\byour (?:account|settings|profile)\b|\bprofile settings\b|\bcookies\b|\bshare (?:this|your)\b"
    r"|\bbookmark\b|\bfollow us\b|\bpodcast\b|\bcheck out our\b|\bvisit our\b|\bdownload (?:our|the) app\b"
    r"|\bad[- ]free\b|\bfree trial\b|\bwelcome to\b|\bverification\b"
)
_PROMO_WEAK_RE = rx(r"\bregister\b|\bnotifications?\b|\bcookies?\b|\bprivacy\b|\bterms\b|\bcomments?\b|\bmembership\b"
                    r"|\bcontact us\b|\baccount\b|\bsettings\b|\bshare\b")
_READER_RE = rx(r"\b(?:you|your|you're|you’re|our)\b|^(?:please|sign|log|subscribe|join|follow|share|check|visit|download"
                r"|listen|get|try|register|click|tap|don't|don’t)\b")


def end_markers(page: Page) -> None:
    """A press release's ``ENDS`` and ``Notes to editors``: everything after them is for journalists."""
    for line in page.lines:
        s = plain(line.raw)
        if _END_MARKER_RE.match(s) and line.index > len(page.lines) // 3:
            for later in page.lines[line.index:]:
                page.remove_line(later.index, "press-release footer")
            return
        if _NOTES_TO_EDITORS_RE.match(s):
            for later in page.lines[line.index:]:
                if later.blank and later.index > line.index:
                    break
                page.remove_line(later.index, "press-release footer")


def comment_sections(page: Page) -> None:
    """Readers' comments: everything from a comments heading in the second half of the page to its end."""
    for line in page.lines:
        if line.index < len(page.lines) // 2 or not page.free(line.index):
            continue
        if _COMMENTS_HEAD_RE.match(plain(line.raw)):
            for later in page.lines[line.index:]:
                page.remove_line(later.index, "reader comments")
            return


def ad_blocks(page: Page) -> None:
    """Ad copy that follows an advertisement marker in the same block (no blank line in between)."""
    if not page.blank_paragraphs:
        return
    for index, reason in sorted(page.whole.items()):
        if reason != "advertisement marker":
            continue
        block = []
        for ln in page.lines[index + 1:]:
            if ln.blank:
                break
            block.append(ln.index)
        if 0 < len(block) <= 2 and all(words(page.lines[i].raw) <= 40 for i in block):
            for i in block:
                page.remove_line(i, "advertisement")


def related_blocks(page: Page) -> None:
    """``Related posts:`` / ``More from X`` and the short link lines under it."""
    for line in page.lines:
        s = plain(line.raw)
        if not s or not page.free(line.index) or words(s) > 7 or not _RELATED_HEAD_RE.match(s):
            continue
        links = []
        for ln in page.lines[line.index + 1:]:
            if ln.blank:
                if links:
                    break
                continue
            t = plain(ln.raw)
            if words(t) <= 15 and not ends_sentence(t) or is_list_item(ln.raw) and words(t) <= 15:
                links.append(ln.index)
            else:
                break
        if links:
            page.remove_line(line.index, "related links")
            for i in links:
                page.remove_line(i, "related links")


def trailing_block(page: Page) -> None:
    """The run of promo, account and footer lines at the end of the page."""
    for line in reversed(page.lines):
        if line.blank or line.index in page.whole:
            continue
        s = plain(page.remaining(line.index))
        if not s or not page.free(line.index):
            break
        n = words(s)
        # a short line with no full stop: a button or a menu, unless it is a list item or a lead-in
        ui_label = n <= 6 and not ends_sentence(s) and not is_list_item(line.raw) and not s.endswith(":")
        separator = re.fullmatch(r"[-*_=~]{3,}", s) is not None
        if ends_sentence(s):
            promo = n <= 60 and bool(_PROMO_STRONG_RE.search(s)) and bool(_READER_RE.search(s))
        else:
            promo = n <= 12 and bool(_PROMO_STRONG_RE.search(s) or _PROMO_WEAK_RE.search(s))
        if not (ui_label or separator or promo or is_link_row(s)):
            break
        page.remove_line(line.index, "trailing promo block")
