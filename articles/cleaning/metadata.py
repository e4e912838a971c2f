"""Metadata recovered from the top of the page: a leading date, labelled lines (``URL:``, ``Title:``,
``Publisher:``), the site name above breadcrumbs, and the headline. The lines they came from are removed."""
import re

from .dates import find_date
from .page import Page
from .results import TITLE_REASON
from .rules import SECTION_WORDS, names_outlet, rx
from .shapes import is_heading_like, is_link_row, plain, segments, words
from .whole_lines import byline_publisher

_URL_LINE_RE = rx(r"^(?:url|source|link|canonical)\s*:\s*(?P<url>https?://\S+)$")
# "Title: …", "Publisher: …" lines at the top of a saved page: the label names the metadata field.
_LABELLED_META_RE = rx(r"^(?P<label>title|headline|publisher|publication|site|author|writer)\s*:\s*(?P<value>\S.{0,200})$")
_LABELLED_FIELD = {"title": "title", "headline": "title", "publisher": "publisher", "publication": "publisher",
                   "site": "publisher", "author": "author", "writer": "author"}
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{0,300})\]\([^)\n]{0,2000}\)")
_GENERIC_ROOTS = {"home", "news", "index", "board index", "forum", "forums", "blog", "newsroom", "latest",
                  "articles", "stories", "main", "front page", "homepage"}


def date_prefix(page: Page) -> None:
    """`` date 2025-03-25 Text…`` on the first line: the date is metadata, the rest stays if it is prose."""
    for line in page.lines:
        if line.blank:
            continue
        m = re.match(r"\s*(?:date|published|posted|updated|issued)\s*(?::\s*)?", line.raw, re.IGNORECASE)
        if m:
            found = find_date(line.raw[m.end():])
            if found and found[1].start() == 0:
                end = m.end() + found[1].end()
                end += len(line.raw[end:]) - len(line.raw[end:].lstrip())
                page.set_meta("published", found[0])
                page.remove_span(line.start, line.start + end, "metadata line")
        return


def labelled_lines(page: Page) -> None:
    """``URL: …``, ``Title: …``, ``Publisher: …`` among the first lines: the label names the metadata field."""
    for line in page.lines[:6]:
        if page.free(line.index):
            m = _URL_LINE_RE.match(line.raw.strip())
            if m:
                page.set_meta("url", m.group("url"))
                page.remove_line(line.index, "metadata line")
                continue
            m = _LABELLED_META_RE.match(plain(line.raw))
            if m:
                page.set_meta(_LABELLED_FIELD[m.group("label").lower()], m.group("value").strip())
                page.remove_line(line.index, "metadata line")


def outlet_dateline(s: str, *, issuer: bool = False):
    """``(outlet, date)`` from a line that is only a name and a date ("Valley Post, 1 December 2026"), else None.
    The name is two to five capitalised words (one alone is too often a place or a weekday), none a job title
    or a site section; it is the outlet only if it ends with a word that names an outlet (``names_outlet``),
    else ``outlet`` is empty and the line gives the date alone. With ``issuer`` (the line under a "Press
    release" label) any such name is the outlet: the body that issued the release ("Thornbury Borough Council")."""
    found = find_date(s)
    if not found or words(s) > 10:
        return None
    rest = (s[: found[1].start()] + " " + s[found[1].end():]).strip(" ,;|·•-–—")
    name = byline_publisher(rest) if "," not in rest else ""
    if name != rest:
        return None
    outlet = name if issuer or names_outlet(name) else ""
    return outlet, found[0]


# A label opening a press release: not its headline.
_RELEASE_LABEL_RE = rx(r"^(?:for immediate release|(?:press|news|media) (?:release|statement|notice))\W*$")


def release_label(page: Page) -> None:
    """"PRESS RELEASE" or "For immediate release" among the first lines: a label, removed, so the headline under
    it is the title; a name and a date right under the label are who issued it and when ("Thornbury Borough
    Council, 4 March 2026"), whatever the name's last word."""
    for index in page.content_indices()[:2]:
        if not page.free(index) or not _RELEASE_LABEL_RE.match(plain(page.lines[index].raw)):
            continue
        page.remove_line(index, "press-release label")
        below = page.next_content(index)
        dated = outlet_dateline(plain(page.lines[below].raw), issuer=True) if below is not None else None
        if dated and page.free(below):
            page.set_meta("publisher", dated[0])
            page.set_meta("published", dated[1])
            page.remove_line(below, "metadata line")
        return


def _alone(page: Page, index: int) -> bool:
    """Whether line ``index`` is a paragraph of its own: a break (or the end) before and after it. A line taken
    out whole (a byline under a dateline) leaves the break it sits before."""
    lines = page.lines
    after = next((i for i in range(index + 1, len(lines)) if i not in page.whole), len(lines))
    return (index == 0 or lines[index - 1].blank) and (after >= len(lines) or lines[after].blank)


def _under_headline(page: Page, first: int) -> tuple[bool, tuple | None]:
    """Whether the line right under ``first`` is a short line of its own that headlines carry below them, before
    the break, and the ``(outlet, date)`` it gives if it is an outlet's dateline. Such a line is that dateline,
    or a few words with no closing stop (a credit, a site name, a strapline)."""
    below = first + 1
    if below >= len(page.lines) or page.lines[below].blank or not page.free(below):
        return False, None
    after = below + 1
    if after < len(page.lines) and not page.lines[after].blank and page.free(after):
        return False, None  # a line of text follows; a byline already taken out ("By Helen Ambry") does not count
    line = plain(page.lines[below].raw)
    dated = outlet_dateline(line)
    return bool(dated) or words(line) <= 5 and is_heading_like(line), dated


def header(page: Page) -> None:
    """Site name above breadcrumbs, breadcrumb roots, and the headline (with the outlet's dateline right under it:
    "Valley Post, 1 December 2026")."""
    content = page.content_indices()[:8]
    pipe_crumbs = [i for i in content[:4] if page.free(i) and is_link_row(plain(page.lines[i].raw), 4)
                   and len(segments(plain(page.lines[i].raw))) >= 3]
    for i in pipe_crumbs:
        page.remove_line(i, "breadcrumb")
    crumbs = [i for i, r in page.whole.items() if r == "breadcrumb" and i < 12]
    for i in sorted(crumbs):
        trail = _MARKDOWN_LINK.sub(r"\1", plain(page.lines[i].raw))  # "[Home](https://…) › News"
        root = re.split(r"(?<!\s)\s+[›»>|/]\s+", trail)[0].strip()
        # A section of the site ("Sport › Football") is not its name.
        root_ok = (root and root.lower() not in _GENERIC_ROOTS and words(root) <= 5 and not find_date(root)
                   and not all(w.lower() in SECTION_WORDS for w in root.split()))
        above = i - 1
        if above >= 0 and not page.lines[above].blank and page.free(above) and above == (page.content_indices() or [-1])[0]:
            name = plain(page.lines[above].raw)
            if words(name) <= 8 and is_heading_like(name):
                page.remove_line(above, "site name (kept as metadata)")
                page.set_meta("publisher", name)
        if root_ok:
            page.set_meta("publisher", root)
    page.set_meta("publisher", page.meta.pop("publisher_byline", ""))
    _masthead(page)
    _headline(page)
    # Last, as the weakest sign: the outlet a sign-up line names ("Sign up for the Evening Post morning briefing").
    page.set_meta("publisher", page.meta.pop("publisher_signup", ""))


_WRITER_LINES = {"byline", "metadata line", "reading time", "forum chrome"}


def _masthead(page: Page) -> None:
    """A blog's name with its tagline under it, above the post's title and its writer's line ("The Quiet Index" /
    "Notes on rivers and weather" / (break) / "Why the weir failed" / "Posted by Ann Lee on 3 May 2026"): the
    name is the publisher, the tagline goes, and the title is the line under them, not the blog's name."""
    content = page.content_indices()
    if len(content) < 3:
        return
    name, tagline, title = content[:3]
    below = next((i for i in range(title + 1, len(page.lines)) if not page.lines[i].blank), None)
    if (tagline != name + 1 or not page.lines[tagline + 1].blank or not page.lines[title - 1].blank
            or below is None or page.whole.get(below) not in _WRITER_LINES
            or not all(page.free(i) for i in (name, tagline, title))):
        return
    heads = [plain(page.lines[i].raw) for i in (name, tagline)]
    if words(heads[0]) > 5 or not all(words(h) <= 8 and is_heading_like(h) and not h.endswith((".", "!", "?", ":"))
                                      for h in heads):
        return
    headline = plain(page.lines[title].raw)
    if not is_heading_like(page.lines[title].raw, 25) or words(headline) < max(4, words(heads[0]) + 1):
        return  # "Storm hits Wales" / "Thousands without power" / "Live": a headline and standfirst, not a masthead
    page.remove_line(name, "site name (kept as metadata)")
    page.set_meta("publisher", heads[0])
    page.remove_line(tagline, "site tagline")


def _headline(page: Page) -> None:
    """The headline, and the outlet's dateline right under it or as the next paragraph."""
    content = page.content_indices()
    if not content:
        return
    first = content[0]
    raw = page.remaining(first)
    s = plain(raw)
    is_md_heading = bool(re.match(r"\s*#{1,6}\s+\S", raw))
    nxt = page.next_content(first)
    carried, dated = _under_headline(page, first)
    if is_md_heading:
        headline = words(s) <= 30
    else:
        followed_by_break = first + 1 >= len(page.lines) or page.lines[first + 1].blank
        followed_by_body = nxt is not None and words(plain(page.lines[nxt].raw)) > words(s)
        headline = is_heading_like(raw, 25) and (followed_by_break or followed_by_body or words(s) >= 3 and carried)
    if headline and dated:
        page.set_meta("publisher", dated[0])
        page.set_meta("published", dated[1])
        page.remove_line(first + 1, "metadata line")
    elif headline and nxt is not None and page.free(nxt) and _alone(page, nxt):
        # The dateline as a paragraph of its own: only an outlet's. A person's or a place's name with a date
        # there is as often the first item of a list ("Dune Part Three, 18 December 2026"), which stays text,
        # as is a line whose next paragraph has the same shape.
        dated = outlet_dateline(plain(page.lines[nxt].raw))
        after = page.next_content(nxt)
        listed = after is not None and outlet_dateline(plain(page.lines[after].raw)) is not None
        if dated and dated[0] and not listed:
            page.set_meta("publisher", dated[0])
            page.set_meta("published", dated[1])
            page.remove_line(nxt, "metadata line")
    known = page.meta.get("title")
    if known and s.casefold() != known.casefold():
        return  # the title came from a "Title:" line; this first line is the text
    if headline:
        page.set_meta("title", s)
        if page.free(first):
            page.remove_line(first, TITLE_REASON)


# A wire story's dateline glued to its first sentence: "OSLO, May 16 (Nordic Wire) - The…", "LIMA (Andes Press) —
# The…", "PORTO, Portugal, 3 June (Iberia Wire) – …": a place in capitals, perhaps a region and a date, the agency.
_WIRE_DATELINE_RE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,3})(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=,|\s+\())?"
    r"(?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
    r"\s+\((?P<agency>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3})\)\s*[-–—]+\s+(?=[\"“‘'(]?[A-Z0-9])"
)


def wire_dateline(page: Page) -> None:
    """A wire dateline opening one of the first paragraphs: cut from the sentence it is glued to; the agency in its
    brackets is the publisher when the page named none."""
    for index in page.content_indices()[:4]:
        if not page.free(index):
            continue
        line = page.lines[index]
        m = _WIRE_DATELINE_RE.match(line.raw)
        if m:
            page.remove_span(line.start, line.start + m.end(), "dateline")
            page.set_meta("publisher", m.group("agency"))
            return
