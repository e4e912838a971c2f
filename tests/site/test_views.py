"""What readers see on the explainer, source, matrix and history pages of a published revision."""
import re

import pytest
from django.core.cache import cache

from tests.site.conftest import SEED_SPEC, Cite, EntrySpec, Spec, content_build, revision_publish
from tests.site.htmlcheck import Page

URL = "/explainers/anora-ending/"


def _entries(content: dict) -> list[dict]:
    return [entry for section in content["sections"] for entry in section["entries"]]


def _statement_html(html: str, entry_id: int) -> str:
    """The explainer page's list item of one statement, as HTML."""
    item = html[html.index(f'id="entry-{entry_id}"'):]
    return item[:item.index("</li>")]


def test_home_lists_published_explainers_newest_first(client, published, django_user_model):
    from articles.models import Explainer

    other = Explainer.objects.create(slug="later", title="A later explainer")
    revision_publish(other, {**published.content, "slug": "later", "title": "A later explainer"})
    Explainer.objects.create(slug="never", title="Never published")
    page = Page(client.get("/").content.decode())
    titles = [a["href"] for a in page.find("a") if a.get("href", "").startswith("/explainers/")]
    assert titles == ["/explainers/later/", "/explainers/anora-ending/"]
    assert "Never published" not in page.text


def test_explainer_page_has_title_introduction_and_every_statement(client, published):
    page = Page(client.get(URL).content.decode())
    assert [a for t, a in page.elements if t == "h1"] and page.text.count("The ending of Anora, explained") >= 1
    assert len([t for t, _ in page.elements if t == "h1"]) == 1
    assert "Why Ani cries in the last scene" in page.text
    for entry in _entries(published.content):
        assert page.find("li", id=f"entry-{entry['id']}")
    assert "Igor gives Ani back the wedding ring that had been taken from her." in page.text


def test_every_citation_links_to_its_passage_on_the_source_page(client, published):
    page = Page(client.get(URL).content.decode())
    hrefs = {a["href"] for a in page.find("a", **{"class": "cite"})}
    for entry in _entries(published.content):
        for citation in entry["citations"]:
            assert f"{URL}sources/{citation['source']}/#c{citation['number']}" in hrefs


def test_highlighted_passages_are_exactly_the_cited_text_and_link_back(client, published):
    bodies = {source["id"]: source["body"] for source in published.content["sources"]}
    for source_id, body in bodies.items():
        html = client.get(f"{URL}sources/{source_id}/").content.decode()
        page = Page(html)
        for entry in _entries(published.content):
            for citation in entry["citations"]:
                if citation["source"] != source_id:
                    continue
                assert page.marks[f"c{citation['number']}"] == body[citation["start"]:citation["end"]]
                assert page.find("a", href=f"{URL}#entry-{entry['id']}")


def test_source_page_counts_the_passages_it_highlights_not_the_citations(client, seed_articles, imported_seeds):
    """Two statements citing one sentence cite one passage: "The 2 passages it cites", not 3."""
    passage = "The film’s climax begins with Igor returning Anora’s wedding ring"
    spec = Spec([("Only section", [
        EntrySpec("The ring comes back.", "plot", [Cite(0, passage)]),
        EntrySpec("Igor returns it.", "plot", [Cite(0, passage)]),
        EntrySpec("Anora marries Vanya.", "plot", [Cite(0, "Anora")]),
    ])])
    revision_publish(imported_seeds, content_build(imported_seeds, seed_articles, spec))
    text = Page(client.get(f"{URL}sources/{seed_articles[0].id}/").content.decode()).text
    assert "The 2 passages it cites are highlighted" in text


def test_source_page_shows_the_cleaned_body_not_the_removed_noise(client, published, seed_articles):
    from articles.models import RemovedFragment

    article = seed_articles[1]
    html = client.get(f"{URL}sources/{article.id}/").content.decode()
    text = Page(html.split('<div class="article-text">')[1].split("</div>")[0]).text
    assert text == " ".join(article.body.replace("↩", "").split()) or text.startswith(" ".join(article.body.split()[:12]))
    fragments = [f.text.strip() for f in RemovedFragment.objects.filter(article=article, restored=False)]
    assert fragments, "the seed article had page noise removed"
    for fragment in fragments:
        if fragment not in article.body:
            assert fragment not in text


def test_agreement_is_shown_in_words_as_the_revision_counts_it(client, published):
    page = Page(client.get(URL).content.decode())
    assert page.text.count("3 of 3 sources") == 3
    assert "1 of 3 — single source" in page.text
    assert "2 of 3 sources" in page.text
    # The visual is hidden from assistive technology; the words are its text alternative.
    assert all(span.get("aria-hidden") == "true" for span in page.find("span", **{"class": "dots"}))


def test_where_sources_differ_lists_conflicts_resolutions_and_partial_interpretations(client, published):
    page = Page(client.get(URL).content.decode())
    text = page.text
    assert "Where sources differ" in text
    assert "The name of one of the three henchmen" in text
    assert "Garnick" in text and "Gamik" in text
    assert "Resolution: Garnick — As spelled in the film's credits." in text
    assert "What the oligarch's son is called" in text and "not settled" in text
    assert "Interpretations only some sources hold" in text
    assert "Her advance on Igor is an attempt to regain the power taken from her." in text


@pytest.mark.parametrize("status", ["open", "resolved"])
def test_a_statement_whose_sources_differ_on_a_detail_says_so_and_links_the_difference(client, published,
                                                                                       imported_seeds, status):
    """"3 of 3 sources" make the statement, but if two of its passages are sides of one conflict the reader is
    told so beside the count, with a link to where the sources differ. Once settled, a detail the statement does
    not make is no longer told beside it (the vote's day under "traffic is banned from 10am"): the conflict is
    still set out, with the settled value, where sources differ."""
    import copy

    content = copy.deepcopy(published.content)
    entries = _entries(content)
    entry = next(e for e in entries if len({c["source"] for c in e["citations"]}) >= 2)
    first = entry["citations"][0]
    second = next(c for c in entry["citations"] if c["source"] != first["source"])
    content["conflicts"] = [{
        "id": 999, "about": "Sources give different figures (38 percent, 41 percent).", "kind": "number",
        "status": status, "resolution": "38 percent" if status == "resolved" else "", "resolution_note": "",
        "variants": [{"value": value, "source": c["source"], "start": c["start"], "end": c["end"], "text": c["text"]}
                     for value, c in (("41 percent", first), ("38 percent", second))],
    }]
    revision_publish(imported_seeds, content, change_summary="A conflict.")
    page = Page(client.get(URL).content.decode())
    links = page.find("a", **{"class": "entry__differs"})
    assert page.find("li", id="conflict-999")
    if status == "resolved":
        assert links == [] and "our editors settled it" not in page.text
        return
    assert [a["href"] for a in links] == ["#conflict-999"]
    html = client.get(URL).content.decode()
    item = html[html.index(f'id="entry-{entry["id"]}"'):]
    assert item.index('href="#conflict-999"') < item.index("</li>")  # on that statement, not another


@pytest.mark.parametrize("mentions, flagged", [(False, False), (True, True)])
def test_one_cited_side_of_a_conflict_flags_a_statement_only_if_the_statement_gives_the_value(
        client, published, imported_seeds, mentions, flagged):
    """A passage cited for one fact may carry a figure sources differ on ("…where all 46 passengers got off",
    cited for "the ferry stopped"): the statement is flagged only when it states that value itself."""
    import copy

    content = copy.deepcopy(published.content)
    entry = _entries(content)[0]
    cited = entry["citations"][0]
    other = next(c for e in _entries(content) for c in e["citations"]
                 if c["source"] != cited["source"] and e["id"] != entry["id"])
    word = cited["text"].split()[0].strip(".,;:!?\"'()“”‘’")
    if mentions:
        entry["statement_html"] = f"<p>{word} is what the statement says.</p>"
    else:
        entry["statement_html"] = "<p>A statement about something else.</p>"
    content["conflicts"] = [{
        "id": 998, "about": "Sources differ.", "kind": "name", "status": "open", "resolution": "",
        "resolution_note": "",
        "variants": [{"value": word, "source": cited["source"], "start": cited["start"], "end": cited["end"],
                      "text": cited["text"]},
                     {"value": word + "x", "source": other["source"], "start": other["start"], "end": other["end"],
                      "text": other["text"]}],
    }]
    revision_publish(imported_seeds, content, change_summary="A conflict.")
    html = client.get(URL).content.decode()
    item = _statement_html(html, entry["id"])
    assert ('href="#conflict-998"' in item) == flagged


def _three_source_statement_with_a_disputed_value(content: dict, kind: str) -> tuple[dict, list[dict]]:
    """Rewrite the first statement cited by three sources to give "40 centimetres", and record a conflict of
    ``kind`` in which the first two cited passages give that value and the third gives "60 centimetres"."""
    entry = next(e for e in _entries(content) if len({c["source"] for c in e["citations"]}) == 3)
    firsts = list({c["source"]: c for c in reversed(entry["citations"])}.values())[::-1]
    entry["statement_html"] = "<p>The water rose 40 centimetres.</p>"
    entry["statement"] = "The water rose 40 centimetres."
    content["conflicts"] = [{
        "id": 997, "about": "Sources give different figures (40 centimetres, 60 centimetres).", "kind": kind,
        "status": "open", "resolution": "", "resolution_note": "",
        "variants": [{"value": value, "source": c["source"], "start": c["start"], "end": c["end"], "text": c["text"]}
                     for value, c in zip(("40 centimetres", "40 centimetres", "60 centimetres"), firsts)],
    }]
    return entry, firsts


def test_a_source_giving_another_figure_than_the_statement_is_not_counted_as_agreeing(client, published,
                                                                                      imported_seeds):
    """"3 of 3 sources" would tell readers every source gives 40 centimetres when one gives 60: that source is
    drawn as differing (explainer dots, matrix ≠, JSON), named with its figure beside the count, and the
    conflict links back to the statement it touches."""
    import copy
    import json

    content = copy.deepcopy(published.content)
    entry, firsts = _three_source_statement_with_a_disputed_value(content, "number")
    revision_publish(imported_seeds, content, change_summary="A disputed figure.")
    html = client.get(URL).content.decode()
    item = Page(_statement_html(html, entry["id"]))
    assert "2 of 3 sources" in item.text and "3 of 3" not in item.text
    dissenter = next(s["name"] for s in published.content["sources"] if s["id"] == firsts[2]["source"])
    link = item.find("a", **{"class": "entry__differs"})[0]
    assert link["href"] == "#conflict-997" and f"{dissenter} gives 60 centimetres" in item.text
    assert [d["class"] for d in item.find("span") if "dot" in d.get("class", "").split()] == [
        "dot dot--on", "dot dot--on", "dot dot--against"]
    assert "a ring marks a source whose passage gives another figure" in Page(html).text
    conflict = Page(html[html.index('id="conflict-997"'):])
    assert conflict.find("a", href=f"#entry-{entry['id']}"), "the conflict links back to its statement"

    matrix = Page(client.get(f"{URL}matrix/").content.decode())
    against = matrix.find("td", **{"class": "cell cell--against"})
    assert len(against) == 1 and f"{dissenter} gives 60 centimetres" in matrix.text
    assert "≠ means it gives another figure" in matrix.text

    document = json.loads(client.get("/explainers/anora-ending.json").content)
    shown = next(e for sec in document["sections"] for e in sec["entries"] if e["id"] == entry["id"])
    assert shown["agreement"]["support"] == 2 and shown["agreement"]["text"] == "2 of 3 sources"
    assert shown["agreement"]["differing"] == [{"source": firsts[2]["source"], "values": ["60 centimetres"]}]
    assert firsts[2]["source"] not in shown["agreement"]["sources"]


def test_a_conflict_settled_as_the_statement_and_its_passages_have_it_is_not_flagged_on_it(client, published,
                                                                                          imported_seeds):
    """After a split, a statement may cite only the sources that spell a name as the editors settled it: there is
    nothing left to tell its readers. Settled another way, it is still flagged."""
    import copy

    content = copy.deepcopy(published.content)
    entry, firsts = _three_source_statement_with_a_disputed_value(content, "number")
    entry["citations"] = [c for c in entry["citations"] if c["source"] != firsts[2]["source"]]
    conflict = content["conflicts"][0]
    conflict.update(status="resolved", resolution="40 centimetres")
    revision_publish(imported_seeds, content, change_summary="Settled.")
    item = Page(_statement_html(client.get(URL).content.decode(), entry["id"]))
    assert not item.find("a", **{"class": "entry__differs"}), item.text
    conflict["resolution"] = "60 centimetres"
    revision_publish(imported_seeds, content, change_summary="Settled the other way.")
    item = Page(_statement_html(client.get(URL).content.decode(), entry["id"]))
    assert "our editors settled it: 60 centimetres" in item.text


def test_a_source_that_also_gives_the_statements_figure_still_backs_it_and_each_difference_names_its_own_values(
        client, published, imported_seeds):
    """A source citing "60 centimetres" in one passage and "40 centimetres" in another ("up from 40 to 60") is
    not against a statement of 40; a statement that states a figure and a date lists, beside each, only what that
    conflict's sources give; a figure inside a longer one ("2.40 centimetres") is not the statement's."""
    import copy

    content = copy.deepcopy(published.content)
    entry, firsts = _three_source_statement_with_a_disputed_value(content, "number")
    entry["statement_html"] = "<p>The water rose 40 centimetres on 3 May.</p>"
    second, third = firsts[1], firsts[2]
    content["conflicts"].append({
        "id": 996, "about": "Sources give different days (3 May, 4 May).", "kind": "date", "status": "open",
        "resolution": "", "resolution_note": "",
        "variants": [{"value": value, "source": c["source"], "start": c["start"], "end": c["end"], "text": c["text"]}
                     for value, c in (("3 May", firsts[0]), ("4 May", second))],
    })
    revision_publish(imported_seeds, content, change_summary="Two disputes.")
    names = {s["id"]: s["name"] for s in published.content["sources"]}
    item = Page(_statement_html(client.get(URL).content.decode(), entry["id"]))
    assert "1 of 3 — single source" in item.text
    assert f"{names[third['source']]} gives 60 centimetres" in item.text
    assert f"{names[second['source']]} gives 4 May" in item.text
    assert f"{names[third['source']]} gives 4 May" not in item.text and "60 centimetres / 4 May" not in item.text

    # The third source's other passage gives the statement's figure: it backs the statement after all.
    entry["citations"].append({**third, "number": 99, "text": "The level went up from 40 centimetres to 60."})
    revision_publish(imported_seeds, content, change_summary="Both figures.")
    item = Page(_statement_html(client.get(URL).content.decode(), entry["id"]))
    assert "2 of 3 sources" in item.text and "gives 60 centimetres" not in item.text

    # "2.40 centimetres" is not "40 centimetres": the statement takes no side, so every source counts.
    entry["citations"].pop()
    entry["statement_html"] = "<p>The water rose 2.40 centimetres an hour.</p>"
    content["conflicts"] = content["conflicts"][:1]
    revision_publish(imported_seeds, content, change_summary="Rate.")
    item = Page(_statement_html(client.get(URL).content.decode(), entry["id"]))
    assert "3 of 3 sources" in item.text


def test_a_name_spelled_another_way_still_backs_the_statement(client, published, imported_seeds):
    """A spelling conflict is about how a name is written, not whether the source says what happened: every
    source keeps counting, and the reader is told who spells it another way."""
    import copy

    content = copy.deepcopy(published.content)
    entry, firsts = _three_source_statement_with_a_disputed_value(content, "name")
    revision_publish(imported_seeds, content, change_summary="A spelling.")
    html = client.get(URL).content.decode()
    item = Page(_statement_html(html, entry["id"]))
    dissenter = next(s["name"] for s in published.content["sources"] if s["id"] == firsts[2]["source"])
    assert "3 of 3 sources" in item.text and f"{dissenter} spells it “60 centimetres”" in item.text
    assert not Page(client.get(f"{URL}matrix/").content.decode()).find("td", **{"class": "cell cell--against"})


def _conflict_links(html: str, conflict_id: int) -> list[tuple[str, str]]:
    """(title, visible text) of each ↩ link of a source page back to conflict ``conflict_id``."""
    import html as html_lib
    import re

    found = re.findall(rf'<a class="backref" href="[^"]*#conflict-{conflict_id}" title="([^"]*)">.*?'
                       r'<span aria-hidden="true">([^<]*)</span></a>', html)
    return [(html_lib.unescape(title), html_lib.unescape(text)) for title, text in found]


@pytest.mark.parametrize("settled", [False, True])
def test_conflict_variants_are_highlighted_in_their_sources(client, published, imported_seeds, settled):
    """Each side of a conflict is marked and linked to where the versions are set side by side; once editors
    settle it, the side they chose is marked ✓, not ≠ (a reader seeing "≠" beside a source's right spelling
    would take the source to be wrong)."""
    import copy

    content = copy.deepcopy(published.content)
    conflict = content["conflicts"][0]
    chosen = conflict["variants"][0]["value"]
    conflict.update(status="resolved" if settled else "open", resolution=chosen if settled else "")
    revision_publish(imported_seeds, content, change_summary="Settled." if settled else "Open.")
    word = {"name": "name", "number": "figure", "date": "date", "contradiction": "account"}[conflict["kind"]]
    for index, variant in enumerate(conflict["variants"]):
        html = client.get(f"{URL}sources/{variant['source']}/").content.decode()
        page = Page(html)
        assert page.marks[f"v{conflict['id']}-{index}"] == variant["value"]
        # The second colour and the ↩ ≠ link are explained where they appear.
        assert "followed by a ↩ ≠ link, naming what differs" in page.text
        # Each link says which difference it is, so two ending at one word can be told apart.
        [(title, text)] = _conflict_links(html, conflict["id"])
        if settled and variant["value"] == chosen:
            assert text == f"↩ ✓ {word}"
            assert title == f"{conflict['about']} — our editors settled it as this source gives it: {chosen}"
            assert "the version they settled on is marked ↩ ✓" in page.text
        else:
            assert (title, text) == (conflict["about"], f"↩ ≠ {word}")


def test_sources_list_names_publisher_title_and_links_the_original(client, published):
    page = Page(client.get(URL).content.decode())
    for source in published.content["sources"]:
        assert source["publisher"] in page.text
        assert page.find("a", href=source["url"])
        assert page.find("a", href=f"{URL}sources/{source['id']}/")


def test_spoiler_notice_only_when_the_revision_says_so(client, seed_articles, imported_seeds):
    revision_publish(imported_seeds, content_build(imported_seeds, seed_articles, Spec(SEED_SPEC.sections, spoilers=False)))
    assert "Spoiler warning" not in client.get(URL).content.decode()
    revision_publish(imported_seeds, content_build(imported_seeds, seed_articles, SEED_SPEC))
    assert "Spoiler warning" in client.get(URL).content.decode()


def test_an_explainer_of_one_source_says_so_rather_than_that_its_sources_agree(client, seed_articles,
                                                                                imported_seeds):
    spec = Spec([("Only section", [EntrySpec("Anora marries Vanya.", "plot", [Cite(0, "Anora")])])])
    revision_publish(imported_seeds, content_build(imported_seeds, seed_articles[:1], spec))
    text = Page(client.get(URL).content.decode()).text
    assert "how many of the 1 source agree" in text and "draws on one source" in text
    assert "1 sources" not in text and "do not contradict one another" not in text


def test_matrix_is_a_table_of_statements_by_sources(client, published):
    page = Page(client.get(f"{URL}matrix/").content.decode())
    assert len(page.find("th", scope="col")) == 2 + published.content["source_count"]
    assert len(page.find("th", scope="row")) == len(_entries(published.content))
    supported = sum(entry["support"] for entry in _entries(published.content))
    assert len(page.find("td", **{"class": "cell cell--on"})) == supported


@pytest.mark.parametrize("start", [URL, f"{URL}revisions/1/"])
def test_every_link_on_the_reader_pages_leads_somewhere(client, published, seed_articles, imported_seeds, start):
    """The explainer page, its sources, its matrix and its history, current or of an old revision: every link
    within the site answers (fragments aside), so no reader follows a link to a "not found" page."""
    spec = Spec([("Only section", [EntrySpec("A rewritten statement.", "plot", [Cite(0, "Anora")])])])
    revision_publish(imported_seeds, content_build(imported_seeds, seed_articles, spec), change_summary="Second.")
    seen, queue = set(), [start]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        if "html" not in response["Content-Type"]:
            continue
        for a in Page(response.content.decode()).find("a"):
            href = a.get("href", "").split("#")[0]
            if href.startswith(URL) and href not in seen:
                queue.append(href)
    assert f"{start}matrix/" in seen and any("/sources/" in path for path in seen)
    old_matrix = client.get(f"{URL}revisions/1/matrix/").content.decode()
    assert '<meta name="robots" content="noindex">' in old_matrix  # an old revision is not for search engines
    assert "noindex" not in client.get(f"{URL}matrix/").content.decode()


def test_history_lists_revisions_and_old_ones_stay_readable(client, published, seed_articles, imported_seeds):
    spec = Spec([("Only section", [EntrySpec("A rewritten statement.", "plot", [Cite(0, "Anora")])])])
    revision_publish(imported_seeds, content_build(imported_seeds, seed_articles, spec), change_summary="Rewritten.")
    history = Page(client.get(f"{URL}history/").content.decode())
    assert "Revision 2" in history.text and "Revision 1" in history.text and "Rewritten." in history.text
    old = Page(client.get(f"{URL}revisions/1/").content.decode())
    assert "It is not the current version" in old.text
    assert "Igor gives Ani back the wedding ring" in old.text
    assert "A rewritten statement." not in old.text
    current = Page(client.get(URL).content.decode())
    assert "A rewritten statement." in current.text and "Igor gives Ani back" not in current.text
    old_source = seed_articles[0].id
    first = published.content["sections"][0]["entries"][0]["citations"][0]
    old_page = Page(client.get(f"{URL}revisions/1/sources/{old_source}/").content.decode())
    assert old_page.marks["c1"] == first["text"]


def test_a_new_revision_replaces_the_cached_page(client, published, seed_articles, imported_seeds):
    assert "Igor gives Ani back" in client.get(URL).content.decode()
    spec = Spec([("Only section", [EntrySpec("Ani keeps the ring.", "plot", [Cite(0, "Anora")])])])
    revision_publish(imported_seeds, content_build(imported_seeds, seed_articles, spec))
    html = client.get(URL).content.decode()
    assert "Ani keeps the ring." in html and "Igor gives Ani back" not in html


def test_draft_edits_do_not_reach_readers_until_published(client, published, imported_seeds):
    from claims.models import ConsensusEntry, Draft
    from claims.services.revisions import revision_content_build

    entry = ConsensusEntry.objects.create(
        explainer=imported_seeds, statement="Ani flies to Paris.", status=ConsensusEntry.Status.APPROVED
    )
    Draft.objects.update_or_create(explainer=imported_seeds, defaults={"introduction": "A draft introduction."})
    html = client.get(URL).content.decode()
    assert "Ani flies to Paris." not in html and "A draft introduction." not in html
    entry.statement = "Ani flies to Rome."
    entry.save()
    assert "Ani flies to Rome." not in client.get(URL).content.decode()

    revision_publish(imported_seeds, revision_content_build(explainer=imported_seeds))
    html = client.get(URL).content.decode()
    assert "Ani flies to Rome." in html and "A draft introduction." in html
    assert "Ani flies to Rome." not in client.get(f"{URL}revisions/1/").content.decode()


def test_explainer_with_only_a_draft_is_not_found(client, imported_seeds):
    from claims.models import ConsensusEntry, Draft

    Draft.objects.create(explainer=imported_seeds, introduction="Not yet.")
    ConsensusEntry.objects.create(explainer=imported_seeds, statement="Unpublished.", status="approved")
    for path in ["", "sources/1/", "matrix/", "history/", "revisions/1/"]:
        assert client.get(f"{URL}{path}").status_code == 404, path
    assert client.get("/explainers/anora-ending.json").status_code == 404
    assert "Unpublished." not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/explainers/no-such-thing/",
        "/explainers/no-such-thing.json",
        "/explainers/no-such-thing/matrix/",
        "/explainers/no-such-thing/history/",
        "/explainers/no-such-thing/sources/1/",
        "/explainers/anora-ending/sources/999999/",
        "/explainers/anora-ending/revisions/7/",
        "/explainers/anora-ending/revisions/1/sources/999999/",
    ],
)
def test_unknown_addresses_are_not_found(client, published, path):
    assert client.get(path).status_code == 404
    cache.clear()
    assert client.get(path).status_code == 404


def test_an_unknown_json_address_answers_in_json(client, published):
    response = client.get("/explainers/no-such-thing.json")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert response.json() == {"error": "not_found", "detail": "No published explainer “no-such-thing”."}


def test_pages_are_landmarked_with_a_skip_link_and_one_h1(client, published):
    for path in ["/", URL, f"{URL}matrix/", f"{URL}history/", f"{URL}sources/{published.content['sources'][0]['id']}/"]:
        page = Page(client.get(path).content.decode())
        tags = [tag for tag, _ in page.elements]
        assert {"header", "nav", "main", "footer"} <= set(tags), path
        assert tags.count("h1") == 1, path
        assert page.find("a", href="#main")[0]["class"] == "skip-link"
        assert page.find("html")[0]["lang"] == "en"
        assert page.find("link", rel="stylesheet")


def test_citation_links_make_sense_out_of_context(client, published):
    page = Page(client.get(URL).content.decode())
    names = dict(page.links)
    citation = published.content["sections"][0]["entries"][0]["citations"][1]
    assert names[f"{URL}sources/{citation['source']}/#c2"] == "Source 2: The Culture Desk, passage 2"
    assert not [name for _href, name in page.links if name.lower() in {"here", "click here", "more", "link", ""}]


def test_public_pages_carry_a_content_security_policy(client, published):
    response = client.get(URL)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    (attributes, _body), = Page(response.content.decode()).scripts
    assert attributes["nonce"] == nonce
    second = client.get(URL).headers["Content-Security-Policy"]
    assert second.split("'nonce-")[1].split("'")[0] != nonce  # a cached page still gets a fresh nonce


def test_healthz_answers_ok_without_touching_the_database(client):
    response = client.get("/healthz")  # no db fixture: any query would raise
    assert response.content == b"ok"


def test_a_conflict_s_variants_are_listed_in_source_order(client, imported_seeds, seed_articles):
    content = content_build(imported_seeds, seed_articles, SEED_SPEC)
    for conflict in content["conflicts"]:
        conflict["variants"].reverse()  # stored last source first, as an import in another order gives
    revision_publish(imported_seeds, content)
    html = client.get(URL).content.decode()
    for conflict in content["conflicts"]:
        item = html.split(f'id="conflict-{conflict["id"]}"')[1].split("</ul>")[0]
        numbers = [int(n) for n in re.findall(r">Source (\d+):", item)]
        assert len(numbers) >= 2 and numbers == sorted(numbers)
        for index, variant in enumerate(conflict["variants"]):  # each link still finds its own passage
            assert f"#v{conflict['id']}-{index}" in item


def test_the_icon_browsers_ask_for_is_the_site_s_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("site/favicon.svg")


def test_a_statement_of_no_particular_kind_wears_no_kind_badge(client, published, imported_seeds):
    """"Plot event" or "Interpretation" tells a reader something; "Other" tells them nothing."""
    import copy

    content = copy.deepcopy(published.content)
    entries = _entries(content)
    entries[0]["kind"], entries[1]["kind"] = "other", "interpretation"
    revision_publish(imported_seeds, content, change_summary="Kinds.")
    html = client.get(URL).content.decode()
    first = html[html.index(f'id="entry-{entries[0]["id"]}"'):]
    second = html[html.index(f'id="entry-{entries[1]["id"]}"'):]
    assert 'class="kind kind--' not in first[:first.index("</li>")]
    assert 'class="kind kind--interpretation"' in second[:second.index("</li>")]


def test_kind_badges_speak_of_events_and_background_not_of_plots(client, published, imported_seeds):
    """Explainers cover news as well as films: "Plot" on "The bridge closed on Monday" reads wrong; "Event" and
    "Background" read right for both."""
    import copy

    content = copy.deepcopy(published.content)
    entries = _entries(content)
    entries[0]["kind"], entries[1]["kind"] = "plot", "production"
    revision_publish(imported_seeds, content, change_summary="Kinds.")
    html = client.get(URL).content.decode()
    for entry in entries[:2]:
        assert Page(_statement_html(html, entry["id"])).find("span", **{"class": f"kind kind--{entry['kind']}"})
    text = [Page(_statement_html(html, e["id"])).text for e in entries[:2]]
    assert "Event" in text[0] and "Plot" not in text[0]
    assert "Background" in text[1] and "Production" not in text[1]
