"""One explainer whose every editable or imported field carries hostile payloads, built through the real flow.

Articles are imported from bytes (so cleaning runs and recovers titles, site names, bylines and URLs from the
text, or the page's metadata for HTML), consensus is built, entries are approved and rewritten in markdown, a
conflict is resolved, an alias and a section are added, the draft is sent back once and then published by
a chief editor who did not submit it; a second revision rewords an entry so the history and compare views
have something to show. Every payload carries ``inert.MARKER``.
"""
from dataclasses import dataclass, field

from articles.models import Article, Explainer

# HTML and markup payloads: what a hostile article, page or editor might type.
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = "<svg onload=alert(1)>"
BREAKOUT = '"><script>alert(1)</script>'
SCRIPT_CLOSE = "</script><script>alert(1)</script>"
UNCLOSED = '</p><div <b title="alert(1)">broken <i>unclosed <a href="javascript:alert(1)"'
ENTITY_LINK = '<a href="&#106;avascript:alert(1)">entity</a> <a href=" java\tscript:alert(1)">spaced</a>'
DATA_LINK = '<a href="data:text/html,<script>alert(1)</script>">data</a>'
IFRAME = '<iframe srcdoc="<script>alert(1)</script>" src="javascript:alert(1)"></iframe>'
MUTATION = '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>'
NOSCRIPT = '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'
COMMENT = '<!--<img src="--><img src=x onerror=alert(1)//">'
META = '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'
FORM = '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>'
HTML_PAYLOADS = [SCRIPT, IMG, SVG, BREAKOUT, SCRIPT_CLOSE, UNCLOSED, ENTITY_LINK, DATA_LINK, IFRAME, MUTATION,
                 NOSCRIPT, COMMENT, META, FORM]

# Markdown payloads: links and images whose target or text tries to become script.
MD_JS = "[x](javascript:alert(1))"
MD_JS_CR = "[x](jav&#x0D;ascript:alert(1))"
MD_IMG_ATTR = '![" onerror=alert(1) ](x)'
MD_DATA = "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <!-- alert(1) -->"
MD_REF = "[ref][evil] <!-- alert(1) -->\n\n[evil]: javascript:alert(1)"
MD_AUTOLINK = "<javascript:alert(1)> <http://x/?a=\"onmouseover=alert(1)>"
MD_TITLE = '[t](https://example.org/ "\\" onmouseover=alert(1) x=\\"")'
MD_PAYLOADS = [MD_JS, MD_JS_CR, MD_IMG_ATTR, MD_DATA, MD_REF, MD_AUTOLINK, MD_TITLE]

ALL = HTML_PAYLOADS + MD_PAYLOADS
ONE_LINE = " ".join(p.replace("\n", " ") for p in ALL)  # for single-line fields (titles, names, notes)

SLUG = "hostile-explainer"


def _article_text(n: int) -> str:
    """A plain-text or markdown article: hostile headline, site name and breadcrumb, byline, URL line, body."""
    return "\n".join([
        f"Evil Site {IMG}",
        f"Home › Films {SVG} › Reviews",
        f"# The harbour story {SCRIPT} part {n}",
        "",
        f"By Mallory Evil {BREAKOUT}",
        f"Source: https://example.org/a{n}?q={SCRIPT}",
        "",
        f"The harbour closed on Monday after the storm {HTML_PAYLOADS[n % len(HTML_PAYLOADS)]} damaged the pier.",
        f"Officials said the ferry named Garnick {MD_PAYLOADS[n % len(MD_PAYLOADS)]} would resume service in May.",
        "Fishermen said the closure cost them a week of work and most of their catch.",
        f"The mayor called the damage severe {UNCLOSED}",
        f"Engineers will inspect the pier {MD_IMG_ATTR} before it reopens {MD_JS_CR}.",
        f"{ENTITY_LINK} {DATA_LINK} {IFRAME} {MUTATION} {NOSCRIPT} {COMMENT} {META} {FORM}",
        "",
    ])


HOSTILE_PAGE = f"""<!doctype html>
<html><head>
<title>Harbour page {SCRIPT}</title>
<meta property="og:title" content="Harbour {IMG}">
<meta property="og:site_name" content="Site {SVG}">
<meta name="author" content="Author {BREAKOUT}">
<meta property="og:url" content="javascript:alert(1)">
<link rel="canonical" href="javascript:alert(1)">
<script>alert(1)</script>
</head><body onload="alert(1)">
<nav><a href="javascript:alert(1)">Home</a></nav>
<article>
<h1>Harbour page {SCRIPT}</h1>
<p>The harbour closed on Monday after the storm damaged the pier, officials said on Tuesday morning.</p>
<p>Officials said the ferry named Gamik would resume service in May once the pier was repaired.</p>
<p>Fishermen said the closure cost them a week of work and most of their catch &lt;script&gt;alert(1)&lt;/script&gt;.</p>
<p><img src=x onerror=alert(1)> The mayor called the damage severe and promised money for repairs.</p>
<p><a href="javascript:alert(1)">click</a> Engineers will inspect the pier before it reopens to ferries.</p>
</article>
<script>alert(1)</script>
</body></html>
"""


@dataclass
class HostileSite:
    explainer: Explainer
    articles: list[Article]
    editor: object
    chief: object
    entries: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    aliases: list = field(default_factory=list)
    revisions: list = field(default_factory=list)
    draft: object = None
    build: object = None


def hostile_site_build() -> HostileSite:
    """Import, build, review, compose, send back, publish twice; returns what the pages will show."""
    from django.contrib.auth.models import Group

    from articles.services import article_import, explainer_for_import
    from claims.models import ConsensusBuild, ConsensusEntry
    from claims.services.aliases import alias_add
    from claims.services.conflicts import conflict_resolve
    from claims.services.consensus import consensus_build
    from claims.services.drafts import draft_edit, entries_arrange
    from claims.services.publishing import explainer_publish, explainer_send_back, explainer_submit
    from claims.services.review import entry_approve, entry_edit, entry_reject
    from claims.services.revisions import draft_for
    from tests.claims.conftest import claim_make, conflict_make, user_make

    editor = user_make("hostile-editor", "Editor", first_name=f"Ed {SCRIPT}", last_name=IMG)
    chief = user_make("hostile-chief", "Chief editor", first_name=f"Chief {SVG}")
    assert Group.objects.filter(name__in=["Editor", "Chief editor"]).count() == 2

    explainer = explainer_for_import(slug=SLUG, title=f"Harbour {ONE_LINE}"[:300])
    explainer.editors.add(editor)
    outcomes = [
        article_import(explainer=explainer, origin=f"{SCRIPT}{n}.md" if n == 0 else f"evil-{n}.txt",
                       data=_article_text(n).encode())
        for n in range(3)
    ]
    outcomes.append(article_import(explainer=explainer, origin="page.html", data=HOSTILE_PAGE.encode()))
    assert [o.status for o in outcomes] == ["imported"] * 4, [(o.origin, o.reason) for o in outcomes]
    articles = [o.article for o in outcomes]
    page = articles[-1]
    page.refresh_from_db()
    assert page.url == "", f"a javascript: URL from the page's metadata was stored: {page.url!r}"

    # An editor might also type hostile metadata into a source found elsewhere; simulate it on one article.
    direct = articles[2]
    Article.objects.filter(pk=direct.pk).update(
        title=f"Title {ONE_LINE}"[:500], publisher=f"Publisher {IMG} {SCRIPT}", author=f"Author {SVG}",
        url="javascript:alert(1)",
    )
    Article.objects.filter(pk=articles[1].pk).update(url=f"https://example.org/x?{BREAKOUT}")
    for article in articles:
        article.refresh_from_db()

    summary = consensus_build(explainer=explainer)
    ConsensusBuild.objects.create(explainer=explainer, requested_by=editor, message=f"Built {SCRIPT}"[:500])
    entries = list(ConsensusEntry.objects.filter(explainer=explainer).order_by("-support", "position", "id"))
    assert entries, f"consensus produced no entries: {summary}"
    chosen = entries[:4]
    for entry in chosen:
        entry_approve(entry=entry, user=editor, note=f"Approved {IMG}")
    markdown_statements = [
        f"The harbour **closed** {SCRIPT} {MD_JS} {MD_JS_CR}",
        f"Ferry {MD_IMG_ATTR} {MD_DATA} {IMG} {SVG}",
        f"Pier {UNCLOSED}\n\n{MD_REF}",
        f"Mayor {BREAKOUT} {SCRIPT_CLOSE} {MD_AUTOLINK} {MD_TITLE} {ENTITY_LINK} {DATA_LINK} {IFRAME} {MUTATION} "
        f"{NOSCRIPT} {COMMENT} {META} {FORM}",
    ]
    for entry, statement in zip(chosen, markdown_statements):
        entry_edit(entry=entry, user=editor, statement=statement, note=f"Edited {SVG}")
    if len(entries) > len(chosen):
        entry_reject(entry=entries[len(chosen)], user=editor, note=f"Rejected {BREAKOUT}")

    conflicts = list(explainer.conflicts.order_by("id"))
    if not conflicts:
        # The pipeline found no disagreement in these short texts; the payload still needs a conflict to sit in.
        conflicts = [conflict_make(explainer, f"Ferry name {SCRIPT}", [
            (f"Garnick {IMG}", articles[0], "Garnick"), ("Gamik", page, "Gamik"),
        ], entry=chosen[0])]
    for conflict in conflicts:
        conflict.about = f"{conflict.about} {IMG}"[:500]
        conflict.save(update_fields=["about"])
        conflict_resolve(conflict=conflict, user=editor, resolution=f"Garnick {SCRIPT} {MD_JS}",
                                  note=f"Per the register {IMG} {MD_JS} {MD_JS_CR} {MD_IMG_ATTR}")
    claim_make(articles[0], "Fishermen said the closure")  # a claim no entry holds, offered on the entry page

    aliases = [alias_add(explainer=explainer, name=f"Garnick {SCRIPT}"[:200], person=f"Gamik {IMG}",
                                  user=editor, evidence=f"Seen {SVG} {MD_JS}", note=f"Alias {BREAKOUT}")]
    draft_edit(explainer=explainer, user=editor, spoilers=True, note=f"Intro {SCRIPT}",
                        introduction="\n\n".join([f"Why the harbour closed {SCRIPT}.", *ALL]))
    draft = draft_for(explainer=explainer)
    entries_arrange(explainer=explainer, user=editor, placements={}, new_section=f"Section {SCRIPT} {IMG}",
                             note=f"Arranged {SVG}")
    section = explainer.sections.get()
    entries_arrange(explainer=explainer, user=editor, placements={chosen[0].pk: (section.pk, 1)})

    explainer_submit(explainer=explainer, user=editor, note=f"Please review {SCRIPT} {MD_JS}")
    explainer_send_back(explainer=explainer, user=chief, comment=f"Fix this {IMG} {SVG} {BREAKOUT}")
    explainer_submit(explainer=explainer, user=editor, note=f"Fixed {SCRIPT}")
    first = explainer_publish(explainer=explainer, user=chief, note=f"Published {IMG} {MD_JS}")

    entry_edit(entry=chosen[1], user=editor, statement=f"Ferry again {SVG} {MD_JS} {SCRIPT_CLOSE}",
                        note=f"Reworded {IMG}")
    explainer_submit(explainer=explainer, user=editor, note=f"Second {BREAKOUT}")
    second = explainer_publish(explainer=explainer, user=chief, note=f"Second {SCRIPT}")

    draft.refresh_from_db()
    return HostileSite(
        explainer=explainer, articles=articles, editor=editor, chief=chief, entries=entries,
        conflicts=conflicts, aliases=aliases, revisions=[first, second], draft=draft,
        build=ConsensusBuild.objects.filter(explainer=explainer).first(),
    )
