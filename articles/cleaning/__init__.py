"""Page-noise removal and metadata recovery for one article's text. Plain Python: no Django.

``clean(text)`` returns the cleaned body, every removal with its span in ``text`` and its reason, and the
metadata (title, publisher, author, URL, published date) that the text carries.

The rules lean on structure rather than on words alone: a sentence is removed for *where* it sits and *what
shape* it has (a short line between a heading and a paragraph, a row of links split by ``|``, a run of promo
lines at the very end of the page, a lead-in ending in ``:`` with no list after it). Keyword patterns are
only used on whole, short lines that address the reader ("Sign up for…", "You must be logged in…"), so a
real sentence that mentions subscribers or streaming in the middle of an argument stays.

Where things live: ``cleaner`` runs the passes in order and cuts the removals out; the passes are in
``metadata`` (leading date, labelled lines, site name, headline), ``whole_lines`` (lines judged one at a
time, by the patterns in ``rules``), ``inline`` (shortcodes, credits and sign-up calls inside a line) and
``blocks`` (press-release footers, ad copy, related links, the promo run at the page's end). They share
``page`` (what is removed so far), ``shapes`` (what a line looks like), ``dates`` and ``results`` (what
``clean()`` returns).
"""
from .cleaner import clean
from .dates import find_date
from .results import OUTSIDE_REASON, SPOILER_REASON, TITLE_REASON, UNRESTORABLE, Removal

__all__ = ["OUTSIDE_REASON", "SPOILER_REASON", "TITLE_REASON", "UNRESTORABLE", "Removal", "clean", "find_date"]
