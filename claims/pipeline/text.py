"""Word-level normalisation shared by the similarity backends and the conflict finder."""
import re
import unicodedata
from decimal import Decimal

_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?(?:[.,][0-9]+)*")

# Function words carry no topic; a general English list, not a topic's vocabulary.
STOPWORDS = frozenset(
    """a an the and or but nor so yet for of to in on at by with from into onto over under about as than then
    that this these those there here it its it's he him his she her hers they them their we us our you your i me my
    is are was were be been being am do does did done has have had having will would shall should can could may
    might must not no n't very just also too even still only really quite which who whom whose what when where why
    how all any some each every both either neither one ones more most much many such own same other another
    again once up down out off if while because though although until after before since during through s t
    get gets got getting go goes going went gone make makes made making""".split()
)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE).lower()


def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet 'returns'/'returning'/'returned' at one form."""
    if len(word) <= 4 or word[0].isdigit():
        return word
    for suffix in ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                base += "y"
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]
            return base
    return word


_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
         "seventeen eighteen nineteen".split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# Numbers up to ninety-nine written in words: "seven", "twenty", "twenty-three", "twenty three".
NUMBER_WORDS = {word: n for n, word in enumerate(_UNITS)} | _TENS | {
    f"{tens}{joint}{unit}": value + n
    for tens, value in _TENS.items() for n, unit in enumerate(_UNITS[1:10], start=1) for joint in ("-", " ")
}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Tens with an optional unit ("twenty", "twenty-three", "twenty three"), then the words below twenty, longest first
# ("seventeen" before "seven"): a short alternation, as regular expressions try each branch in turn.
_BELOW_HUNDRED = (
    "(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(_UNITS[1:10]) + r")(?![\w-]))?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
)
# Below a thousand: "two hundred and twelve", "a hundred", "twelve"; then billions, millions and thousands, each at
# most once and in that order ("two thousand five hundred", "three million", "a million"), with no comma inside: "one
# thousand, ninety nine, ninety eight" is a list. Atomic groups: once read, a run of number words is not read again
# another way ("ninety nine" as "ninety" and "nine"), which made a long run take exponential time.
_BELOW_THOUSAND = (
    rf"(?>(?:a|{_BELOW_HUNDRED})\s+hundred(?:\s+(?:and\s+)?(?:{_BELOW_HUNDRED}))?(?![\w-])|{_BELOW_HUNDRED})"
)
_SCALED = [rf"(?:a|{_BELOW_THOUSAND})\s+{scale}(?![\w-])" for scale in ("billion", "million", "thousand")]
# Tried at every word of every claim: a cheap look at the first word ("a hundred", "twenty", "seven") lets the long
# pattern run only where a number in words begins (five times faster over a topic's claims).
_FIRST_NUMBER_WORD = (
    r"(?=[aeflnostzAEFLNOSTZ])(?=(?i:a\s+(?:hundred|thousand|million|billion)|"
    + "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True)) + r")(?![\w]))"
)
NUMBER_WORDS_PATTERN = (
    _FIRST_NUMBER_WORD
    + "(?>"
    + "|".join(
        part + "".join(rf"(?:\s+(?:and\s+)?{lower})?" for lower in _SCALED[k + 1:])
        + rf"(?:\s+(?:and\s+)?{_BELOW_THOUSAND})?"
        for k, part in enumerate(_SCALED)
    )
    + f"|{_BELOW_THOUSAND})"
)
_NUMBER_WORD_RE = re.compile(r"(?<![\w-])" + NUMBER_WORDS_PATTERN + r"(?![\w-])", re.IGNORECASE)


_NUMBER_WORDS_RE = re.compile(NUMBER_WORDS_PATTERN, re.IGNORECASE)


def word_number(words: str) -> int | None:
    """The value of a number written in words ("Twenty-three" 23, "two hundred and twelve" 212, "a million"
    1000000, "two thousand five hundred" 2500), None when ``words`` is not one."""
    words = " ".join(words.replace(",", " ").split())
    return _value_in_words(words) if _NUMBER_WORDS_RE.fullmatch(words) else None


def _value_in_words(words: str) -> int:
    """The value of ``words``, which the number-words pattern matched whole."""
    total = current = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("a", "and"):
            current += word == "a"
        elif word == "hundred":
            current *= 100
        elif word in _MULTIPLIERS:
            total += current * _MULTIPLIERS[word]
            current = 0
        else:
            current += NUMBER_WORDS[word]
    return total + current


def numerals(text: str) -> str:
    """``text`` with numbers written in words as digits: "Twenty-three people" → "23 people", "two hundred and
    twelve seats" → "212 seats"."""
    return _NUMBER_WORD_RE.sub(lambda m: str(_value_in_words(m.group())), text)


# Amounts of money: a currency sign, a figure, and a scale word or letter ("£2.4m", "$3 billion", "€500k").
SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mn": 1e6, "bn": 1e9, "billion": 1e9}
MONEY_RE = re.compile(
    r"(?P<cur>[£$€¥])\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<scale>bn|billion|million|mn|m|k|thousand))?\b", re.I)


def _written_out(number: str, scale: str | None) -> str:
    """A figure in plain digits: "2,400,000" and "2.4" with "million" are "2400000"."""
    amount = Decimal(number.replace(",", ""))
    if scale:
        amount *= Decimal(int(SCALE[scale.lower()]))
    return format(amount.normalize(), "f")


def _money_written_out(match: re.Match) -> str:
    return match.group("cur") + _written_out(match.group("num"), match.group("scale"))


# A count in digits, with thousands separators or a scale word: "2,300,000", "2.3 million" (not money: see above).
_FIGURE_RE = re.compile(r"(?<![\w.,£$€¥])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?"
                        r"(?:\s(?P<scale>thousand|million|billion)(?![\w-]))?(?![\w,]\d)", re.I)


def _figure_written_out(match: re.Match) -> str:
    if not match.group("scale") and "," not in match.group("num"):
        return match.group()
    return _written_out(match.group("num") + (match.group("decimals") or ""), match.group("scale"))


_PER_CENT = re.compile(r"(?<=\d)\s?(?:per ?cent|percent)\b", re.IGNORECASE)


def same_value_key(value: str) -> str:
    """A conflict's value as compared: case, spacing, numbers written in words and the way an amount of money, a
    large count or a share is written set aside, so "Twenty-three people" and "23 people" are one value, "£2.4m",
    "£2.4 million" and "£2,400,000" another, "2.3 million viewers", "2,300,000 viewers" a third and "23 per cent",
    "23%" a fourth."""
    value = MONEY_RE.sub(_money_written_out, numerals(value))
    value = _PER_CENT.sub("%", _FIGURE_RE.sub(_figure_written_out, value))
    return " ".join(value.casefold().split())


def says(value: str, text: str) -> bool:
    """Whether ``text`` gives ``value`` as whole words, ignoring case ("41 percent" in "Labour won 41 percent",
    not "1 percent" in it, nor "5 metres" in "2.5 metres" or "40" in "40,000"); an empty value is said nowhere.
    A number may be written in words on either side: "Twenty-three people" gives "23 people", not "three people";
    and an amount of money in any of its forms: "cost £2.4 million" gives "£2.4m"."""
    if not value:
        return False
    value, text = same_value_key(value), same_value_key(text)
    pattern = r"(?<!\w)(?<!\d[.,])" + re.escape(value.casefold()) + r"(?!\w)(?![.,]\d)"
    return re.search(pattern, text.casefold()) is not None


def folded(name: str) -> str:
    """A name as compared: case and the typographer's apostrophe set aside."""
    return name.replace("’", "'").lower()


def edit_distance(a: str, b: str) -> int:
    """Letters to insert, delete or change to make one word the other (Levenshtein distance), ignoring case and
    the typographer's apostrophe."""
    a, b = folded(a), folded(b)
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def content_tokens(text: str) -> list[str]:
    """Lower-cased, stemmed content words of ``text``, in order."""
    tokens = []
    for token in _TOKEN.findall(normalise(text)):
        token = token.removesuffix("'s")
        if token in STOPWORDS or len(token) < 2 and not token.isdigit():
            continue
        tokens.append(stem(token))
    return tokens


def apply_aliases(text: str, aliases: dict[str, str]) -> str:
    """Write every alias in ``text`` as the person it names, so that 'Bram' and 'Abraham' meet.

    Case counts ("Rose" the name is not "rose" the verb), except that an alias an editor wrote in lower case
    ("the kid") also matches at the start of a sentence ("The kid").
    """
    if not aliases:
        return text
    for name in sorted(aliases, key=len, reverse=True):
        person = aliases[name]
        if name and person and name != person:
            first = f"[{name[0]}{name[0].upper()}]" if name[0].islower() else re.escape(name[0])
            text = re.sub(r"(?<![\w])" + first + re.escape(name[1:]) + r"(?![\w])", person, text)
    return text
