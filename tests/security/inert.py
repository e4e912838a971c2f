"""Read a response the way a browser would and list everything in it that could run.

``html_problems`` parses HTML with the standard library's parser (character references decoded, as a browser
decodes them before it looks at an attribute) and reports: executable ``<script>`` elements other than the
site's own static files, event-handler attributes, URL attributes whose scheme is ``javascript:``,
``vbscript:`` or ``data:`` once control characters and whitespace are stripped, elements that embed active
content, ``srcdoc``/``meta refresh`` naming a URL/``base``, and any attribute name carrying a payload marker. JSON data
blocks must parse and must not be able to close their element.

``csp_problems`` checks the Content-Security-Policy header a response carries.
"""
import json
import re
from html.parser import HTMLParser

MARKER = "alert(1)"  # every payload carries it, so whatever a payload becomes can be told from the site's own markup

URL_ATTRIBUTES = {
    "action", "archive", "background", "cite", "code", "codebase", "data", "dynsrc", "formaction", "href", "icon",
    "longdesc", "lowsrc", "manifest", "ping", "poster", "profile", "src", "srcset", "usemap", "xlink:href",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# Elements that load or run something of their own; the site's pages need none of them.
ACTIVE_ELEMENTS = {"applet", "base", "embed", "frame", "frameset", "iframe", "math", "object", "portal", "svg"}
# Elements that fetch a resource: fine for the site's own static files, never for anything else.
FETCHING_ELEMENTS = {"audio", "image", "img", "input", "source", "track", "video"}
DATA_BLOCKS = {"application/ld+json", "application/json"}
# The public base template's empty favicon ("data:," is an empty document, so the browser asks for no favicon).
ALLOWED_DATA_URLS = {("link", "href", "data:,")}
# Same-origin scripts the admin loads: its static files and Django's JavaScript catalog.
SCRIPT_PREFIXES = ("/static/", "/admin/jsi18n/")
STATIC = "/static/"
# Markup Django's admin templates draw their icons with (no payload ever reaches them: see the marker checks).
ADMIN_ELEMENTS = frozenset({"svg", "path", "use", "symbol", "g"})


def url_scheme_text(value: str) -> str:
    """An attribute's URL as the WHATWG URL parser reads it: leading and trailing C0 controls and spaces
    stripped, tabs and newlines removed anywhere, lower-cased (schemes are case-insensitive)."""
    return re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).lower()


def is_dangerous_url(value: str) -> bool:
    return url_scheme_text(value).startswith(BAD_SCHEMES)


class _Document(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str]]]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = [(name, value or "") for name, value in attrs]
        self.elements.append((tag, attributes))
        if tag == "script":
            self._script, self._script_text = dict(attributes), []

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)


def parse(html: str) -> _Document:
    document = _Document()
    document.feed(html)
    document.close()
    return document


def _script_problems(attributes: dict, body: str, nonce: str | None) -> list[str]:
    kind = attributes.get("type", "").strip().lower()
    src = attributes.get("src")
    if "nonce" in attributes and attributes["nonce"] != nonce:
        return [f"<script> with a nonce that is not the response's: {attributes}"]
    if src is not None:
        if not src.startswith(SCRIPT_PREFIXES) or "//" in src:
            return [f"<script src={src!r}> is not one of the site's static files"]
        return []
    if kind in DATA_BLOCKS:
        problems = []
        if "<" in body:
            problems.append(f"{kind} block holds a raw '<' (could close its element): {body[:120]!r}")
        try:
            json.loads(body)
        except ValueError as error:
            problems.append(f"{kind} block is not JSON ({error}): {body[:120]!r}")
        return problems
    return [f"inline executable <script {attributes}>: {body[:120]!r}"]


def html_problems(html: str, *, nonce: str | None = None, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Everything in ``html`` that a browser could execute or that escaped its text context.

    ``nonce`` is the response's CSP nonce; a script carrying another one is reported. ``allowed`` names active
    elements the page's own templates use (the admin's SVG icons); they are still checked attribute by attribute.
    """
    document = parse(html)
    problems = []
    for attributes, body in document.scripts:
        problems += _script_problems(attributes, body, nonce)
    for tag, attributes in document.elements:
        if tag in ACTIVE_ELEMENTS and (tag not in allowed or any(MARKER in v for _n, v in attributes)):
            problems.append(f"<{tag}> element {attributes}")
        names = {name for name, _value in attributes}
        for name, value in attributes:
            if MARKER in name or "<" in name or '"' in name:
                problems.append(f"<{tag}> attribute name {name!r} comes from content")
            if name.startswith("on"):
                problems.append(f"<{tag} {name}={value!r}> event handler")
            if name == "srcdoc":
                problems.append(f"<{tag} srcdoc=…>")
            if name == "style" and (MARKER in value or re.search(r"expression|url\s*\(|javascript", value, re.I)):
                problems.append(f"<{tag} style={value!r}>")
            if name in URL_ATTRIBUTES and is_dangerous_url(value) and (tag, name, value) not in ALLOWED_DATA_URLS:
                problems.append(f"<{tag} {name}={value!r}> has a {url_scheme_text(value).split(':')[0]}: URL")
        if tag in FETCHING_ELEMENTS and "src" in names:
            src = dict(attributes)["src"]
            if not src.startswith(STATIC):
                problems.append(f"<{tag} src={src!r}> loads something that is not a static file")
        # A refresh that only reloads the page after some seconds goes nowhere else; one that names a URL could.
        if tag == "meta" and dict(attributes).get("http-equiv", "").lower() == "refresh" and not re.fullmatch(
                r"\s*\d+\s*", dict(attributes).get("content") or ""):
            problems.append(f"<meta http-equiv=refresh {attributes}>")
        if tag == "link" and dict(attributes).get("rel", "").lower() in {"import", "prefetch", "preload", "modulepreload"}:
            problems.append(f"<link rel={dict(attributes)['rel']!r}>")
    return problems


def csp_nonce(header: str) -> str | None:
    match = re.search(r"'nonce-([^']+)'", header)
    return match.group(1) if match else None


def csp_problems(header: str | None) -> list[str]:
    """What is missing or loose in a Content-Security-Policy header for scripts."""
    if not header:
        return ["no Content-Security-Policy header"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = [w.lower() for w in words[1:]]
    scripts = directives.get("script-src", directives.get("default-src"))
    if scripts is None:
        return ["no script-src or default-src"]
    problems = []
    # Django adds the nonce only to responses that used it; without one, 'self' alone is stricter still.
    if not {"'self'", "'none'"} & set(scripts) and not any(source.startswith("'nonce-") for source in scripts):
        problems.append(f"script-src is neither nonce-based nor 'self': {scripts}")
    for loose in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"):
        if loose in scripts:
            problems.append(f"script-src allows {loose}")
    if directives.get("object-src") != ["'none'"]:
        problems.append(f"object-src is not 'none': {directives.get('object-src')}")
    if directives.get("base-uri") not in (["'none'"], ["'self'"]):
        problems.append(f"base-uri is not restricted: {directives.get('base-uri')}")
    return problems
