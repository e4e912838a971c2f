"""What cleaning returns: the cleaned body, the removed fragments with their reasons, and the recovered metadata."""
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
SPOILER_REASON = "spoiler banner"
INVISIBLE_REASON = "invisible formatting character"
# A block of an HTML page that the extractor did not take for the article's text (menus, banners, sidebars, what
# follows the article's body): removed, but recorded like any other removal, and an editor can put it back.
OUTSIDE_REASON = "outside the article's main text (web page)"
# Removals an editor cannot restore: an invisible formatting character can be a bidirectional override that makes
# a quoted sentence display as something it does not say, and shows nothing a reader would miss.
UNRESTORABLE = frozenset({INVISIBLE_REASON})
