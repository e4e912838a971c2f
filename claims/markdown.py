"""The one place markdown becomes HTML: rendered with Python-Markdown, then sanitized with an allow-list; and
the one place an article's own words become HTML (escaped, never read as markdown)."""
import re
from html import escape, unescape
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from articles.cleaning.inline import without_overrides

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "li", "ol", "p", "pre",
    "strong", "sub", "sup", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Longest markdown an editor may save or preview. Python-Markdown is roughly quadratic on some inputs (400 KB
# of short emphasis runs took 18 s), so a pasted book would tie up a worker; 20,000 characters is some 3,000
# words, renders in well under a second whatever it holds, and is far beyond a statement or an introduction.
MARKDOWN_MAX_CHARS = 20_000


def plain_text(html: str) -> str:
    """Rendered HTML as the words a reader reads, one space between them ("**crack**" rendered is "crack"); the
    result is text, still to be escaped by whoever outputs it."""
    return " ".join(unescape(strip_tags(html)).split())


def markdown_length_check(text: str) -> None:
    """Refuse markdown longer than ``MARKDOWN_MAX_CHARS``, with a message saying so."""
    if len(text or "") > MARKDOWN_MAX_CHARS:
        raise ValidationError(
            _("This text is %(length)s characters long; at most %(limit)s are allowed.")
            % {"length": f"{len(text):,}", "limit": f"{MARKDOWN_MAX_CHARS:,}"}
        )


# A link with no scheme that starts with two slashes, or a slash and a backslash (which browsers read the same),
# goes to another site while looking like a path on this one: "//evil.example/", "/\\evil.example/".
_OTHER_SITE = re.compile(r"[\x00-\x20]*[/\\]{2,}")  # browsers skip leading control characters and spaces


def _as_browsers_read(href: str) -> str:
    """A link address as browsers read it, tabs and line breaks dropped: "/\t/evil.example" is "//evil.example"."""
    return re.sub(r"[\t\n\r]", "", href)


def _link_filter(tag: str, attribute: str, value: str) -> str:
    """A link to another site written without its scheme is given one, so that it reads as what it is."""
    if tag == "a" and attribute == "href":
        read = _as_browsers_read(value)
        other = _OTHER_SITE.match(read)
        if other:
            return "https://" + read[other.end():]
    return value


_DEAD_LINK = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)


def sanitize_html(html: str) -> str:
    """Keep only harmless tags and attributes; links may only point to http(s) or mail addresses, and one to
    another site says so (``_link_filter``); no bidirectional overrides."""
    clean = nh3.clean(
        without_overrides(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_link_filter,
        link_rel="noopener noreferrer nofollow",
    )
    # A link whose address was refused ("javascript:…") is left without one: its words stay, as plain text, not
    # as an underlined link that goes nowhere (nh3's output is well-formed, and links do not nest).
    return _DEAD_LINK.sub(r"\1", clean)


class _Markup(HTMLParser):
    """Tags and link addresses of rendered markdown, before sanitizing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")


def _scheme(href: str) -> str:
    """A link address's scheme, lower-cased ("javascript" for " JavaScript:…"), "" for a relative address."""
    found = re.match(r"[\x00-\x20]*([a-z][a-z0-9+.-]*):", _as_browsers_read(href), re.IGNORECASE)
    return found.group(1).lower() if found else ""


def left_out(text: str) -> str:
    """What of an editor's markdown readers will not get, in words, "" when nothing: a link whose address is no
    web or mail address ("javascript:…"), and HTML elements statements do not allow ("<img>", "<script>"). The
    text is sanitized either way; this is for telling the editor, who would otherwise see a link that goes
    nowhere, or a picture that is not there, and not know why."""
    parser = _Markup()
    parser.feed(_rendered(text))
    parser.close()
    told = []
    refused = sorted({href for href in parser.links if _scheme(href) not in ("", *ALLOWED_URL_SCHEMES)})
    if refused:
        told.append(_("a link to %(addresses)s (only web and mail links are kept: the words stay, unlinked)")
                    % {"addresses": ", ".join(f"“{href[:60]}”" for href in refused)})
    elements = sorted(set(parser.tags) - ALLOWED_TAGS)
    if elements:
        told.append(_("%(elements)s (not allowed in what readers see)")
                    % {"elements": ", ".join(f"<{tag}>" for tag in elements)})
    return "; ".join(told)


def _rendered(text: str) -> str:
    """Editor markdown as HTML, not yet sanitized."""
    return markdown_lib.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")


def render_markdown(text: str) -> str:
    """Render editor markdown to sanitized HTML. Raw HTML in the markdown goes through the same allow-list."""
    return sanitize_html(_rendered(text))


def source_text_html(text: str) -> str:
    """A statement in a source's own words, as HTML: escaped, not rendered. An article's markup or markdown
    ("[the official site](https://…)", "<a href=…>") stays visible text, never a live link; an editor who
    rewrites the statement writes markdown, which ``render_markdown`` renders."""
    return f"<p>{escape(text or '', quote=False)}</p>"


def statement_html(statement: str, *, edited: bool) -> str:
    """An entry's statement as HTML: an editor's is markdown, one still in a source's own words is escaped."""
    return render_markdown(statement) if edited else source_text_html(statement)
