"""Composing the draft: introduction, sections and arrangement, and reopening a published explainer."""
import pytest
from django.core.exceptions import ValidationError

from claims.audit import Verb
from claims.models import AuditEntry, ConsensusEntry, Draft, Section
from claims.services.drafts import draft_edit, entries_arrange, sections_default
from claims.services.publishing import explainer_publish
from claims.services.review import entry_approve
from claims.services.revisions import draft_for, revision_content_build

from .workflow_helpers import approve, submitted

pytestmark = pytest.mark.django_db


def test_draft_is_created_lazily_once(imported_seeds):
    assert not Draft.objects.exists()
    assert draft_for(explainer=imported_seeds) == draft_for(explainer=imported_seeds)
    assert Draft.objects.count() == 1


def _topic(tmp_path, slug: str, texts: list[str]):
    from articles.models import Explainer
    from articles.services import files_import
    from claims.services.consensus import consensus_build

    explainer = Explainer.objects.create(slug=slug, title=slug)
    for n, text in enumerate(texts):
        (tmp_path / f"{slug}-{n}.txt").write_text(text, encoding="utf-8")
    files_import(explainer=explainer, paths=[str(tmp_path / f"{slug}-{n}.txt") for n in range(len(texts))])
    consensus_build(explainer=explainer)
    return explainer


RESULTS = ["Labour won 34 percent of the vote in Northfield, the count showed on Friday night.",
           "The count showed Labour on 34 percent in Northfield, and turnout was 61 percent."]


def test_the_spoiler_warning_starts_on_only_where_the_sources_tell_a_story(imported_seeds, tmp_path):
    """A film's ending is given away; a page of election results has nothing to spoil."""
    assert draft_for(explainer=imported_seeds).spoilers is True  # a source carried a spoiler warning
    story = _topic(tmp_path, "story", [
        "In the film's final scene, the keeper climbs the tower and lights the lamp one last time.",
        "The movie ends as the keeper lights the lamp in the final scene of the film.",
    ])
    assert draft_for(explainer=story).spoilers is True  # no warning, but plot events
    assert draft_for(explainer=_topic(tmp_path, "results", RESULTS)).spoilers is False


def test_a_consensus_build_lists_the_explainer_among_the_drafts(tmp_path):
    """Editors find a new explainer's draft in the drafts list once its sources are read, without opening it from
    the explainer first; the spoiler default is read from the claims the build made."""
    results = _topic(tmp_path, "results", RESULTS)
    assert Draft.objects.get(explainer=results).spoilers is False


def test_a_draft_opened_before_the_first_build_keeps_the_spoiler_warning(tmp_path):
    """Nothing is known before claims are read: a film's ending must not go out unwarned."""
    from articles.models import Explainer
    from articles.services import files_import

    explainer = Explainer.objects.create(slug="early", title="early")
    (tmp_path / "a.txt").write_text("In the film's final scene, the keeper lights the lamp one last time.",
                                    encoding="utf-8")
    files_import(explainer=explainer, paths=[str(tmp_path / "a.txt")])
    assert draft_for(explainer=explainer).spoilers is True


def test_the_spoiler_warning_an_editor_set_is_kept(tmp_path, editor):
    results = _topic(tmp_path, "results", RESULTS)
    draft_edit(explainer=results, user=editor, introduction="", spoilers=True, expected_version=1)
    assert draft_for(explainer=results).spoilers is True


def test_draft_edit_stores_sanitized_introduction(imported_seeds, editor):
    draft = draft_edit(explainer=imported_seeds, user=editor, introduction="Hi <img src=x onerror=alert(1)>",
                       spoilers=False, expected_version=1)
    assert "<img" not in draft.introduction_html and draft.version == 2 and draft.spoilers is False


def test_concurrent_draft_edits_second_is_refused(imported_seeds, editor, editor2):
    draft_edit(explainer=imported_seeds, user=editor, introduction="One", spoilers=True, expected_version=1)
    with pytest.raises(ValidationError, match="draft was changed by someone else"):
        draft_edit(explainer=imported_seeds, user=editor2, introduction="Two", spoilers=True,
                   expected_version=1)
    assert Draft.objects.get().introduction == "One"


def test_default_sections_group_entries_by_kind(imported_seeds, entries, editor):
    approve(entries, editor)
    before = [s["title"] for s in revision_content_build(explainer=imported_seeds)["sections"]]
    sections_default(explainer=imported_seeds, user=editor)
    titles = list(Section.objects.values_list("title", flat=True))
    assert titles == before  # the sections readers saw, under the same headings: none left empty
    assert set(titles) <= {"What happens", "What it means", "Background facts", "Other points"}
    assert ConsensusEntry.objects.get(pk=entries[1].pk).section.title == "Background facts"


def test_a_topic_whose_entries_are_all_of_no_particular_kind_reads_key_points_not_other_points(
        imported_seeds, entries, editor):
    """A news topic's plain facts are of no particular kind; "Other points" as the only heading would be other
    than nothing, and below "What it means" they would come after a reading of them. An editor's own section keeps
    its name."""
    ConsensusEntry.objects.filter(pk__in=[e.pk for e in entries]).update(kind="other")
    approve(entries, editor)
    content = revision_content_build(explainer=imported_seeds)
    assert [s["title"] for s in content["sections"]] == ["Key points"]
    ConsensusEntry.objects.filter(pk=entries[0].pk).update(kind="interpretation")
    content = revision_content_build(explainer=imported_seeds)
    assert [s["title"] for s in content["sections"]] == ["Key points", "What it means"]  # facts before readings
    ConsensusEntry.objects.filter(pk=entries[0].pk).update(kind="plot")
    content = revision_content_build(explainer=imported_seeds)
    assert [s["title"] for s in content["sections"]] == ["What happens", "Other points"]
    ConsensusEntry.objects.update(kind="other")
    ConsensusEntry.objects.filter(pk=entries[3].pk).update(status="proposed")
    sections_default(explainer=imported_seeds, user=editor)  # made as readers saw them
    content = revision_content_build(explainer=imported_seeds)
    assert [s["title"] for s in content["sections"]] == ["Key points"]
    assert list(Section.objects.values_list("title", flat=True)) == ["Key points"]
    # A fact approved later, placed by no one, joins them there.
    later = ConsensusEntry.objects.get(pk=entries[3].pk)
    entry_approve(entry=later, user=editor)
    content = revision_content_build(explainer=imported_seeds)
    assert [s["title"] for s in content["sections"]] == ["Key points"]
    assert later.pk in [e["id"] for e in content["sections"][0]["entries"]]


def test_arrange_moves_entries_between_sections(imported_seeds, entries, editor):
    approve(entries, editor)
    sections = sections_default(explainer=imported_seeds, user=editor)
    other = next(s for s in sections if s.pk != ConsensusEntry.objects.get(pk=entries[0].pk).section_id)
    entries_arrange(explainer=imported_seeds, user=editor, placements={entries[0].pk: (other.pk, 9)})
    content = revision_content_build(explainer=imported_seeds)
    [moved_to] = [s for s in content["sections"] if s["title"] == other.title]
    assert moved_to["entries"][-1]["id"] == entries[0].pk


@pytest.mark.parametrize("edit", ["introduction", "arrangement"])
def test_editing_the_draft_of_a_published_explainer_reopens_it_in_the_audit_log(imported_seeds, entries, editor,
                                                                                chief, edit):
    submitted(imported_seeds, entries[:1], editor)
    explainer_publish(explainer=imported_seeds, user=chief)
    if edit == "introduction":
        draft_edit(explainer=imported_seeds, user=editor, introduction="A new opening.", spoilers=True)
    else:
        entries_arrange(explainer=imported_seeds, user=editor, placements={}, sections={}, new_section="Aftermath")
    assert Draft.objects.get().status == "draft"
    reopened = AuditEntry.objects.filter(explainer=imported_seeds, verb=Verb.DRAFT_REOPENED)
    assert [a.actor for a in reopened] == [editor]


def test_a_new_title_reopens_the_published_explainer_and_readers_see_it_once_published_again(
        client, imported_seeds, entries, editor, chief, django_capture_on_commit_callbacks):
    from articles.models import Explainer
    from claims.services.publishing import explainer_submit, live_revision
    from claims.services.revisions import revisions_compare

    submitted(imported_seeds, entries[:1], editor)
    explainer_publish(explainer=imported_seeds, user=chief)
    old = imported_seeds.title
    draft_edit(explainer=imported_seeds, user=editor, title=" Why Anora cries at the end\u202e ",
               introduction=Draft.objects.get().introduction, spoilers=Draft.objects.get().spoilers)

    assert Explainer.objects.get().title == "Why Anora cries at the end"  # trimmed, override dropped
    assert Draft.objects.get().status == "draft"
    edited = AuditEntry.objects.get(explainer=imported_seeds, verb=Verb.DRAFT_EDITED)
    assert edited.data["title"] == {"old": old, "new": "Why Anora cries at the end"}
    page = client.get(imported_seeds.get_absolute_url()).content.decode()
    assert old in page and "Why Anora cries" not in page  # the live revision is what readers see until then
    diff = revisions_compare(live_revision(explainer=imported_seeds).content,
                             revision_content_build(explainer=imported_seeds))
    assert diff["title"] == {"old": old, "new": "Why Anora cries at the end"}

    explainer_submit(explainer=imported_seeds, user=editor)
    with django_capture_on_commit_callbacks(execute=True):  # publishing clears the cached page once committed
        explainer_publish(explainer=imported_seeds, user=chief)
    assert "Why Anora cries at the end" in client.get(imported_seeds.get_absolute_url()).content.decode()


def test_an_empty_title_is_refused_and_nothing_changes(imported_seeds, editor):
    draft_for(explainer=imported_seeds)
    with pytest.raises(ValidationError, match="needs a title"):
        draft_edit(explainer=imported_seeds, user=editor, title="  ", introduction="New", spoilers=True)
    assert Draft.objects.get().introduction == "" and imported_seeds.title
