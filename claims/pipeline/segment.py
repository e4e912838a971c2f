"""Sentences and clauses of a cleaned body, as exact character spans.

Sentences come from pysbd, one line (paragraph) at a time; each piece pysbd returns is found again in the line
so offsets are exact whatever pysbd normalises. pysbd's time grows with the square of what it is given (a
40 KB paragraph took 0.8 s, 80 KB 2.5 s, a 200 KB run-on 34 s), and a scraped article is often one line, so a
long line is given to it in pieces of at most ``_CHUNK`` characters, cut where a sentence plainly ends.

Clauses are cut at a few strong boundaries only (semicolons, spaced dashes, a comma followed by a coordinating
conjunction and a new subject): the grouping step lets one claim support several entries, so finer cutting buys
little and costs whole quotes.
"""
import re
from bisect import bisect_left
from functools import lru_cache

import pysbd
from pysbd.lang.english import English

_MARKUP_LEAD = re.compile(r"^(?:[#>*\-•·+]+\s*|\d{1,2}[.)]\s+|\*\*|__)+")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# A comma followed by a conjunction and what looks like a fresh subject starts a new clause.
_SUBJECT = r"(?:I|you|he|she|it|we|they|this|that|there|his|her|their|its|the|a|an|[A-Z][\w’'-]+)"
_CLAUSE_CUT = re.compile(
    r"(?:;\s+|\s[–—-]\s|:\s+(?=[A-Za-z])|,\s+(?=(?:and|but|while|so|yet|whereas|although|though)\s+" + _SUBJECT + r"\b))"
)
# Characters pysbd uses as its own placeholders: a sentence holding one ("B♭ major", "☏ 0161…") comes back altered,
# could not be found in its line and would be lost, so the line is segmented with each replaced by a plain letter.
_PYSBD_MARKERS = str.maketrans({ch: "x" for ch in "ƪǃȸȹᓰᓱᓳᓴᓷᓸ⁃∮∯⌬⎋☄☇☈☉☏☝♝♟♨♬♭✂"})
# The longest piece of a line pysbd is given at once. A longer line is cut after a full stop that closes a
# lower-case word of three letters or more, not one of pysbd's abbreviations, and is followed by a capital or a
# digit ("…the car. She…"), so not after "Dr.", "U.S.", "Sept." or "fig."; in a run-on with no such stop, at a
# space.
_CHUNK = 2000
_PLAIN_END = re.compile(r"(?<![A-Za-z])(?P<word>[a-z]{3,})(?P<stop>[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(English.Abbreviation.ABBREVIATIONS)
_MIN_CLAUSE_WORDS = 4
_ASIDE_WORDS = 6
_LEAD_IN_WORDS = 6


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def _sentences_of(line: str) -> list[str]:
    """pysbd's sentences of one line, as pieces of its text. ``Segmenter.segment`` would also locate each piece
    with a regular expression built from it (a third of the time spent segmenting, as every new pattern is
    compiled); ``sentences`` locates them itself, so the segmenter's processor is called directly."""
    if not line:
        return []
    return _segmenter().processor(line).process()


def _chunks(line: str) -> list[tuple[int, str]]:
    """``line`` as ``(offset, piece)`` pieces of at most ``_CHUNK`` characters, each ending where a sentence
    plainly ends (or, in a run-on, at a space); a line that short is one piece."""
    pieces, begin = [], 0
    while len(line) - begin > _CHUNK:
        limit = begin + _CHUNK
        cut = None
        for match in _PLAIN_END.finditer(line, begin + _CHUNK // 4, limit):
            if match.group("stop") != "." or match.group("word") not in _ABBREVIATIONS:
                cut = match.end()
        if cut is None:
            space = line.rfind(" ", begin + _CHUNK // 4, limit)
            cut = space + 1 if space >= 0 else limit
        pieces.append((begin, line[begin:cut]))
        begin = cut
    pieces.append((begin, line[begin:]))
    return pieces


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _before_markup_tail(piece: str) -> int:
    """Where the whitespace and closing emphasis marks ("**", "__") that end ``piece`` begin. A loop from the end,
    not a pattern searched from every position: a long run of spaces inside a sentence costs one pass."""
    end = len(piece)
    while end:
        if piece[end - 1].isspace():
            end -= 1
        elif piece[end - 2:end] in ("**", "__"):
            end -= 2
        else:
            break
    return end


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``start:end`` past surrounding whitespace and list/heading markup."""
    piece = body[start:end]
    lead = _MARKUP_LEAD.match(piece)
    if lead:
        start += lead.end()
    piece = body[start:end]
    end = start + _before_markup_tail(piece)
    while start < end and body[start].isspace():
        start += 1
    return start, end


def sentences(body: str, min_words: int = 1) -> list[tuple[int, int]]:
    """Spans of the sentences of ``body``, line by line, trimmed of markup. A line of fewer than ``min_words``
    words is passed over unread (pysbd costs a tenth of a millisecond a line, however short)."""
    spans = []
    offset = 0
    for line in body.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip() or len(words(line)) < min_words:
            continue
        line = line.translate(_PYSBD_MARKERS)  # one character for one, so offsets stay those of ``body``
        for chunk_start, chunk in _chunks(line):
            cursor = 0
            for piece in _sentences_of(chunk):
                piece = piece.strip()
                if not piece:
                    continue
                found = chunk.find(piece, cursor)
                if found < 0:
                    continue
                cursor = found + len(piece)
                at = line_start + chunk_start
                start, end = _trim(body, at + found, at + cursor)
                if end > start:
                    spans.append((start, end))
    return spans


_MARKS = re.compile(r"[()\[\]“”\"]")


def _protected(body: str, start: int, end: int, positions: list[int]) -> set[int]:
    """Those of ``positions`` (offsets in the sentence ``start:end``) that are no place to cut: inside a
    parenthesis or square bracket that closes before the sentence ends ("(Ash, Birch, and Rowan)" is one aside;
    a bracket never closed, a ":(", is none), or inside double quotation marks that close before it ends (a
    quotation is one statement of the speaker's: "'People need to know the lines are safe, and I have asked for a
    report,' she said"). One pass over the sentence's brackets and quotation marks, however many places there
    are to check."""
    if not positions:
        return set()
    wanted = sorted(set(positions))
    k, stack, closed, state = 0, [], set(), []
    opened_curly = closed_curly = straight = 0

    def note(at: int) -> None:  # the innermost open bracket at ``at``, and whether a quotation is open there
        state.append((at, stack[-1] if stack else None, opened_curly > closed_curly, straight % 2 == 1))

    for mark in _MARKS.finditer(body, start, end):
        i, ch = mark.start(), mark.group()
        while k < len(wanted) and wanted[k] <= i:
            note(wanted[k])
            k += 1
        if ch in "([":
            stack.append(i)
        elif ch in ")]":
            if stack:
                closed.add(stack.pop())
        elif ch == "“":
            opened_curly += 1
        elif ch == "”":
            closed_curly += 1
        else:
            straight += 1
    for at in wanted[k:]:
        note(at)
    last_curly, last_straight = body.rfind("”", start, end), body.rfind('"', start, end)
    return {at for at, bracket, in_curly, in_straight in state
            if bracket in closed or (last_curly >= at if in_curly else in_straight and last_straight >= at)}


def clauses(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut the sentence ``start:end`` at strong clause boundaries; short pieces stay with their neighbour."""
    candidates = list(_CLAUSE_CUT.finditer(body, start, end))
    protected = _protected(body, start, end, [m.start() for m in candidates])
    found = [m for m in candidates if m.start() not in protected]
    word_starts = [m.start() for m in _WORD.finditer(body, start, end)]

    def count(a: int, b: int) -> int:  # words in body[a:b], cut where no word is
        return bisect_left(word_starts, b) - bisect_left(word_starts, a)

    # Two spaced dashes around a few words are an aside ("the three porters – Ash, Birch and Rowan – are…").
    aside = set()
    dashes = [k for k, m in enumerate(found) if m.group().strip() in "–—-"]
    for a, b in zip(dashes, dashes[1:]):
        if b == a + 1 and count(found[a].end(), found[b].start()) <= _ASIDE_WORDS:
            aside.update((a, b))
    cuts = [start]
    for k, match in enumerate(found):
        if k in aside:
            continue
        # a few words before a colon are a lead-in ("So the big reveal: it was…"), not a statement of their own
        if match.group().startswith(":") and count(cuts[-1], match.start()) < _LEAD_IN_WORDS:
            continue
        cuts.append(match.start())
        cuts.append(match.end())
    cuts.append(end)
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    merged: list[list[int]] = []
    for a, b in pieces:
        if merged and (count(a, b) < _MIN_CLAUSE_WORDS or count(*merged[-1]) < _MIN_CLAUSE_WORDS):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    result = []
    for a, b in merged:
        a, b = _trim(body, a, b)
        b = a + len(body[a:b].rstrip(" ,;:"))
        if b > a:
            result.append((a, b))
    return result

