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
    rf"|(?P<mdy>\b(?P<m3>{_MONTH})\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y3>\d{{4}})\b)",
    re.IGNORECASE,
)
_TIME_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.IGNORECASE)
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
        else:
            y, m, d = int(match.group("y3")), _MONTHS[match.group("m3").lower().rstrip(".")], int(match.group("d3"))
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
    rest = _TIME_RE.sub(" ", _WEEKDAY_RE.sub(" ", rest))
    if _METADATA_LABEL_RE.match(s) or SEPARATOR_RE.search(s):
        return True
    return not re.search(r"[A-Za-z]{2}", rest)
