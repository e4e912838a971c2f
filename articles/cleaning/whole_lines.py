"""Lines removed whole, each judged on its own: the whole-line rules (banners, sign-ups, share buttons, bylines,
date lines…), a forum user name, a bare photo credit between a heading and a paragraph, and a lead-in that
announces a list which is not there."""
import re
from collections.abc import Collection

from .dates import find_date
from .page import Page
from .rules import BYLINE_SEGMENT_RE, ROLE_BYLINE_RE, SECTION_WORDS, line_reason, names_outlet, rx
from .shapes import is_heading_like, is_list_item, is_prose, plain, segments, words

# "Posted 5 May 2026 by Joe Pratt": a lower-case "by" inside a date line still names the author ("by The
# Coastal Courier" names the outlet, not a person).
_DATELINE_BY_RE = re.compile(r"\bby\s+(?!The\b)(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})")
# "Posted by Orla on the Thornbury Walks blog, 5 March 2026": the author, and the site when the line calls it a blog
# or a site ("on Monday" names no site).
_POSTED_BY_RE = rx(
    r"^post(?:ed)? by\s+(?P<name>(?-i:[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}))"
    r"(?:\s+(?:on|at|in|for)\s+(?:the\s+)?(?P<site>(?-i:[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,4}))\s+"
    r"(?-i:blog|website|site|newsletter|podcast)\b)?"
)
_SIGNUP_PUBLISHER_RES = [
    rx(r"^(?:sign up|subscribe)\s+(?:for|to)\s+(?P<name>[^:.,]{1,60}?)\s+(?:daily|weekly|newsletter|briefing|digest|bulletin)\b"),
]


def _signup_outlet(named: str) -> str:
    """The outlet in what a sign-up line names: its leading capitalised words, without a possessive ("the
    Evening Post morning" → "Evening Post", "the Herald's free transport" → "Herald"); "" if it names none."""
    found = []
    for word in re.sub(r"^the\s+", "", named.strip()).split():  # "the Herald", but "The Slow Crumb" is a name
        bare = re.sub(r"['’]s$", "", word)
        if not bare[:1].isupper():
            break
        found.append(bare)
        if bare != word:
            break  # "Herald's …": the possessive ends the name
    return " ".join(found)


def whole_lines(page: Page, only: Collection[int] | None = None) -> None:
    """Lines a whole-line rule calls noise (of the lines ``only`` lists, if given); the date, byline and sign-up
    publisher they carry become metadata."""
    for line in page.lines if only is None else [page.lines[i] for i in only]:
        if line.blank or not page.free(line.index):
            continue
        reason = line_reason(line.raw)
        if reason is None:
            continue
        s = plain(line.raw)
        if reason in {"metadata line", "byline", "forum chrome", "reading time", "embargo line"}:
            found = find_date(s)
            if found:
                page.set_meta("published", found[0])
            posted = _POSTED_BY_RE.match(s) if reason == "forum chrome" else None
            if posted:
                page.set_meta("author", posted.group("name").strip(" .,"))
                if posted.group("site"):
                    page.meta.setdefault("publisher_byline", posted.group("site"))
                by = None
            else:
                by = BYLINE_SEGMENT_RE.search(s) or (
                    _DATELINE_BY_RE.search(s) if reason in {"metadata line", "byline"} else None)
            by = by or (ROLE_BYLINE_RE.match(s) if reason == "byline" else None)
            if by:
                page.set_meta("author", by.group("name").strip(" .,"))
                outlet = byline_publisher(s)
                if outlet:
                    page.meta.setdefault("publisher_byline", outlet)
            elif reason == "metadata line":  # "Greyhaven Gazette | 1 December 2026": no byline to lean on, so
                outlet = byline_publisher(s)  # the name must end as an outlet's does
                if outlet and names_outlet(outlet):
                    page.meta.setdefault("publisher_byline", outlet)
        if reason == "newsletter sign-up":
            for pattern in _SIGNUP_PUBLISHER_RES:
                m = pattern.search(s)
                if m:
                    name = _signup_outlet(m.group("name"))
                    if name:
                        page.meta.setdefault("publisher_signup", name)
        page.remove_line(line.index, reason)


# A job title or a page control beside the byline is not the outlet either.
_ROLE_RE = rx(r"\b(?:reporter|correspondent|editor|writer|critic|columnist|contributor|staff|desk|head|chief|senior|"
              r"junior|deputy|assistant|associate|lecturer|professor|director|manager|officer|producer|analyst|"
              r"read|updated|published|posted|share|follow|exclusive|live)\b")


def _outlet_like(part: str) -> bool:
    """Two to five capitalised words that are not the byline, a date, a job title or a site section."""
    if not part or part.lower().startswith("by ") or find_date(part) or re.search(r"\d", part):
        return False
    tokens = part.split()
    if not 2 <= len(tokens) <= 5 or _ROLE_RE.search(part) or all(t.lower() in SECTION_WORDS for t in tokens):
        return False
    return all(t[:1].isupper() or t.lower() in {"of", "and", "the", "&", "de", "la"} for t in tokens)


def byline_publisher(s: str) -> str:
    """The outlet named beside a byline ("By Una Morrow | The Coastal Courier | 12 April 2026"): the first
    segment of two to five capitalised words that is not the byline, a date, a job title or a site section.
    One word alone ("Monday", "Portsmouth", "Share") is too often something else, so it is never taken.
    Between commas a place, a team, a co-author or an employer is as likely, so there only the part right
    before the date is taken, and only when its name ends as an outlet's does ("By Una Morrow, Coastline
    Courier, 30 November 2026"; not "By Jane Doe, Mark Post" or "…, Seattle Sun Devils, 1 December 2026")."""
    for part in segments(s):
        part = part.strip(" ,;»›")
        if _outlet_like(part):
            return part
    parts = [part.strip(" ;»›") for part in s.split(",")]
    for part, following in zip(parts, parts[1:]):
        if find_date(following) and " and " not in part and _outlet_like(part) and names_outlet(part):
            return part
    return ""


def forum_user_names(page: Page) -> None:
    """A lone user name right above a post header (``gullwatcher_88`` / ``Member · Joined …``)."""
    for line in page.lines:
        s = line.raw.strip()
        if not page.free(line.index) or not re.fullmatch(r"@?[\w.-]{2,32}", s):
            continue
        after = line.index + 1
        if after < len(page.lines) and page.whole.get(after) in {"forum chrome", "metadata line"}:
            if re.search(r"[\d_]", s) or s.islower():
                page.remove_line(line.index, "forum chrome")


_QUOTE_HEADER_RE = rx(r"^(?:quote|originally posted by\b.*|quoting\b.*|.{1,40}\bwrote)\s*:?$")


def quoted_repeats(page: Page) -> None:
    """A reply's quotation of an earlier post, word for word ("> She's staying" or the lines under "Quote: /
    Originally Posted by …"): the words are already in the page where they were first written, and counted twice
    they would be one source saying a thing twice."""
    under_header = False
    for line in page.lines:
        if line.blank:
            under_header = False
            continue
        s = plain(line.raw)
        if _QUOTE_HEADER_RE.match(s):
            under_header = True
            continue
        quoted = line.raw.lstrip().startswith(">") or under_header
        s = s.lstrip("> ")
        if quoted and page.free(line.index) and words(s) >= 3 and page.text.find(s, 0, line.start) >= 0:
            page.remove_line(line.index, "quoted repeat")


_BARE_NAME_RE = re.compile(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}")


def bare_bylines(page: Page) -> None:
    """A writer's name alone on its line between the headline (a Markdown heading) and the date line ("# The Quiet
    Expansion" / "Orla Quint" / "Apr 2, 2026"), as newsletter platforms print it: a byline without its "By".
    Only the first such name, and none on a page where a name and a date follow each other again (a programme of
    events, a timeline): "Harbour Festival" / "Sunday 5 July 2026" is an event, not its writer."""
    nonblank = [ln.index for ln in page.lines if not ln.blank]
    pairs = [(a, b) for a, b in zip(nonblank, nonblank[1:])
             if page.whole.get(b) == "metadata line" and _BARE_NAME_RE.fullmatch(plain(page.lines[a].raw))]
    if len(pairs) != 1:
        return
    index = pairs[0][0]
    name = plain(page.lines[index].raw)
    if any(re.search(r"\b" + re.escape(word.lower()) + r"\b", page.text) for word in name.split()):
        return  # "Planning Committee": the page writes "committee" as a word, so it is no one's name
    above = [i for i in nonblank if i < index]
    if not page.free(index) or not above or above[-1] not in page.content_indices()[:3] or not re.match(
            r"\s*#{1,6}\s+\S", page.lines[above[-1]].raw):
        return
    page.remove_line(index, "byline")
    page.set_meta("author", name)


def bare_credits(page: Page) -> None:
    """A word or three standing alone between a heading and a paragraph: a photo credit or caption."""
    for index in page.content_indices():
        s = plain(page.lines[index].raw)
        if not page.free(index) or words(s) > 3 or s[-1:] in ".!?:;," or page.lines[index].raw.lstrip().startswith("#"):
            continue
        if is_list_item(page.lines[index].raw):
            continue
        prev, nxt = page.prev_content(index), page.next_content(index)
        if prev is None or nxt is None:
            continue
        heading = plain(page.lines[prev].raw)
        if (is_heading_like(page.lines[prev].raw, 15) and words(heading) >= 3 and not heading.endswith("?")
                and is_prose(page.lines[nxt].raw)):
            page.remove_line(index, "photo credit")


def dangling_lead_ins(page: Page) -> None:
    """A sentence ending in ``:`` that announces a list which is not there."""
    for index in page.content_indices():
        raw = page.lines[index].raw
        s = plain(raw)
        if not page.free(index) or not s.endswith(":") or words(s) < 4 or words(s) > 40 or is_list_item(raw):
            continue
        nxt = page.next_content(index)
        if nxt is None:
            continue
        following = page.lines[nxt].raw.strip()
        if (is_list_item(following) or following.startswith(("#", ">", "\"", "“", "'", "‘", "`", "|"))
                or not is_prose(following)):
            continue
        page.remove_line(index, "dangling list lead-in")
