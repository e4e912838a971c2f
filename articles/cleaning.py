"""Page-noise removal and metadata recovery for one article's text. Plain Python: no Django.

``clean(text)`` returns the cleaned body, every removal with its span in ``text`` and its reason, and the
metadata (title, publisher, author, URL, published date) that the text carries.

The rules lean on structure rather than on words alone: a sentence is removed for *where* it sits and *what
shape* it has (a short line between a heading and a paragraph, a row of links split by ``|``, a run of promo
lines at the very end of the page, a lead-in ending in ``:`` with no list after it). Keyword patterns are
only used on whole, short lines that address the reader ("Sign up for…", "You must be logged in…"), so a
real sentence that mentions subscribers or streaming in the middle of an argument stays.
"""
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Removal:
    """A fragment of the input removed as page noise: ``text == input[start:end]``."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    publisher: str = ""
    author: str = ""
    url: str = ""
    published: date | None = None


@dataclass(frozen=True)
class CleanResult:
    """``removals`` lists every fragment judged to be noise, in input order; those an editor restored (their
    span was in ``keep``) are also listed in ``restored`` and stay in ``body``."""

    body: str
    removals: list[Removal] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    restored: list[Removal] = field(default_factory=list)


TITLE_REASON = "title (kept as metadata)"

# --- dates -----------------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_RE = re.compile(
    r"(?P<iso>\b(?P<y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})\b)"
    rf"|(?P<dmy>\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\s*,?\s+(?P<y2>\d{{4}})\b)"
    rf"|(?P<mdy>\b(?P<m3>{_MONTH})\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y3>\d{{4}})\b)",
    re.IGNORECASE,
)
_TIME_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.IGNORECASE)
_WEEKDAY_RE = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?,?",
                         re.IGNORECASE)


def find_date(text: str) -> tuple[date, re.Match] | None:
    """The first calendar date written in ``text`` (ISO, "23 March 2026", "March 5, 2026", "Mar 04, 2026")."""
    for match in _DATE_RE.finditer(text):
        if match.group("iso"):
            y, m, d = int(match.group("y1")), int(match.group("m1")), int(match.group("d1"))
        elif match.group("dmy"):
            y, m, d = int(match.group("y2")), _MONTHS[match.group("m2").lower().rstrip(".")], int(match.group("d2"))
        else:
            y, m, d = int(match.group("y3")), _MONTHS[match.group("m3").lower().rstrip(".")], int(match.group("d3"))
        try:
            return date(y, m, d), match
        except ValueError:
            continue
    return None


# --- line shapes -----------------------------------------------------------------------------------------

@dataclass
class _Line:
    index: int
    start: int  # offset of the line's first character in the input
    raw: str  # the line without its newline

    @property
    def stripped_span(self) -> tuple[int, int]:
        lead = len(self.raw) - len(self.raw.lstrip())
        return self.start + lead, self.start + len(self.raw.rstrip())

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


def _split_lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for index, raw in enumerate(text.split("\n")):
        lines.append(_Line(index, offset, raw))
        offset += len(raw) + 1
    return lines


def plain(line: str) -> str:
    """A line without Markdown heading marks and emphasis around it, for matching."""
    s = line.strip()
    s = re.sub(r"^#{1,6}\s+", "", s)
    s = s.replace("**", "").replace("__", "")
    return s.strip("*_ \t")


def _words(s: str) -> int:
    return len(s.split())


_TERMINAL_RE = re.compile(r"[.!?…][\"'”’)\]]*$")
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-*+•▪◦–]\s+|\d{1,3}[.)]\s+|[a-zA-Z][.)]\s+|\|)")
_SEPARATOR_RE = re.compile(r"\s+[|·•»]\s+")


def _ends_sentence(s: str) -> bool:
    return bool(_TERMINAL_RE.search(s.rstrip()))


def _is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM_RE.match(line))


def _is_heading_like(line: str, max_words: int = 20) -> bool:
    """A short line that reads as a headline: no final full stop or colon, starts like a sentence."""
    s = plain(line)
    if not s or _words(s) > max_words or _is_list_item(line):
        return False
    if s.endswith((".", ":", ",", ";")) or not re.match(r"[\"'“‘(\w]", s):
        return False
    if re.search(r"\w[.!?]\s+[\"“‘(]?[A-Z]", s):
        return False  # two sentences: prose, not a headline
    return s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘("


def _is_prose(line: str) -> bool:
    s = plain(line)
    return _words(s) >= 8 and _ends_sentence(s) and not _is_list_item(line)


def _segments(s: str) -> list[str]:
    return [part.strip() for part in _SEPARATOR_RE.split(s)]


def _is_link_row(s: str, max_words: int = 5) -> bool:
    """``A | B | C`` or ``A · B``: two or more short segments, none of them a sentence."""
    parts = _segments(s)
    return len(parts) >= 2 and all(0 < _words(p) <= max_words and not p.endswith(".") for p in parts)


# --- whole-line rules ------------------------------------------------------------------------------------
# Each rule looks at one line (as plain text) and answers with a reason, or None. Word limits keep them off
# real paragraphs.

def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


_SHARE_NAMES = r"(?:facebook|twitter|x|linkedin|reddit|whatsapp|pinterest|email|e-mail|copy link|print|threads|bluesky|telegram|tumblr|flipboard|messenger)"
_SHARE_RE = _rx(rf"^share(?: this(?: article| story| post| page)?| on| via)?\s*:?\s*{_SHARE_NAMES}\b")
_SHARE_ROW_RE = _rx(rf"^(?:{_SHARE_NAMES}\s*(?:[|·•,/]\s*|$)){{3,}}$")
_SPOILER_RE = _rx(r"^(?:\W*)(?:warning|caution|heads up|attention|note)\b.{0,40}\bspoilers?\b|^\W*spoilers?(?:\s+(?:alert|warning|ahead|below|follow))?\s*(?:[.!:)\]\-–—]|$)")
_AD_MARKER_RE = _rx(
    r"^\[?\s*(?:advertisement|advertising|ad|sponsored(?: content)?|promoted|paid (?:content|post)|partner content)\s*\]?"
    r"(?:\s*[-–—:|]?\s*(?:(?:continue|keep) reading|story continues|article continues)(?: below)?\.?)?$"
)
_CONTINUE_RE = _rx(r"^(?:continue|keep) reading(?: below)?\.?$|^(?:story|article) continues (?:below|after (?:the )?(?:ad|advertisement))\.?$")
_CREDIT_LINE_RE = _rx(r"^\(?\s*(?:photo(?:graph)?s?|images?|pictures?|credit|photo credit|image credit|illustration)\s*:\s*[^.!?]{1,100}\)?\.?$")
_INLINE_CREDIT_RE = _rx(r"[ \t]*\(\s*(?:photo(?:graph)?|image|picture|credit|photo credit|image credit)s?\s*:\s*[^()\n]{1,100}\)")
# "…at the premiere. Photo: Studio": a capitalised label after a sentence end (or alone) closes a caption.
_TRAILING_CREDIT_RE = re.compile(r"(?:^|(?<=[.!?)]))[ \t]*\b(?:Photo(?:graph)?|Image|Picture|Credit|Photo credit|Image credit|PHOTO|IMAGE)s?\s*:\s*[^.!?\n]{1,80}$")
_WATCH_RE = _rx(
    r"^where to (?:watch|stream|see it)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?(?:showing|playing|screening)\s+(?:in|at|on)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?available\s+to\s+(?:watch|stream|rent|buy|download)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?streaming\s+(?:on|via|exclusively on)\b"
    r"|\b(?:is|are)\s+(?:now\s+)?(?:out\s+)?in\s+(?:[\w'’-]+\s+(?:and\s+)?){0,3}(?:cinemas|theaters|theatres)\b"
    r"|\b(?:lands|arrives|drops)\s+on\s+\S+\s+(?:on|from)\b"
)
# "available on Flixly", "streams on Vidstream": a capitalised service name, so "available on the website" stays.
_WATCH_SERVICE_RE = re.compile(r"\b(?:(?:is|are)\s+(?:now\s+)?(?:available|out)\s+(?:on|via)|streams?\s+on|(?:is|are)\s+(?:now\s+)?streaming\s+on)\s+(?:[A-Z][\w+]*|digital|demand|DVD|Blu-ray)\b")
_SIGNUP_RE = _rx(
    r"^(?:sign up|signup|subscribe)\b(?:\s+(?:to|for|now|today|here))"
    r"|^(?:get|receive)\b.{0,60}\b(?:in your inbox|newsletter|briefing|digest)\b"
    r"|^(?:sign up|subscribe)\b.{0,80}\b(?:newsletter|inbox|daily|weekly|digest|briefing)\b"
)
# Inside a paragraph only an unmistakable call counts: "Subscribe to the idea that…" is prose.
_INLINE_SIGNUP_RE = _rx(
    r"^(?:sign up|signup|subscribe|join)\b.{0,60}\b(?:newsletter|inbox|digest|briefing|mailing list|updates)\b"
    r"|^(?:sign up|subscribe)\s+(?:now|today|here)\b"
)
_LAST_SENTENCE_RE = re.compile(r"[.!?][\"”’)]*\s+(?P<tail>[A-Z][^.!?\n]{2,150}[.!?]?)$")
_SIGNUP_PUBLISHER_RES = [
    _rx(r"^(?:sign up|subscribe)\s+(?:for|to)\s+(?P<name>[^:.,]{1,60}?)\s+(?:daily|weekly|newsletter|briefing|digest|bulletin)\b"),
]
_ACCOUNT_RE = _rx(
    r"^you must be (?:logged|signed) in\b|\blog ?in or register\b|\bregister or log ?in\b"
    r"|^already (?:have an account|a (?:subscriber|member))\b|\byour session has expired\b"
    r"|^(?:please )?(?:log|sign) ?in (?:to|again to) (?:comment|reply|post|continue|keep reading)\b"
    r"|^(?:turn on|enable|allow|get) (?:push |browser )?notifications\b|\bwant (?:the latest )?notifications\b"
    r"|^your account (?:is|has been) (?:frozen|suspended|locked|disabled)\b"
)
_PAYWALL_RE = _rx(
    r"\byou(?:'ve| have) read \d+ of (?:your )?\d+ (?:free )?(?:articles|stories)\b|^subscribers? only\b"
    r"|^(?:this (?:article|story) is )?(?:for|available to) subscribers only\b|\bsubscribe for unlimited access\b"
)
_AFFILIATE_RE = _rx(r"\b(?:may )?earn (?:a )?(?:small )?(?:commission|fee)\b.{0,60}\b(?:links?|buy|purchase)\b|\bcontains affiliate links\b|^affiliate disclosure\b")
_COMMENT_RE = _rx(
    r"\bshare your thoughts\b|\blet us know (?:what you think|in the comments|below)\b|\btell us (?:what you think|in the comments)\b"
    r"|^(?:leave|post|add|drop) a (?:comment|reply)\b|\bcomment below\b|^\d+ comments?\b|\blog ?in to comment\b"
    r"|^your email address will not be published\b|\brequired fields are marked\b"
)
_FEEDBACK_RE = _rx(r"^was this (?:page|article|story) (?:helpful|useful)\b|\bbuy me a coffee\b|\bsupport (?:us|this blog) on (?:patreon|ko-fi)\b")
_COOKIE_RE = _rx(r"\b(?:this|our) (?:site|website) uses cookies\b|\bwe use cookies\b|^(?:accept|reject|manage|delete) (?:all )?cookies\b")
_COOKIE_LINK_RE = _rx(r"\bcookie (?:settings|preferences|policy)\b")
_FOOTER_RE = _rx(r"^(?:©|\(c\)\s*\d{4}|copyright\s+(?:©|\(c\)|\d{4}))|©\s*\d{4}|\ball rights reserved\b"
                 r"|(?:^|[|·•]\s*)(?:proudly )?powered by\b|^all times are (?:utc|gmt)\b")
_FOLLOW_RE = _rx(r"\bfollow (?:us|@\w+)\b")
_READING_TIME_RE = _rx(r"\b(?:estimated )?reading time\b|\b\d+\s*min(?:ute)?s?\s+read\b")
_TAGS_RE = _rx(r"^(?:tags|tagged|filed under|categories|topics)\s*:")
_RELATED_INLINE_RE = _rx(r"^(?:also read|read more|read next|read also|related(?: posts| articles| stories| reading| coverage)?|see also|more on this(?: story)?|you (?:may|might) also like|recommended)\s*:\s*\S")
_RELATED_HEAD_RE = _rx(r"^(?:related(?: posts| articles| stories| reading| coverage| content)?|more from\b.{0,40}|more on this(?: story)?|read (?:more|next)|also read|see also|you (?:may|might) also like|recommended(?: for you)?|most (?:read|popular))\s*:?$")
_BYLINE_SEGMENT_RE = re.compile(r"(?:^|[|·•»]\s*)By\s+(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|van|von|de|der|da|di|le|la)){0,3})")
_FORUM_HEADER_RE = _rx(r"^(?:post(?:ed)? by|reply from|quote from|re:)\s+\S")
_FORUM_MEMBER_RE = _rx(r"^(?:member|moderator|admin(?:istrator)?|guest|registered user|(?:senior|junior|new|full) member|veteran)\b.{0,60}\b(?:joined|posts?)\b")
_FORUM_ACTION_WORDS = {"reply", "quote", "report", "like", "likes", "share", "flag", "permalink", "edit", "delete",
                       "upvote", "downvote", "thanks", "quick", "top", "back", "to", "multiquote"}
_METADATA_LABEL_RE = _rx(r"^(?:date|published|posted|updated|last updated|issued|first published|dated)\b\s*:?")
_URL_LINE_RE = _rx(r"^(?:url|source|link|canonical)\s*:\s*(?P<url>https?://\S+)$")
# "Title: …", "Publisher: …" lines at the top of a saved page: the label names the metadata field.
_LABELLED_META_RE = _rx(r"^(?P<label>title|headline|publisher|publication|site|author|writer)\s*:\s*(?P<value>\S.{0,200})$")
_LABELLED_FIELD = {"title": "title", "headline": "title", "publisher": "publisher", "publication": "publisher",
                   "site": "publisher", "author": "author", "writer": "author"}
_END_MARKER_RE = re.compile(r"^[-–—#\s]*(?:ENDS|-ends-|End of (?:release|press release))[-–—#\s]*$")
_NOTES_TO_EDITORS_RE = _rx(r"^notes? (?:to|for) (?:editors?)\s*:?$")
# Words of page furniture, for the run of lines at the page's end. Strong ones speak to the reader about the
# site; weak ones ("privacy", "terms", "comments") also occur in news prose, so they only count on lines that
# are not sentences.
_PROMO_STRONG_RE = _rx(
    r"\bsign ?(?:up|in)\b|\blog ?in\b|\bsubscribe\b|\bsubscription\b|\bnewsletter\b|\binbox\b"
    r"|\byour (?:account|settings|profile)\b|\bprofile settings\b|\bcookies\b|\bshare (?:this|your)\b"
    r"|\bbookmark\b|\bfollow us\b|\bpodcast\b|\bcheck out our\b|\bvisit our\b|\bdownload (?:our|the) app\b"
    r"|\bad[- ]free\b|\bfree trial\b|\bwelcome to\b|\bverification\b"
)
_PROMO_WEAK_RE = _rx(r"\bregister\b|\bnotifications?\b|\bcookies?\b|\bprivacy\b|\bterms\b|\bcomments?\b|\bmembership\b"
                     r"|\bcontact us\b|\baccount\b|\bsettings\b|\bshare\b")
_READER_RE = _rx(r"\b(?:you|your|you're|you’re|our)\b|^(?:please|sign|log|subscribe|join|follow|share|check|visit|download"
                 r"|listen|get|try|register|click|tap|don't|don’t)\b")
_GENERIC_ROOTS = {"home", "news", "index", "board index", "forum", "forums", "blog", "newsroom", "latest",
                  "articles", "stories", "main", "front page", "homepage"}


def _forum_action_row(s: str) -> bool:
    words = re.findall(r"[a-zA-Z]+", s)
    return bool(words) and all(w.lower() in _FORUM_ACTION_WORDS for w in words) and any(
        w.lower() in {"reply", "quote", "report"} for w in words)


def _line_reason(line: str) -> str | None:
    """The reason a line, taken alone and whole, is page noise; None when it may be content."""
    s = plain(line)
    if not s:
        return None
    n = _words(s)
    if _AD_MARKER_RE.match(s) or _CONTINUE_RE.match(s):
        return "advertisement marker"
    if n <= 30 and _SPOILER_RE.search(s):
        return "spoiler banner"
    if n <= 20 and (_SHARE_RE.match(s) or _SHARE_ROW_RE.match(s)):
        return "share buttons"
    if n <= 20 and _CREDIT_LINE_RE.match(s):
        return "photo credit"
    if n <= 30 and _RELATED_INLINE_RE.match(s):
        return "related links"
    if n <= 30 and _TAGS_RE.match(s):
        return "tags"
    if n <= 40 and _PAYWALL_RE.search(s):
        return "paywall banner"
    if n <= 40 and _COOKIE_RE.search(s) or n <= 8 and _COOKIE_LINK_RE.search(s):
        return "cookie banner"
    if n <= 30 and _ACCOUNT_RE.search(s):
        return "account/notification prompt"
    if n <= 40 and _SIGNUP_RE.search(s):
        return "newsletter sign-up"
    if n <= 25 and (_WATCH_RE.search(s) or _WATCH_SERVICE_RE.search(s)) and len(re.findall(r"[.!?](?:\s|$)", s)) <= 2:
        return "where-to-watch line"
    if n <= 40 and _AFFILIATE_RE.search(s):
        return "affiliate disclaimer"
    if n <= 40 and _COMMENT_RE.search(s):
        return "comment prompt"
    if n <= 20 and _FEEDBACK_RE.search(s):
        return "feedback/donation prompt"
    if n <= 30 and _FOOTER_RE.search(s):
        return "site footer"
    if n <= 25 and _FOLLOW_RE.search(s):
        return "social follow prompt"
    if n <= 20 and (_FORUM_HEADER_RE.match(s) and not s.endswith(".")
                    or _FORUM_MEMBER_RE.match(s) or _forum_action_row(s)):
        return "forum chrome"
    if n <= 15 and not _ends_sentence(s) and _BYLINE_SEGMENT_RE.search(s):
        return "byline"
    if n <= 12 and _READING_TIME_RE.search(s):
        return "reading time"
    if n <= 16 and not s.endswith(".") and find_date(s) and _is_dateline(s):
        return "metadata line"
    if n <= 30 and "›" in s and not s.endswith("."):
        return "breadcrumb"
    return None


def _is_dateline(s: str) -> bool:
    """A short line that is a date plus labels, a time or a byline: ``Posted 2 March 2026, 11:42 pm``."""
    found = find_date(s)
    if not found:
        return False
    rest = s[: found[1].start()] + " " + s[found[1].end():]
    rest = _TIME_RE.sub(" ", _WEEKDAY_RE.sub(" ", rest))
    if _METADATA_LABEL_RE.match(s) or _SEPARATOR_RE.search(s):
        return True
    return not re.search(r"[A-Za-z]{2}", rest)


# --- the cleaner -----------------------------------------------------------------------------------------

_SHORTCODE_RES = [
    re.compile(r"\[caption\b[^\]]*\].*?\[/caption\]", re.IGNORECASE | re.DOTALL),
    re.compile(r"\{\{[<%]\s*(?:figure|image|img|gallery|video|youtube|vimeo|tweet|twitter|instagram|audio|embed)\b.*?[>%]\}\}", re.IGNORECASE | re.DOTALL),
    re.compile(r"\[(?:image|img|gallery|video|embed|audio|playlist|photo|picture)\b(?:\s+[^\]\n]*|:[^\]\n]*)?\](?:.*?\[/(?:image|img|gallery|video|embed|audio|photo)\])?", re.IGNORECASE),
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),
    re.compile(r"<(?:img|iframe|embed)\b[^>]*>(?:</(?:iframe|embed)>)?", re.IGNORECASE),
]


class _Cleaner:
    def __init__(self, text: str):
        self.text = text
        self.lines = _split_lines(text)
        self.spans: list[tuple[int, int, str]] = []
        self.whole: dict[int, str] = {}  # line index -> reason, for lines removed whole
        self.touched: set[int] = set()  # lines with a partial removal
        self.meta: dict = {}
        blank = sum(1 for ln in self.lines if ln.blank)
        self.blank_paragraphs = blank >= 0.3 * max(1, len(self.lines) - blank)

    # bookkeeping

    def _line_at(self, offset: int) -> int:
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def free(self, index: int) -> bool:
        return index not in self.whole and index not in self.touched

    def remove_line(self, index: int, reason: str) -> None:
        line = self.lines[index]
        if line.blank or not self.free(index):
            return
        start, end = line.stripped_span
        self.spans.append((start, end, reason))
        self.whole[index] = reason

    def remove_span(self, start: int, end: int, reason: str) -> None:
        first, last = self._line_at(start), self._line_at(max(start, end - 1))
        if any(i in self.whole for i in range(first, last + 1)):
            return
        if any(s < end and start < e for s, e, _ in self.spans):
            return
        self.spans.append((start, end, reason))
        self.touched.update(range(first, last + 1))
        # a span that covers a line's whole content removes the line
        for i in range(first, last + 1):
            ls, le = self.lines[i].stripped_span
            if start <= ls and le <= end and ls < le:
                self.whole[i] = reason

    def remaining(self, index: int) -> str:
        """The line's text once partial removals are cut out."""
        line = self.lines[index]
        out, pos = [], line.start
        for s, e, _ in sorted(self.spans):
            if e <= line.start or s >= line.start + len(line.raw):
                continue
            out.append(self.text[pos:max(pos, s)])
            pos = max(pos, e)
        out.append(self.text[pos:line.start + len(line.raw)])
        return "".join(out)

    def content_indices(self) -> list[int]:
        return [ln.index for ln in self.lines if not ln.blank and ln.index not in self.whole]

    def next_content(self, index: int) -> int | None:
        for ln in self.lines[index + 1:]:
            if not ln.blank and ln.index not in self.whole:
                return ln.index
        return None

    def prev_content(self, index: int) -> int | None:
        for ln in reversed(self.lines[:index]):
            if not ln.blank and ln.index not in self.whole:
                return ln.index
        return None

    def set_meta(self, key: str, value) -> None:
        if value and not self.meta.get(key):
            self.meta[key] = value

    # passes, in order

    def run(self) -> None:
        self.date_prefix()
        self.shortcodes()
        self.end_markers()
        self.whole_lines()
        self.ad_blocks()
        self.related_blocks()
        self.forum_user_names()
        self.header()
        self.inline_credits()
        self.inline_signups()
        self.bare_credits()
        self.dangling_lead_ins()
        self.trailing_block()

    def date_prefix(self) -> None:
        """`` date 2025-03-25 Text…`` on the first line: the date is metadata, the rest stays if it is prose."""
        for line in self.lines:
            if line.blank:
                continue
            m = re.match(r"\s*(?:date|published|posted|updated|issued)\s*:?\s*", line.raw, re.IGNORECASE)
            if m:
                found = find_date(line.raw[m.end():])
                if found and found[1].start() == 0:
                    end = m.end() + found[1].end()
                    end += len(line.raw[end:]) - len(line.raw[end:].lstrip())
                    self.set_meta("published", found[0])
                    self.remove_span(line.start, line.start + end, "metadata line")
            return

    def shortcodes(self) -> None:
        for pattern in _SHORTCODE_RES:
            for m in pattern.finditer(self.text):
                start, end = m.start(), m.end()
                # swallow the spaces that glued it to the caption after it
                while end < len(self.text) and self.text[end] in " \t":
                    end += 1
                self.remove_span(start, end, "image shortcode")

    def end_markers(self) -> None:
        """A press release's ``ENDS`` and ``Notes to editors``: everything after them is for journalists."""
        for line in self.lines:
            s = plain(line.raw)
            if _END_MARKER_RE.match(s) and line.index > len(self.lines) // 3:
                for later in self.lines[line.index:]:
                    self.remove_line(later.index, "press-release footer")
                return
            if _NOTES_TO_EDITORS_RE.match(s):
                for later in self.lines[line.index:]:
                    if later.blank and later.index > line.index:
                        break
                    self.remove_line(later.index, "press-release footer")

    def whole_lines(self) -> None:
        for line in self.lines:
            if line.blank or not self.free(line.index):
                continue
            reason = _line_reason(line.raw)
            if reason is None:
                continue
            s = plain(line.raw)
            if reason in {"metadata line", "byline", "forum chrome", "reading time"}:
                found = find_date(s)
                if found:
                    self.set_meta("published", found[0])
                by = _BYLINE_SEGMENT_RE.search(s)
                if by:
                    self.set_meta("author", by.group("name").strip(" .,"))
            if reason == "newsletter sign-up":
                for pattern in _SIGNUP_PUBLISHER_RES:
                    m = pattern.search(s)
                    if m:
                        name = re.sub(r"^the\s+", "", m.group("name").strip())
                        if name[:1].isupper():
                            self.meta.setdefault("publisher_signup", name)
            self.remove_line(line.index, reason)

        for line in self.lines[:6]:
            if self.free(line.index):
                m = _URL_LINE_RE.match(line.raw.strip())
                if m:
                    self.set_meta("url", m.group("url"))
                    self.remove_line(line.index, "metadata line")
                    continue
                m = _LABELLED_META_RE.match(plain(line.raw))
                if m:
                    self.set_meta(_LABELLED_FIELD[m.group("label").lower()], m.group("value").strip())
                    self.remove_line(line.index, "metadata line")

    def ad_blocks(self) -> None:
        """Ad copy that follows an advertisement marker in the same block (no blank line in between)."""
        if not self.blank_paragraphs:
            return
        for index, reason in sorted(self.whole.items()):
            if reason != "advertisement marker":
                continue
            block = []
            for ln in self.lines[index + 1:]:
                if ln.blank:
                    break
                block.append(ln.index)
            if 0 < len(block) <= 2 and all(_words(self.lines[i].raw) <= 40 for i in block):
                for i in block:
                    self.remove_line(i, "advertisement")

    def related_blocks(self) -> None:
        """``Related posts:`` / ``More from X`` and the short link lines under it."""
        for line in self.lines:
            s = plain(line.raw)
            if not s or not self.free(line.index) or _words(s) > 7 or not _RELATED_HEAD_RE.match(s):
                continue
            links = []
            for ln in self.lines[line.index + 1:]:
                if ln.blank:
                    if links:
                        break
                    continue
                t = plain(ln.raw)
                if _words(t) <= 15 and not _ends_sentence(t) or _is_list_item(ln.raw) and _words(t) <= 15:
                    links.append(ln.index)
                else:
                    break
            if links:
                self.remove_line(line.index, "related links")
                for i in links:
                    self.remove_line(i, "related links")

    def forum_user_names(self) -> None:
        """A lone user name right above a post header (``gullwatcher_88`` / ``Member · Joined …``)."""
        for line in self.lines:
            s = line.raw.strip()
            if not self.free(line.index) or not re.fullmatch(r"@?[\w.-]{2,32}", s):
                continue
            after = line.index + 1
            if after < len(self.lines) and self.whole.get(after) in {"forum chrome", "metadata line"}:
                if re.search(r"[\d_]", s) or s.islower():
                    self.remove_line(line.index, "forum chrome")

    def header(self) -> None:
        """Site name above breadcrumbs, breadcrumb roots, and the headline."""
        content = self.content_indices()[:8]
        pipe_crumbs = [i for i in content[:4] if self.free(i) and _is_link_row(plain(self.lines[i].raw), 4)
                       and len(_segments(plain(self.lines[i].raw))) >= 3]
        for i in pipe_crumbs:
            self.remove_line(i, "breadcrumb")
        crumbs = [i for i, r in self.whole.items() if r == "breadcrumb" and i < 12]
        for i in sorted(crumbs):
            root = re.split(r"\s+[›»>|]\s+", plain(self.lines[i].raw))[0].strip()
            root_ok = root and root.lower() not in _GENERIC_ROOTS and _words(root) <= 5 and not find_date(root)
            above = i - 1
            if above >= 0 and not self.lines[above].blank and self.free(above) and above == (self.content_indices() or [-1])[0]:
                name = plain(self.lines[above].raw)
                if _words(name) <= 6 and _is_heading_like(name):
                    self.remove_line(above, "site name (kept as metadata)")
                    self.set_meta("publisher", name)
            if root_ok:
                self.set_meta("publisher", root)
        self.set_meta("publisher", self.meta.pop("publisher_signup", ""))

        content = self.content_indices()
        if not content:
            return
        first = content[0]
        raw = self.remaining(first)
        s = plain(raw)
        is_md_heading = bool(re.match(r"\s*#{1,6}\s+\S", raw))
        nxt = self.next_content(first)
        if is_md_heading:
            headline = _words(s) <= 30
        else:
            followed_by_break = first + 1 >= len(self.lines) or self.lines[first + 1].blank
            followed_by_body = nxt is not None and _words(plain(self.lines[nxt].raw)) > _words(s)
            headline = _is_heading_like(raw, 25) and (followed_by_break or followed_by_body)
        known = self.meta.get("title")
        if known and s.casefold() != known.casefold():
            return  # the title came from a "Title:" line; this first line is the text
        if headline:
            self.set_meta("title", s)
            if self.free(first):
                self.remove_line(first, TITLE_REASON)

    def inline_credits(self) -> None:
        for line in self.lines:
            if line.index in self.whole or line.blank:
                continue
            for m in _INLINE_CREDIT_RE.finditer(line.raw):
                self.remove_span(line.start + m.start(), line.start + m.end(), "photo credit")
            rest = self.remaining(line.index)
            m = _TRAILING_CREDIT_RE.search(rest)
            if m and _words(m.group()) <= 10 and line.index not in self.whole:
                # locate it in the input: the credit ends the line
                tail = m.group()
                end = line.start + len(line.raw.rstrip())
                if self.text[end - len(tail.rstrip()):end] == tail.rstrip():
                    self.remove_span(end - len(tail.rstrip()), end, "photo credit")

    def inline_signups(self) -> None:
        """A sign-up call that ends a paragraph ("… the ending was bleak. Sign up for our newsletter!")."""
        for line in self.lines:
            if line.index in self.whole or line.blank:
                continue
            raw = line.raw.rstrip()
            m = _LAST_SENTENCE_RE.search(raw)
            if m and _words(m.group("tail")) <= 15 and _INLINE_SIGNUP_RE.search(m.group("tail")):
                self.remove_span(line.start + m.start("tail"), line.start + len(raw), "newsletter sign-up")

    def bare_credits(self) -> None:
        """A word or three standing alone between a heading and a paragraph: a photo credit or caption."""
        for index in self.content_indices():
            s = plain(self.lines[index].raw)
            if not self.free(index) or _words(s) > 3 or s[-1:] in ".!?:;," or self.lines[index].raw.lstrip().startswith("#"):
                continue
            if _is_list_item(self.lines[index].raw):
                continue
            prev, nxt = self.prev_content(index), self.next_content(index)
            if prev is None or nxt is None:
                continue
            heading = plain(self.lines[prev].raw)
            if (_is_heading_like(self.lines[prev].raw, 15) and _words(heading) >= 3 and not heading.endswith("?")
                    and _is_prose(self.lines[nxt].raw)):
                self.remove_line(index, "photo credit")

    def dangling_lead_ins(self) -> None:
        """A sentence ending in ``:`` that announces a list which is not there."""
        for index in self.content_indices():
            raw = self.lines[index].raw
            s = plain(raw)
            if not self.free(index) or not s.endswith(":") or _words(s) < 4 or _words(s) > 40 or _is_list_item(raw):
                continue
            nxt = self.next_content(index)
            if nxt is None:
                continue
            following = self.lines[nxt].raw.strip()
            if (_is_list_item(following) or following.startswith(("#", ">", "\"", "“", "'", "‘", "`", "|"))
                    or not _is_prose(following)):
                continue
            self.remove_line(index, "dangling list lead-in")

    def trailing_block(self) -> None:
        """The run of promo, account and footer lines at the end of the page."""
        for line in reversed(self.lines):
            if line.blank or line.index in self.whole:
                continue
            s = plain(self.remaining(line.index))
            if not s or not self.free(line.index):
                break
            n = _words(s)
            # a short line with no full stop: a button or a menu, unless it is a list item or a lead-in
            ui_label = n <= 6 and not _ends_sentence(s) and not _is_list_item(line.raw) and not s.endswith(":")
            separator = re.fullmatch(r"[-*_=~]{3,}", s) is not None
            if _ends_sentence(s):
                promo = n <= 60 and bool(_PROMO_STRONG_RE.search(s)) and bool(_READER_RE.search(s))
            else:
                promo = n <= 12 and bool(_PROMO_STRONG_RE.search(s) or _PROMO_WEAK_RE.search(s))
            if not (ui_label or separator or promo or _is_link_row(s)):
                break
            self.remove_line(line.index, "trailing promo block")


def clean(text: str, *, keep: Collection[tuple[int, int]] = ()) -> CleanResult:
    """Remove page noise from ``text``; spans listed in ``keep`` (restored by an editor) stay in the body.

    Every removal satisfies ``text[r.start:r.end] == r.text``; removals do not overlap. The body is the input
    with the applied removals cut out and whitespace tidied (lines emptied by a cut dropped, runs of blank
    lines collapsed to one, line ends and the whole body stripped); it is otherwise character-identical.
    """
    cleaner = _Cleaner(text)
    cleaner.run()
    kept = {(int(a), int(b)) for a, b in keep}
    removals, restored = [], []
    for start, end, reason in sorted(cleaner.spans):
        removal = Removal(start, end, text[start:end], reason)
        removals.append(removal)
        if (start, end) in kept:
            restored.append(removal)
    applied = [r for r in removals if (r.start, r.end) not in kept]
    meta = cleaner.meta
    metadata = Metadata(
        title=meta.get("title", ""),
        publisher=meta.get("publisher", ""),
        author=meta.get("author", ""),
        url=meta.get("url", ""),
        published=meta.get("published"),
    )
    return CleanResult(body=_tidy(text, applied), removals=removals, metadata=metadata, restored=restored)


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
