"""Read rendered pages the way a browser would, to check what a reader (or an attacker) gets."""
import re
from html.parser import HTMLParser

DANGEROUS_TAGS = {"iframe", "object", "embed", "svg", "math", "img", "style", "base", "form-action", "frame", "video"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}
JSON_LD = "application/ld+json"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Elements, marks (by id, with their text), JSON-LD blocks and visible text of one HTML document."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.marks: dict[str, str] = {}
        self.scripts: list[tuple[dict, str]] = []
        self.text_parts: list[str] = []
        self._mark: str | None = None
        self._script: dict | None = None
        self._script_text: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, accessible name: text outside aria-hidden parts)
        self._link: list[str] | None = None
        self._hidden_stack: list[bool] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag not in VOID:
            self._hidden_stack.append(attributes.get("aria-hidden") == "true")
        if tag == "a":
            self._link, self._href = [], attributes.get("href", "")
        if tag == "mark":
            self._mark = attributes.get("id", "")
            if self._mark:
                self.marks[self._mark] = ""
        if tag == "script":
            self._script, self._script_text = attributes, []

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self._hidden_stack:
            self._hidden_stack.pop()
        if tag == "a" and self._link is not None:
            self.links.append((self._href, " ".join("".join(self._link).split())))
            self._link = None
        if tag == "mark":
            self._mark = None
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
            return
        if self._mark:
            self.marks[self._mark] += data
        if self._link is not None and not any(self._hidden_stack):
            self._link.append(data)
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def _scheme(url: str) -> str:
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned.split("/", 1)[0] else ""


def executable_problems(html: str, *, nonce: str | None = None) -> list[str]:
    """Everything in ``html`` a browser could execute: scripts other than nonce'd JSON-LD, event handler
    attributes, javascript:/data:/vbscript: URLs, inline styles, active embedded content."""
    page = Page(html)
    problems = []
    for tag, attributes in page.elements:
        if tag == "script":
            if attributes.get("type") != JSON_LD or "src" in attributes:
                problems.append(f"script element {attributes}")
            elif nonce is not None and attributes.get("nonce") != nonce:
                problems.append("JSON-LD without the response's nonce")
        if tag in DANGEROUS_TAGS:
            problems.append(f"<{tag}> element")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            problems.append("meta refresh")
        for name, value in attributes.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=…>")
            if name == "style":
                problems.append(f"inline style on <{tag}>")
            if name in URL_ATTRIBUTES and _scheme(value) in {"javascript", "data", "vbscript"}:
                problems.append(f"<{tag} {name}={value!r}>")
    return problems
