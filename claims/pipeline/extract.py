"""Claims of one article: segment, drop what is plainly not a statement, classify, note the names mentioned."""
import re
from bisect import bisect_right
from collections import Counter, defaultdict

from .segment import clauses, sentences, words
from .text import STOPWORDS
from .types import ClaimSpan

_TERMINAL = re.compile(r"[.!…\"”'’)\]]$")
_MIN_WORDS = 3
_HEADING_MAX_WORDS = 8

# Vocabulary of the trade, not of a topic: what makes a sentence about how a work was made or received.
_PRODUCTION = re.compile(
    r"\b(?:oscars?|awards?|prizes?|won|wins|winner|winning|nominat\w*|festival|box office|grossed|screens|"
    r"premiere\w*|star(?:s|ring|red)?|cast|plays(?!\s+(?:like|as|out))|played by|portray\w*|directed|director|"
    r"composer|score|"
    r"cinematograph\w*|screenplay|script|co-written|filmed|shot on|shot in|released|release|streams?|"
    r"streaming|distributor|opening weekend|role|performance|feature)\b",
    re.IGNORECASE,
)
# Markers of a reading rather than a report: hedges, evaluations, claims about meaning.
_INTERPRETATION = re.compile(
    r"\b(?:means?(?! of)|meaning|symboli\w*|represents?|suggests?|reading|interpret\w*|i think|we think|i read|"
    r"seems?|perhaps|maybe|arguably|clearly|reflects?|mirrors?|metaphor|theme\w*|because|why|reckons?|"
    r"believes?|blame[sd]?|guilt|the point|it's about|is about|not just|isn't just|critique|"
    r"implied|should|must|would|could|might|ambiguous|open to|(?:is|are|was|were) a sign that)\b",
    re.IGNORECASE,
)
# The strongest of those: a claim about what something means is a reading even when it names an award or a release.
# ("can be seen on …" is where to watch, "by means of" is how, "the interpreter" is a role: none is a reading.)
_READING = re.compile(
    r"\b(?:means?(?! of)|meaning|symboli\w*|metaphor\w*|interpret(?:s|ed|ing|ations?)?|"
    r"(?:could|can|might|may) be (?:seen|read|understood|taken) as)\b",
    re.IGNORECASE,
)
# A sentence of a news report that tells what someone said: the reasons and hedges in it ("because of the wind",
# "could take weeks") are the speaker's, reported as a fact that they were said, not the writer's reading.
_REPORTED = re.compile(
    r"\b(?:said|says|told|according to|added|stated|warned|confirmed|announced|insisted|explained)\b", re.IGNORECASE
)
# In a news report, a modal verb that states a plan ("should be finished by the end of 2027", "will reopen in
# May") or tells readers what to do ("should register on the portal") is not a hedge: the sentence is a fact.
_PLAN = re.compile(
    r"\b(?:should|would|must|could|might)\s+(?:(?:be\s+)?(?:finished|completed?|ready|done|open(?:ed)?|reopen(?:ed)?|"
    r"closed?|start(?:ed)?|begin|finish|run|last|delivered|built)\b(?=[^.;]{0,200}\b(?:by|in|until|before|from|next|this|"
    r"within|at the end of|early|late|spring|summer|autumn|winter)\b)|"
    r"(?:register|apply|contact|call|email|e-mail|book|visit|check|submit|sign up)\b)",
    re.IGNORECASE,
)
_NARRATIVE = re.compile(r"\b(?:film|movie|scene|episode|series|novel|character|plot|ending|finale)s?\b", re.IGNORECASE)
# Where news puts "scene": a place people reach ("crews reached the scene", "at the scene"), not a part of a story.
_NEWS_SCENE = re.compile(r"\b(?:at|to|on|from|near|around|reached|attended|left|fled)\s+the\s+scenes?\b", re.IGNORECASE)

# One capitalised word of a name: "Dell", "Jean-Luc", and the forms with a capital inside: "O'Dell", "D'Angelo",
# "McDonald", "DiCaprio", "MacKenzie" (read whole, so "O'Dell" is not taken for "Dell").
# Atomic: once a word is read it is not read again another way ("Le'Veon" as a prefix or as a tail), which
# would make patterns that follow a name ("… (Ivan)", "… plays …") take exponential time on a run of such words.
NAME_WORD = r"(?>(?:[A-Z][a-z]?['’](?=[A-Z]))?[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:['’-][A-Za-z]+)*)"
NAME_RUN = re.compile(r"\b" + NAME_WORD + r"(?:\s+" + NAME_WORD + r")*")  # "Orla Quint", "Mo"
POSSESSIVE = re.compile(r"['’]s$")  # "Orwin's" → "Orwin"


def _is_statement(body: str, start: int, end: int, line_is_single: bool) -> bool:
    text = body[start:end]
    n = len(words(text))
    if n < _MIN_WORDS or text.rstrip().endswith("?"):
        return False
    if line_is_single and n <= _HEADING_MAX_WORDS and not _TERMINAL.search(text.rstrip()):
        return False  # a heading or a link line: short, alone on its line, no closing punctuation
    return any(ch.isalpha() for ch in text)


# A statement that leads into the question it raises: "…and at last answered the question: what happened to her?"
_ASKS = re.compile(r"^\W*(?:what|why|how|who|whom|whose|where|when|which|is|are|was|were|am|do|does|did|can|could|"
                   r"will|would|should|shall|may|might|has|have|had|isn['’]t|aren['’]t|wasn['’]t|don['’]t|doesn['’]t|"
                   r"didn['’]t|won['’]t|can['’]t)\b", re.IGNORECASE)
_POINTS_AHEAD = re.compile(r"\b(?:this|these|the following|as follows)\W*$", re.IGNORECASE)
_LEADS_INTO_QUESTION = re.compile(r":\s+(?=[\"“‘']?[a-z][^:]*\?[\"”’')]*\s*$)")


def _before_question(body: str, start: int, end: int) -> int:
    """Where a sentence's statement ends: before the colon that introduces a closing question, else ``end``.
    A question is no claim, but the statement leading into it is one."""
    text = body[start:end]
    found = _LEADS_INTO_QUESTION.search(text) if text.rstrip().endswith("?") else None
    if not found or _ASKS.match(text):
        return end  # "Is it real: who knows?" asks from its first word
    lead = text[:found.start()]
    if len(words(lead)) < 8 or _POINTS_AHEAD.search(lead):
        return end  # "Ask yourself this:", "The inquiry will consider two issues:": no statement of their own
    return start + found.start()


_ALNUM = re.compile(r"[^\W_]+")


def _names_by_first_run(names: set[str]) -> dict[str, list[str]]:
    """The names, filed under their first run of letters and digits ("O" for "O'Dell", "Jean" for "Jean-Luc")."""
    filed = defaultdict(list)
    for name in names:
        if first := _ALNUM.match(name):
            filed[first.group()].append(name)
    return filed


def _mentioned(text: str, names: dict[str, list[str]]) -> tuple[str, ...]:
    """The names ``text`` mentions, as whole words: only those whose first run of letters stands in it are tried,
    so the cost follows the text, not the number of names in the article."""
    tried = {name for run in set(_ALNUM.findall(text)) for name in names.get(run, ()) if len(name) <= len(text)}
    return tuple(sorted(n for n in tried if re.search(r"\b" + re.escape(n) + r"\b", text)))


def proper_names(body: str, *, mid_sentence_only: bool = False) -> set[str]:
    """Capitalised words the article uses as names, never in lower case; with ``mid_sentence_only``, only
    those seen capitalised where a sentence does not start, or in a run of capitalised words (so "Seeing" or
    "Closing" opening a sentence are not names, "Orla Quint" opening one is)."""
    lower = {w.lower() for w in words(body) if w[:1].islower()}
    names = set()
    for match in NAME_RUN.finditer(body):
        before = body[max(0, match.start() - 2):match.start()]
        mid_sentence = bool(before) and not re.search(r"[.!?:\n\"“]\s*$|^\s*$", before)
        tokens = [POSSESSIVE.sub("", t) for t in match.group().split()]
        if not mid_sentence and (mid_sentence_only and len(tokens) == 1 or tokens[0].lower() in STOPWORDS):
            tokens = tokens[1:]
        tokens = [t for t in tokens if t.lower() not in lower and t.lower() not in STOPWORDS]
        if tokens:
            names.add(" ".join(tokens))
    return names


def _sentence_marks(sentence: str, narrative: bool) -> tuple[bool, bool]:
    """Of a claim's whole sentence: whether it reports what someone said (news only), and whether it holds a marker
    of a reading. Worked out once per sentence, not once per claim cut from it."""
    if narrative:
        return False, bool(_INTERPRETATION.search(sentence))
    return bool(_REPORTED.search(sentence)), bool(_INTERPRETATION.search(_PLAN.sub(" ", sentence)))


def classify(text: str, narrative: bool, sentence: str = "", marks: tuple[bool, bool] | None = None) -> str:
    """``production`` for how a work was made or received, ``interpretation`` for a reading (a marker in the
    claim or anywhere in its sentence: "We think …: she is free to leave"), else a plain fact. In a news report
    (not ``narrative``), a sentence that reports what someone said is a fact, whatever hedges or reasons it
    quotes; only a claim about meaning is still a reading. (In a story, who speaks may be a character, whose
    words are an event, or its maker, whose words are background: that is left as it was.) Nor, in a news
    report, is a modal verb stating a plan or telling readers what to do ("should be finished by the end of 2027",
    "should register on the portal") a hedge."""
    if _READING.search(text):
        return "interpretation"
    if narrative and _PRODUCTION.search(text):
        return "production"
    reported, sentence_reads = marks if marks is not None else _sentence_marks(sentence or text, narrative)
    if not narrative:
        text = _PLAN.sub(" ", text)
    if (_INTERPRETATION.search(text) or sentence_reads) and not reported:
        return "interpretation"
    return "plot" if narrative else "other"


def extract_claims(source_id: int, body: str) -> list[ClaimSpan]:
    """Claims of one cleaned body, in reading order, each with ``body[start:end] == text``."""
    narrative = len(_NARRATIVE.findall(_NEWS_SCENE.sub(" ", body))) >= 2
    names = _names_by_first_run(proper_names(body))
    spans = sentences(body, min_words=_MIN_WORDS)  # a shorter line holds no claim
    line_starts = [0] + [m.end() for m in re.finditer("\n", body)]
    per_line = Counter(bisect_right(line_starts, start) for start, _ in spans)
    claims = []
    for s_start, s_end in spans:
        single = per_line[bisect_right(line_starts, s_start)] == 1
        statement_end = _before_question(body, s_start, s_end)
        # Cut before its question, a line's sentence has lost its closing mark, not become a heading.
        single = single and statement_end == s_end
        s_end = statement_end
        if not _is_statement(body, s_start, s_end, single):
            continue
        marks = _sentence_marks(body[s_start:s_end], narrative)
        for start, end in clauses(body, s_start, s_end):
            text = body[start:end]
            if len(words(text)) < _MIN_WORDS:
                continue
            claims.append(
                ClaimSpan(
                    source=source_id,
                    start=start,
                    end=end,
                    text=text,
                    sentence_start=s_start,
                    sentence_end=s_end,
                    kind=classify(text, narrative, marks=marks),
                    people=_mentioned(text, names),
                )
            )
    return claims
