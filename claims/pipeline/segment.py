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
from functools import lru_cache

import pysbd
from pysbd.lang.english import English

_MARKUP_LEAD = re.compile(r"^(?:[#>*\-•·+]+\s*|\d{1,2}[.)]\s+|\*\*|__)+")
_MARKUP_TAIL = re.compile(r"(?:\*\*|__|\s)+$")
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


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``start:end`` past surrounding whitespace and list/heading markup."""
    piece = body[start:end]
    lead = _MARKUP_LEAD.match(piece)
    if lead:
        start += lead.end()
    piece = body[start:end]
    tail = _MARKUP_TAIL.search(piece)
    if tail:
        end = start + tail.start()
    while start < end and body[start].isspace():
        start += 1
    return start, end


def sentences(body: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``body``, line by line, trimmed of markup."""
    spans = []
    offset = 0
    for line in body.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
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


def _inside_brackets(body: str, start: int, at: int, end: int) -> bool:
    """Whether ``at`` sits inside a parenthesis or square bracket of the sentence ``start:end``: "(Ash, Birch,
    and Rowan)" is one aside, not a place to cut. A bracket never closed in the sentence (a ":(") is no aside."""
    depth = 0
    for ch in body[start:at]:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    if not depth:
        return False
    level = depth  # the bracket open at ``at`` must close before the sentence ends
    for ch in body[at:end]:
        if ch in "([":
            level += 1
        elif ch in ")]":
            level -= 1
            if level < depth:
                return True
    return False


def _inside_quote(body: str, start: int, at: int, end: int) -> bool:
    """Whether ``at`` sits inside double quotation marks that close before the sentence ends: a quotation is what
    someone said, one statement of theirs ("'People need to know the lines are safe, and I have asked for a
    report,' she said"), not a place to cut."""
    before, after = body[start:at], body[at:end]
    if before.count("“") > before.count("”"):
        return "”" in after
    return before.count('"') % 2 == 1 and '"' in after


def clauses(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut the sentence ``start:end`` at strong clause boundaries; short pieces stay with their neighbour."""
    found = [m for m in _CLAUSE_CUT.finditer(body, start, end)
             if not _inside_brackets(body, start, m.start(), end) and not _inside_quote(body, start, m.start(), end)]
    # Two spaced dashes around a few words are an aside ("the three porters – Ash, Birch and Rowan – are…").
    aside = set()
    dashes = [k for k, m in enumerate(found) if m.group().strip() in "–—-"]
    for a, b in zip(dashes, dashes[1:]):
        if b == a + 1 and len(words(body[found[a].end():found[b].start()])) <= _ASIDE_WORDS:
            aside.update((a, b))
    cuts = [start]
    for k, match in enumerate(found):
        if k in aside:
            continue
        # a few words before a colon are a lead-in ("So the big reveal: it was…"), not a statement of their own
        if match.group().startswith(":") and len(words(body[cuts[-1]:match.start()])) < _LEAD_IN_WORDS:
            continue
        cuts.append(match.start())
        cuts.append(match.end())
    cuts.append(end)
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    merged: list[list[int]] = []
    for a, b in pieces:
        if merged and (len(words(body[a:b])) < _MIN_CLAUSE_WORDS or len(words(body[merged[-1][0]:merged[-1][1]])) < _MIN_CLAUSE_WORDS):
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

