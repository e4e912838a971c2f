"""Calendar dates written in article text, and the short date lines ("Posted 2 March 2026, 11:42 pm") around them."""
import re
from datetime import date

from .shapes import SEPARATOR_RE

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
    rf"|(?P<mdy>\b(?P<m3>{_MONTH})\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y3>\d{{4}})\b)"
    # "16-05-2026", "19.05.2026", "16/05/2026": day first, as most of the world writes it, unless the second
    # number cannot be a month ("05/16/2026"); a slashed date that reads both ways ("04/05/2026") is no date.
    r"|(?P<num>(?<![\d.,/-])(?P<a4>\d{1,2})(?P<sep>[-./])(?P<b4>\d{1,2})(?P=sep)(?P<y4>(?:19|20)\d{2})(?![\d.,/-]\d))",
    re.IGNORECASE,
)
_TIME_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.IGNORECASE)
_ZONE_RE = re.compile(
    r"\b(?:UTC|GMT|BST|CET|CEST|EET|EEST|WET|WEST|IST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AEST|AEDT|JST)\b"
)
_WEEKDAY_RE = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?,?",
                         re.IGNORECASE)
_METADATA_LABEL_RE = re.compile(r"^(?:date|published|posted|updated|last updated|issued|first published|dated)\b\s*:?",
                                re.IGNORECASE)


def find_date(text: str) -> tuple[date, re.Match] | None:
    """The first calendar date written in ``text`` (ISO, "23 March 2026", "March 5, 2026", "Mar 04, 2026")."""
    for match in _DATE_RE.finditer(text):
        if match.group("iso"):
            y, m, d = int(match.group("y1")), int(match.group("m1")), int(match.group("d1"))
        elif match.group("dmy"):
            y, m, d = int(match.group("y2")), _MONTHS[match.group("m2").lower().rstrip(".")], int(match.group("d2"))
        elif match.group("mdy"):
            y, m, d = int(match.group("y3")), _MONTHS[match.group("m3").lower().rstrip(".")], int(match.group("d3"))
        else:
            y, first, second = int(match.group("y4")), int(match.group("a4")), int(match.group("b4"))
            if match.group("sep") == "/" and first <= 12 and second <= 12 and first != second:
                continue
            d, m = (second, first) if second > 12 else (first, second)
        try:
            return date(y, m, d), match
        except ValueError:
            continue
    return None


def is_dateline(s: str) -> bool:
    """A short line that is a date plus labels, a time or a byline: ``Posted 2 March 2026, 11:42 pm``."""
    found = find_date(s)
    if not found:
        return False
    rest = s[: found[1].start()] + " " + s[found[1].end():]
    rest = _ZONE_RE.sub(" ", _TIME_RE.sub(" ", _WEEKDAY_RE.sub(" ", rest)))
    if _METADATA_LABEL_RE.match(s) or SEPARATOR_RE.search(s):
        return True
    return not re.search(r"[A-Za-z]{2}", rest)
