"""One event put on different days: weekdays and dates, compared where they date the same event."""
import datetime
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from ..group import Matcher
from ..text import STOPWORDS, content_tokens, normalise, stem
from ..types import ClaimSpan, ConflictFound, Group
from .variants import capped, connected, variant


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = {
    name: k
    for k, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
MONTHS = frozenset(_MONTH_NAMES)  # month names and their short forms: never a unit, never a person
_MONTH_LABELS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December")
_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ALSO_A_WORD = frozenset({"may", "march"})  # month names English also uses as a verb at a sentence's start


def _written(names) -> str:
    """Alternatives for ``names`` as English writes days and months: capitalised, or in capitals ("may" and
    "march" in lower case are a verb, not a month)."""
    return "|".join(f"{n.capitalize()}|{n.upper()}" for n in sorted(names, key=len, reverse=True))


_NUMBER = r"(?P<day{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_MONTH = r"(?P<month{n}>" + _written(_MONTH_NAMES) + r")\.?"
_DATE = (
    _NUMBER.format(n=1) + r"\s+(?:of\s+)?" + _MONTH.format(n=1)  # 3 March, 3rd of March
    + r"|" + _MONTH.format(n=2) + r"\s+" + _NUMBER.format(n=2)  # March 3, March 3rd
)
_DAY = re.compile(
    r"\b(?:(?P<weekday>" + _written(WEEKDAYS) + r")(?:,?\s+(?:the\s+(?=[0-3]?\d)|(?=[0-3]?\d|[A-Z])))?)?"
    r"(?:(?:" + _DATE + r")(?:,?\s+(?P<year>(?:1[89]|2\d)\d\d))?)?\b"
)
_RANGE_WORD = r"(?:-|–|—|to|through|thru|until|till)"
_ORDINAL = r"(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)?"
# "Monday to Friday", "Monday 3 to Friday 7 March", "Monday the 3rd to Friday the 7th"
_JOINS_RANGE = re.compile(r"\s*(?:" + _ORDINAL + r"\s*)?" + _RANGE_WORD + r"\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)  # "between Monday and Friday"
# "3–5 March", "between 3 and 5 March", and lists of days: "3 and 4 March", "3, 4 or 5 March"
_NUMBER_BEFORE = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?\s*(?:-|–|—|to|through|until|and|or|&|,)\s*$", re.IGNORECASE)
_REACH_BACK = 24  # characters before a day looked at for the first number of a range or list
# "March 3–5", "March 3 through 7", "May 4 and 5": another day number, not a count ("March 3 to 12 volunteers")
_NUMBER_AFTER = re.compile(
    r"\s*(?:" + _RANGE_WORD + r"|and|or|&|,)\s*(?P<other>[0-3]?\d)(?:st|nd|rd|th)?\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Day:
    """A day a text names: a weekday, a date (day and month, perhaps a year) or both ("Monday 3 March")."""

    weekday: str | None
    month: int | None
    day: int | None
    year: int | None
    start: int
    end: int
    surface: str
    span: bool = False  # one end of a range ("Monday to Friday"): not a day the event happened on

    @property
    def label(self) -> str:
        """One spelling per day, however a source wrote it: "3 March" for "March 3rd" and "the 3rd of March"."""
        parts = [self.weekday.capitalize()] if self.weekday else []
        if self.month:
            parts += [str(self.day), _MONTH_LABELS[self.month - 1]]
        if self.year:
            parts.append(str(self.year))
        return " ".join(parts)

    @property
    def value(self) -> str:
        """The day in a conflict's key: "3-2" for 2 March ("3-2-2025" with a year), "monday" for a weekday."""
        if not self.month:
            return self.weekday or ""
        return f"{self.month}-{self.day}" + (f"-{self.year}" if self.year else "")

    @property
    def names(self) -> set[tuple]:
        """What the day names, part by part, for looking up in ``named``: its weekday, its day of a month (with
        its year, or None for a date without one)."""
        return ({("weekday", self.weekday)} if self.weekday else set()) | (
            {("date", self.month, self.day, self.year)} if self.month else set()
        )

    @property
    def named(self) -> set[tuple]:
        """``names``, and a dated day also as its day of the month with no year: a claim naming "3 March 2025"
        names the "3 March" another claim gives, but not "3 March 2024"."""
        return self.names | ({("date", self.month, self.day, None)} if self.year else set())

    @property
    def parts(self) -> int:
        """How many of weekday, date and year it gives."""
        return sum(x is not None for x in (self.weekday, self.month, self.year))

    def comparable(self, other: "Day") -> bool:
        """Whether the two say something about the same part of a day (both a weekday, or both a date)."""
        return bool(self.weekday and other.weekday) or bool(self.month and other.month)

    def agrees(self, other: "Day") -> bool:
        """Whether every part both give is the same: "3 March" agrees with "Monday 3 March 2025"."""
        pairs = ((self.weekday, other.weekday), (self.month, other.month), (self.day, other.day),
                 (self.year, other.year))
        return all(a is None or b is None or a == b for a, b in pairs)


# A four-figure number after a date followed by a content word is a count ("March 3, 2000 runners"), not a year.
_FOLLOWED_BY_WORD = re.compile(r"\s+(?!(?:" + "|".join(sorted(STOPWORDS)) + r")\b)[a-z]")


def _misread_verb(text: str, match: re.Match) -> bool:
    """ "May 10 people …" / "March 3 miles …" opening a sentence: a verb and a count, not a date."""
    month = match.group("month2")
    if not month or month.lower() not in _ALSO_A_WORD or match.group("weekday"):
        return False
    before = text[: match.start()].rstrip()
    after = text[match.end():]
    opens_sentence = not before or before[-1] in ".!?\"“”"
    return opens_sentence and _FOLLOWED_BY_WORD.match(after) is not None  # "May 10 people", not "May 10 was"


def days(text: str) -> list[Day]:
    """Each weekday and date ``text`` names, in order; a weekday written with its date is one day."""
    found = []
    for match in _DAY.finditer(text):
        if not match.group() or _misread_verb(text, match):
            continue
        weekday = match.group("weekday")
        number = match.group("day1") or match.group("day2")
        month_word = match.group("month1") or match.group("month2")
        if not number and not weekday:
            continue
        month = day = year = None
        if number:
            month, day = _MONTH_NAMES[month_word.lower()], int(number)
            if not 1 <= day <= _LONGEST_MONTH[month - 1]:
                continue  # 30 February: not a date
            year = int(match.group("year")) if match.group("year") else None
        end = match.end() if number else match.end("weekday")
        if year and _FOLLOWED_BY_WORD.match(text, end) is not None:
            year, end = None, max(match.end(g) for g in ("day1", "month1", "day2", "month2"))
        surface = text[match.start():end].rstrip(", ")
        found.append(Day(weekday.lower() if weekday else None, month, day, year, match.start(),
                         match.start() + len(surface), surface))
    return _mark_ranges(text, found)


def _mark_ranges(text: str, found: list[Day]) -> list[Day]:
    """Days that open or close a range ("Monday to Friday", "3–5 March", "between 3 and 5 May") are marked
    ``span``: a range is not the day of an event."""
    span = [False] * len(found)
    for k, (day, following) in enumerate(zip(found, found[1:])):
        between = text[day.end:following.start]
        if _JOINS_RANGE.fullmatch(between) or (
            between.strip().lower() == "and" and _BETWEEN.search(text[: day.start])
        ):
            span[k] = span[k + 1] = True
    for k, day in enumerate(found):
        if not day.month:
            continue
        if day.surface[0].isdigit() and _NUMBER_BEFORE.search(text[max(0, day.start - _REACH_BACK):day.start]):
            span[k] = True
        month_first = not day.year and re.search(r"\d(?:st|nd|rd|th)?$", day.surface)
        after = _NUMBER_AFTER.match(text, day.end) if month_first else None
        counts = after and _FOLLOWED_BY_WORD.match(text, after.end()) is not None  # "March 3 to 12 volunteers"
        if after and not counts and day.day < int(after.group("other")) <= _LONGEST_MONTH[day.month - 1]:
            span[k] = True
    return [replace(day, span=True) if s else day for day, s in zip(found, span)]


_FRAME_REACH = 3  # content words looked at next to the day for the event it dates ("closed on Monday")
# "said on Monday that …": the day dates the saying, not the event, so it is no frame.
_REPORTING = frozenset(stem(w) for w in (
    "said says say told tells announced announces confirmed confirms stated states reported reports added adds "
    "wrote writes posted posts tweeted claimed claims explained explains spoke speaks speaking"
).split())
_CLAUSE = r"[,;:.()–—]"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_VERB_REACH = 5  # words next to a day looked at for the verb of its event
_VERB = "verb:"  # frame keys of verbs: compared only where one of the two days opens its sentence
_IN_ENTRY = "~grouped"  # the frame key of days compared because their claims make one entry
# Sources an entry needs before the days its claims give are compared whatever words frame them: two sources
# are grouped by their best match even when they tell of different things ("said on Monday that taxes rise" /
# "said on Tuesday that the bridge closes"); three agreeing on the rest of a statement are telling one event.
_IN_ENTRY_SOURCES = 3
# Words after a reporting verb that begin what was told: a complementizer ("told them that …") or an auxiliary
# ("told them the shop is to open …").
_COMPLEMENT = frozenset({"that", "whether", "how", "when", "if", "is", "was", "are", "were", "be", "been", "has",
                         "have", "had", "will", "would"})
_TELLING_REACH = 2  # content words between a reporting verb and the day it is dated by


def _plain(words: list[str]) -> list[str]:
    return [w for w in words if not w.isdigit() and w not in _MONTH_NAMES and w not in WEEKDAYS]


# Common English verbs whose past tense does not end in "-ed" (general English, not any topic's words). Forms that
# are as often nouns or adjectives ("cut", "left", "set", "lost", "shot", "spread") are left out: a day is
# dated by the wrong word more often than by the right one through them.
_IRREGULAR_PAST = frozenset(
    "began broke brought built bought caught chose came dealt drew drove fell fought flew forbade froze gave "
    "grew held hid kept knew led meant met paid ran rang sank sent shook shut sold spoke sprang stood stole swore "
    "swam took taught threw understood upheld woke won withdrew wrote".split()
)
_WILL = frozenset({"will", "would", "shall"})


def _past_verb(word: str, stemmed: list[str], before: str = "") -> str | None:
    """``word`` (whose content tokens are ``stemmed``) as a frame key if it is a verb in the past tense
    ("closed", "premiered", "shut") or follows "will" (``before``, the word in front of it: "will reopen")."""
    if not stemmed or not word.islower():
        return None
    if word.endswith("ed") and len(word) > 4 or word in _IRREGULAR_PAST or before.lower() in _WILL:
        return _VERB + stemmed[0]
    return None


def _frames(text: str, day: Day) -> tuple[frozenset[str], bool]:
    """The event a day dates, as the keys that may name it, and whether the day opens its sentence.

    Usually the nearest content word before the day, in the same clause ("closed on Monday"), and the clause's
    verb in the past tense before it ("premiered at Cannes on Friday"). For a day that opens its sentence ("On
    Wednesday, the council voted") only the first verb in the past tense among the next few words after it:
    the words between are the subject, often the topic's own nouns. Empty when the day dates a saying.
    """
    before = re.split(_CLAUSE, text[: day.start])[-1]
    words = _plain(content_tokens(before))[-_FRAME_REACH:]
    if words:
        if words[-1] in _REPORTING:
            return frozenset(), False
        said = _WORD.findall(before)
        nearest = [(said[k], said[k - 1] if k else "") for k in range(len(said) - 1, -1, -1)][:_VERB_REACH]
        verb = next((v for v in (_past_verb(w, content_tokens(w), b) for w, b in nearest) if v), None)
        return frozenset(words[-1:] + ([verb] if verb else [])), False
    clauses = [c for c in re.split(_CLAUSE, text[day.end:]) if content_tokens(c)]
    said = _WORD.findall(clauses[0]) if clauses else []
    following = [(w, said[k - 1] if k else "") for k, w in enumerate(said) if w.lower() not in STOPWORDS]
    for word, previous in following[:_VERB_REACH]:
        stemmed = content_tokens(word)
        if stemmed and stemmed[0] in _REPORTING:
            return frozenset(), True
        verb = _past_verb(word, stemmed, previous)
        if verb:
            return frozenset([verb]), True
    return frozenset(), True


def _calendar(found: Iterable[Day]) -> Callable[[Day], Day]:
    """A function giving a date without its weekday the weekday the topic's own texts give it, for comparing it
    with days named by their weekday: a date with its year has the calendar's ("3 March 2026" is a Tuesday), one
    without takes the weekday another source wrote with the same date ("Tuesday 3 March"), when only one was."""
    weekdays: dict[tuple, set[str]] = defaultdict(set)
    for day in found:
        if day.month and day.year:
            try:
                weekday = WEEKDAYS[datetime.date(day.year, day.month, day.day).weekday()]
            except ValueError:  # 29 February of a common year
                continue
            weekdays[(day.month, day.day, day.year)].add(weekday)
        if day.month and day.weekday:
            weekdays[(day.month, day.day, day.year)].add(day.weekday)
    by_date: dict[tuple, set[str]] = defaultdict(set)
    for (month, number, year), names in weekdays.items():
        by_date[(month, number)] |= names
        if year:
            by_date[(month, number, year)] |= names

    inferred: dict[Day, Day] = {}  # asked for pair by pair: each day is looked up once

    def known(day: Day) -> Day:
        if day.weekday or not day.month:
            return day
        if day not in inferred:
            names = by_date.get((day.month, day.day, day.year) if day.year else (day.month, day.day), set())
            inferred[day] = replace(day, weekday=next(iter(names))) if len(names) == 1 else day
        return inferred[day]

    return known


def _side_labels(days: Sequence[Day]) -> list[str]:
    """The labels of a conflict's days, each side once: a day another gives in full ("Tuesday" and "3 March" by
    "Tuesday 3 March 2026") is on that one's side, not a side of its own (unless two fuller days give it:
    "Tuesday" by "Tuesday 3 March" and "Tuesday 10 March")."""
    labels = {day.label: day for day in days}

    def fuller(day: Day) -> set[str]:
        return {label for label, other in labels.items() if other.parts > day.parts and day.agrees(other)}

    shown = []
    for label, day in sorted(labels.items()):
        containing = fuller(day)
        fullest = {other for other in containing if not fuller(labels[other]) & containing}
        if len(fullest) != 1:
            shown.append(label)
    return shown


def day_conflicts(claims: Sequence[ClaimSpan], groups: Sequence[Group], matcher: Matcher) -> list[ConflictFound]:
    grouped = {frozenset(p) for g in groups for p in combinations(g.members, 2)}
    day_at: dict[tuple[int, int], Day] = {}  # (claim, start) -> the day named there
    named: dict[int, set[tuple]] = defaultdict(set)  # claim -> every weekday and day of a month it names
    by_frame: dict[str, list[tuple[int, Day, bool]]] = defaultdict(list)  # key -> (claim, day, opens sentence)
    for index, claim in enumerate(claims):
        for day in days(claim.text):
            day_at[(index, day.start)] = day
            named[index] |= day.named
            if day.span:
                continue
            frame, opening = _frames(claim.text, day)
            for word in frame:
                by_frame[word].append((index, day, opening))
    related: dict[frozenset[int], bool] = {}

    def about_the_same(i: int, j: int) -> bool:
        # Grouped, or matched by the similarity step (a topic's claims share its names, so shared words alone
        # would relate "the library closed" and "the pool closed").
        key = frozenset((i, j))
        if key not in related:
            related[key] = key in grouped or (matcher.corrected(i, j) or -1.0) > 0
        return related[key]

    known = _calendar(day_at.values())
    edges, frame_of = [], {}
    seen: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    for word, found in sorted(by_frame.items()):
        for (i, x, x_opens), (j, y, y_opens) in combinations(found, 2):
            if word.startswith(_VERB) and not (x_opens or y_opens):
                continue  # two days after their verbs: compared by the word just before them, as always
            pair = ((i, x.start), (j, y.start)) if (i, x.start) < (j, y.start) else ((j, y.start), (i, x.start))
            if pair in seen or claims[i].source == claims[j].source:
                continue
            kx, ky = known(x), known(y)
            if not kx.comparable(ky) or kx.agrees(ky):
                continue
            # A claim that also names the other day speaks of two days ("reopened on Friday, after the closure
            # on Tuesday"): not a disagreement.
            if x.names & named[j] or y.names & named[i]:
                continue
            if about_the_same(i, j):
                seen.add(pair)
                edges.append((pair[0], pair[1]))
                for node in pair:
                    frame_of[node] = min(frame_of.get(node, word), word)
    _in_entry_edges(claims, groups, day_at, named, edges, frame_of, seen, known)
    conflicts = []
    # One conflict per connected set of days: "the library closed on …" and "the pool closed on …" are two events.
    components = connected(edges)
    used: set[str] = set()
    for members in sorted(components, key=lambda m: (min(frame_of[n] for n in m), sorted(m))):
        nodes = sorted(members)
        labels = _side_labels([known(day_at[n]) for n in nodes])  # "3 March" said as "Tuesday 3 March"
        kind = "date" if any(day_at[n].month for n in nodes) else "weekday"
        frame = min(frame_of[n] for n in nodes).removeprefix(_VERB)
        key = f"day:{kind}:{frame}:{'|'.join(sorted({day_at[n].value for n in nodes}))}"
        if key in used:
            texts = "|".join(sorted({normalise(claims[i].text) for i, _ in nodes}))
            key += ":" + hashlib.blake2b(texts.encode(), digest_size=4).hexdigest()
        used.add(key)
        variants = [variant(claims, i, day_at[(i, start)].label) for i, start in nodes]
        conflicts.append(
            ConflictFound(
                about=f"Sources give different days ({', '.join(labels)}).",
                kind="date",
                key=key,
                variants=capped(variants),
            )
        )
    return conflicts


def _dates_a_saying(text: str, day: Day) -> bool:
    """Whether ``day`` dates the telling in ``text``: a reporting verb before it in its clause with no "that" or
    other verb between ("told councillors on Tuesday", "told Monday's council meeting", "confirmed at the council
    meeting on Monday"), or a day that opens its sentence and whose first verb after it reports ("On Monday the
    landlord told …"). "told councillors that a supermarket will open on Tuesday" dates the opening."""
    before = _WORD.findall(re.split(_CLAUSE, text[: day.start])[-1])
    reported = [k for k, w in enumerate(before) if (content_tokens(w) or [""])[0] in _REPORTING]
    if reported:
        between = before[reported[-1] + 1:]
        if any(w.lower() in _COMPLEMENT or _past_verb(w, content_tokens(w), b) for w, b in
               zip(between, before[reported[-1]:])):
            return False
        # Only a short object or place between the telling and its day ("told councillors on", "confirmed at the
        # council meeting on"): more words are likely what was told, "that" left out ("told councillors the
        # supermarket opens on Tuesday").
        return len(content_tokens(" ".join(between))) <= _TELLING_REACH
    if content_tokens(" ".join(before)):
        return False
    after = next((c for c in re.split(_CLAUSE, text[day.end:]) if content_tokens(c)), "")
    said = _WORD.findall(after)
    for word, previous in [(w, said[k - 1] if k else "") for k, w in enumerate(said) if w.lower() not in STOPWORDS]:
        stemmed = content_tokens(word)
        if stemmed and stemmed[0] in _REPORTING:
            return True
        if _past_verb(word, stemmed, previous):
            return False
    return False


def _told_before(text: str, day: Day) -> bool:
    """Whether a reporting verb comes before ``day`` in its sentence: the day is then inside what was told ("told
    councillors that a supermarket will open on Tuesday") and may date anything."""
    return any((content_tokens(w) or [""])[0] in _REPORTING for w in _WORD.findall(text[: day.start]))


def _in_entry_edges(claims, groups, day_at, named, edges, frame_of, seen, known) -> None:
    """Add the disagreeing days of claims that make one entry of at least ``_IN_ENTRY_SOURCES`` sources, each
    naming one day only, when the day dates the thing told ("told Monday's council meeting" / "told councillors
    on Tuesday" / "confirmed at the council meeting on Monday") or the claim's event ("collapsed on Tuesday
    night" / "gave way on Wednesday night"): the words next to the days differ, but three sources agreeing on the
    rest of a statement tell one event. A telling's day is compared only with a telling's, an event's with an
    event's; a day inside what was told ("told councillors that it opens on Tuesday") may date anything, and one
    with nothing it dates ("Tuesday's storm…"), are left out."""
    day_keys: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for key in day_at:
        day_keys[key[0]].append(key)
    for group in groups:
        if len({claims[m].source for m in group.members}) < _IN_ENTRY_SOURCES:
            continue
        dated = []
        for m in group.members:
            own = [day_at[key] for key in day_keys.get(m, ())]
            if len(own) != 1 or own[0].span:
                continue
            text, day = claims[m].text, own[0]
            if _dates_a_saying(text, day):
                dated.append((m, day, "telling"))
            elif _frames(text, day)[0] and not _told_before(text, day):
                dated.append((m, day, "event"))
        for (i, x, x_dates), (j, y, y_dates) in combinations(dated, 2):
            if x_dates != y_dates:
                continue  # the day of a telling and the day of an event are two days
            pair = tuple(sorted(((i, x.start), (j, y.start))))
            if pair in seen or claims[i].source == claims[j].source:
                continue
            kx, ky = known(x), known(y)
            if not kx.comparable(ky) or kx.agrees(ky):
                continue
            if x.names & named[j] or y.names & named[i]:
                continue
            seen.add(pair)
            edges.append(pair)
            for node in pair:
                frame_of[node] = min(frame_of.get(node, _IN_ENTRY), _IN_ENTRY)
