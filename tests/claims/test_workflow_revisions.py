"""The revision content contract and the compare function."""
import copy

import pytest

from claims.models import ConsensusEntry
from claims.services.revisions import revision_content_build, revision_search_text, revisions_compare

pytestmark = pytest.mark.django_db


def approve_all(entries):
    ConsensusEntry.objects.filter(pk__in=[e.pk for e in entries]).update(status=ConsensusEntry.Status.APPROVED)


def test_content_holds_only_approved_entries_grouped_by_kind(imported_seeds, entries):
    approve_all(entries[:3])
    content = revision_content_build(explainer=imported_seeds)
    assert content["schema"] == 1 and content["slug"] == "anora-ending" and content["source_count"] == 3
    assert [s["title"] for s in content["sections"]] == ["What happens", "Background facts"]
    ids = [e["id"] for s in content["sections"] for e in s["entries"]]
    assert ids == [entries[0].id, entries[2].id, entries[1].id]


def test_citations_are_numbered_across_the_page_in_reading_order(imported_seeds, entries, articles):
    approve_all(entries)
    content = revision_content_build(explainer=imported_seeds)
    citations = [c for s in content["sections"] for e in s["entries"] for c in e["citations"]]
    assert [c["number"] for c in citations] == list(range(1, len(citations) + 1))
    body = {a.id: a.body for a in articles}
    for c in citations:
        assert body[c["source"]][c["start"]:c["end"]] == c["text"]
        assert c["sentence_start"] <= c["start"] < c["end"] <= c["sentence_end"]
    assert [s["number"] for s in content["sources"]] == [1, 2, 3]
    assert all(s["name"] and s["body"] for s in content["sources"])


def test_statement_html_is_sanitized(imported_seeds, entries):
    entries[0].statement = "Hello <script>alert(1)</script> **there**"
    entries[0].statement_edited = True  # an editor's markdown
    entries[0].status = ConsensusEntry.Status.APPROVED
    entries[0].save()
    content = revision_content_build(explainer=imported_seeds)
    html = content["sections"][0]["entries"][0]["statement_html"]
    assert "<script" not in html and "<strong>there</strong>" in html


def test_a_statement_in_a_sources_own_words_is_escaped_text_never_a_live_link(imported_seeds, entries):
    entries[0].statement = 'See [the official site](https://phish.example/) or <a href="https://phish.example/">this</a>.'
    entries[0].statement_edited = False  # as a build proposes it: a claim's own words
    entries[0].status = ConsensusEntry.Status.APPROVED
    entries[0].save()
    html = revision_content_build(explainer=imported_seeds)["sections"][0]["entries"][0]["statement_html"]
    assert html == ('<p>See [the official site](https://phish.example/) or '
                    '&lt;a href="https://phish.example/"&gt;this&lt;/a&gt;.</p>')


def test_dismissed_conflicts_are_left_out(imported_seeds, conflict):
    assert [c["id"] for c in revision_content_build(explainer=imported_seeds)["conflicts"]] == [conflict.id]
    conflict.status = conflict.Status.DISMISSED
    conflict.save()
    assert revision_content_build(explainer=imported_seeds)["conflicts"] == []


def test_content_is_deterministic(imported_seeds, entries, conflict):
    approve_all(entries)
    assert revision_content_build(explainer=imported_seeds) == revision_content_build(explainer=imported_seeds)


def test_search_text_is_title_and_plain_statements(imported_seeds, entries):
    approve_all(entries[3:])
    text = revision_search_text(revision_content_build(explainer=imported_seeds))
    assert text == "The ending of Anora, explained\nThe ending is about dignity."



def test_search_text_holds_the_introduction_and_every_value_sources_differ_on(imported_seeds, entries, editor,
                                                                               conflict):
    """A reader searching the other spelling ("Gamik") or a word of the introduction finds the explainer."""
    from claims.services.drafts import draft_edit

    approve_all(entries[3:])
    draft_edit(explainer=imported_seeds, user=editor, introduction="Why *Ani* cries at the end.", spoilers=True)
    text = revision_search_text(revision_content_build(explainer=imported_seeds))
    assert text.split("\n")[-2:] == ["Why Ani cries at the end.", "Garnick Gamik"]


def test_compare_reports_added_removed_reworded_and_citations(imported_seeds, entries):
    approve_all(entries[:3])
    old = revision_content_build(explainer=imported_seeds)
    ConsensusEntry.objects.filter(pk=entries[2].pk).update(status=ConsensusEntry.Status.REJECTED)
    ConsensusEntry.objects.filter(pk=entries[3].pk).update(status=ConsensusEntry.Status.APPROVED)
    ConsensusEntry.objects.filter(pk=entries[1].pk).update(statement="Mikey Madison won an Oscar.")
    entries[0].supports.filter(claim__article__origin__startswith="002").delete()
    new = revision_content_build(explainer=imported_seeds)

    result = revisions_compare(old, new)
    assert [e["id"] for e in result["entries_added"]] == [entries[3].id]
    assert [e["id"] for e in result["entries_removed"]] == [entries[2].id]
    assert [e["id"] for e in result["entries_reworded"]] == [entries[1].id]
    assert ["delete", "the Best Actress"] in result["entries_reworded"][0]["diff"]
    assert len(result["citations_dropped"]) == 1 and result["citations_added"] == []
    assert [e["id"] for e in result["support_changed"]] == [entries[0].id]
    assert result["summary"] == "1 statement added, 1 statement removed, 1 reworded, 1 citation dropped."


def test_compare_of_equal_contents_says_no_changes(imported_seeds, entries):
    approve_all(entries)
    content = revision_content_build(explainer=imported_seeds)
    result = revisions_compare(content, content)
    assert result["changed"] is False and result["summary"] == "No changes."


def test_compare_names_a_source_whose_details_were_corrected(imported_seeds, entries, editor):
    """A corrected publisher changes what readers see in the sources list: the chief editor reviewing it must
    see it in the comparison, not "No changes."."""
    from articles.services import article_details_edit

    from claims.services.review import entry_approve

    entry_approve(entry=entries[0], user=editor)
    old = revision_content_build(explainer=imported_seeds)
    article = imported_seeds.articles.order_by("origin").first()
    article_details_edit(article=article, user=editor, expected_updated_at=article.updated_at.isoformat(),
                         title=article.title, publisher="The Corrected Outlet", author=article.author,
                         url=article.url, published=article.published)
    result = revisions_compare(old, revision_content_build(explainer=imported_seeds))
    assert result["changed"] and "1 source's details changed" in result["summary"]
    changes = {c["field"]: (c["old"], c["new"]) for c in result["sources_changed"][0]["changes"]}
    assert changes["publisher"] == (article.publisher, "The Corrected Outlet")


def test_compare_against_nothing_lists_everything_as_added(imported_seeds, entries):
    approve_all(entries)
    result = revisions_compare(None, revision_content_build(explainer=imported_seeds))
    assert len(result["entries_added"]) == 4 and result["first"]
    # Nothing was there before: no "introduction changed", no "conflicts added"; what the first revision holds.
    assert result["summary"] == "First publication: 4 statements from 3 sources."
    assert not result["introduction_changed"] and result["introduction"] is None


def test_compare_says_a_conflict_was_added_resolved_or_removed(imported_seeds, entries, conflict):
    approve_all(entries)
    first = revision_content_build(explainer=imported_seeds)
    assert revisions_compare(None, first)["summary"].endswith("; sources differ on 1 detail.")

    conflict.status = conflict.Status.RESOLVED
    conflict.resolution = "Garnick"
    conflict.save()
    resolved = revision_content_build(explainer=imported_seeds)
    result = revisions_compare(first, resolved)
    assert result["summary"] == "1 conflict changed." and result["conflicts_changed"][0]["new"][1] == "Garnick"

    conflict.status = conflict.Status.DISMISSED
    conflict.save()
    result = revisions_compare(resolved, revision_content_build(explainer=imported_seeds))
    assert result["summary"] == "1 conflict removed." and result["conflicts_removed"][0]["id"] == conflict.id


def test_compare_sees_no_change_when_an_article_is_re_read_into_new_claims(imported_seeds, entries):
    """A re-read article gets new claim rows for the same sentences: the quotes a reader sees did not change."""
    approve_all(entries)
    old = revision_content_build(explainer=imported_seeds)
    new = copy.deepcopy(old)
    for section in new["sections"]:
        for entry in section["entries"]:
            for citation in entry["citations"]:
                citation["claim"] += 1000
    assert revisions_compare(old, new)["summary"] == "No changes."
    first = new["sections"][0]["entries"][0]["citations"][0]
    first["text"] = first["text"] + " (amended)"
    result = revisions_compare(old, new)
    assert len(result["citations_added"]) == len(result["citations_dropped"]) == 1
    # Each says whose passage it is and which statement it is cited for, not a bare quote.
    [added] = result["citations_added"]
    source = next(s for s in new["sources"] if s["id"] == first["source"])
    assert added["statement"] == new["sections"][0]["entries"][0]["statement"]
    assert added["source_name"] == (source.get("name") or source.get("publisher") or source.get("title")) != ""
    cited = new["sections"][0]["entries"][0]["citations"]
    cited.append({**cited[-1], "claim": cited[-1]["claim"] + 1, "number": 99})  # the same quote twice
    assert len(revisions_compare(old, new)["citations_added"]) == 2


def test_compare_shows_how_the_introduction_was_reworded(imported_seeds, entries):
    """"Introduction changed" alone sends a reviewer hunting; the comparison gives the words taken out and put
    in, as readers read them (no markup)."""
    approve_all(entries)
    old = revision_content_build(explainer=imported_seeds)
    new = copy.deepcopy(old)
    old["introduction_html"] = "<p>Why Ani cries, in <strong>two</strong> points.</p>"
    new["introduction_html"] = "<p>Why Ani cries, in <strong>three</strong> points &amp; a coda.</p>"
    result = revisions_compare(old, new)
    assert result["summary"] == "Introduction changed."
    assert result["introduction"]["new"] == "Why Ani cries, in three points & a coda."
    assert ["delete", "two"] in result["introduction"]["diff"]
    assert ["insert", "three"] in result["introduction"]["diff"]
    assert "".join(text for op, text in result["introduction"]["diff"] if op != "delete") == result["introduction"]["new"]
    assert not result["introduction"]["formatting_only"]
    # Emphasis added, no word changed: said so, since there are no words to mark.
    new["introduction_html"] = "<p>Why Ani cries, in <em>two</em> points.</p>"
    result = revisions_compare(old, new)
    assert result["summary"] == "Introduction changed." and result["introduction"]["formatting_only"]
