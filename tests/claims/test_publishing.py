"""Submitting, sending back and publishing an explainer, the two-person rule and frozen revisions."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import AuditEntry, Draft, Revision
from claims.services.publishing import explainer_is_current, explainer_publish, explainer_send_back, explainer_submit
from claims.services.drafts import draft_edit
from claims.services.review import entries_merge, entry_approve, entry_edit, entry_reject
from claims.services.revisions import revision_content_build

from .workflow_helpers import approve, submitted

pytestmark = pytest.mark.django_db


def test_submit_moves_the_draft_into_review_with_a_note(imported_seeds, entries, editor):
    draft = submitted(imported_seeds, entries[:2], editor)
    assert (draft.status, draft.submitted_by, draft.submit_note) == ("in_review", editor, "Ready")
    assert AuditEntry.objects.filter(verb="submitted for review", note="Ready").exists()


def test_submit_without_approved_entries_is_refused(imported_seeds, entries, editor):
    with pytest.raises(ValidationError, match="Approve at least one entry"):
        explainer_submit(explainer=imported_seeds, user=editor)


def test_submit_twice_is_refused(imported_seeds, entries, editor):
    submitted(imported_seeds, entries[:1], editor)
    with pytest.raises(ValidationError, match="already waiting"):
        explainer_submit(explainer=imported_seeds, user=editor)


def test_send_back_needs_a_comment_and_returns_to_draft(imported_seeds, entries, editor, chief):
    submitted(imported_seeds, entries[:1], editor)
    with pytest.raises(ValidationError, match="Write a comment"):
        explainer_send_back(explainer=imported_seeds, user=chief, comment="")
    draft = explainer_send_back(explainer=imported_seeds, user=chief, comment="Add the ending.")
    assert (draft.status, draft.review_comment) == ("draft", "Add the ending.")
    assert AuditEntry.objects.filter(verb="sent back", actor=chief, note="Add the ending.").exists()


def test_publish_stores_a_revision_with_content_and_agreement_counts(imported_seeds, entries, editor, chief,
                                                                    django_capture_on_commit_callbacks):
    submitted(imported_seeds, entries[:3], editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        revision = explainer_publish(explainer=imported_seeds, user=chief, note="First")
    assert len(callbacks) == 1
    assert (revision.number, revision.published_by, revision.submitted_by) == (1, chief, editor)
    assert revision.content == revision_content_build(explainer=imported_seeds)
    assert [e["support"] for s in revision.content["sections"] for e in s["entries"]] == [3, 2, 3]
    assert revision.change_summary == "First publication: 3 statements from 3 sources."
    assert revision.search_text.startswith("The ending of Anora, explained\nAnora marries Vanya")
    assert Draft.objects.get().status == "published"
    assert AuditEntry.objects.filter(verb="published", actor=chief, data__revision=1).exists()


def test_publish_calls_the_public_cache_invalidation(imported_seeds, entries, editor, chief, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    seen = []
    monkeypatch.setattr("claims.services.publishing.public_cache_invalidate", seen.append)
    submitted(imported_seeds, entries[:1], editor)
    with django_capture_on_commit_callbacks(execute=True):
        explainer_publish(explainer=imported_seeds, user=chief)
    assert seen == ["anora-ending"]


def test_publish_needs_a_submission(imported_seeds, entries, editor, chief):
    approve(entries, editor)
    with pytest.raises(ValidationError, match="in review can be published"):
        explainer_publish(explainer=imported_seeds, user=chief)


def test_two_person_rule_stops_publishing_your_own_submission(imported_seeds, entries, chief, settings):
    settings.TWO_PERSON_RULE = True
    submitted(imported_seeds, entries[:1], chief)
    with pytest.raises(PermissionDenied, match="two-person rule"):
        explainer_publish(explainer=imported_seeds, user=chief)
    assert not Revision.objects.exists() and Draft.objects.get().status == "in_review"


def test_two_person_rule_off_lets_the_submitter_publish(imported_seeds, entries, chief, settings):
    settings.TWO_PERSON_RULE = False
    submitted(imported_seeds, entries[:1], chief)
    assert explainer_publish(explainer=imported_seeds, user=chief).number == 1


def test_another_chief_can_publish_a_chiefs_submission(imported_seeds, entries, chief, chief2):
    submitted(imported_seeds, entries[:1], chief)
    assert explainer_publish(explainer=imported_seeds, user=chief2).published_by == chief2


def test_concurrent_publish_second_is_refused(imported_seeds, entries, editor, chief, chief2):
    draft = submitted(imported_seeds, entries[:1], editor)
    explainer_publish(explainer=imported_seeds, user=chief, expected_version=draft.version)
    with pytest.raises(ValidationError, match="draft was changed by someone else"):
        explainer_publish(explainer=imported_seeds, user=chief2, expected_version=draft.version)
    assert Revision.objects.count() == 1


def test_publishing_twice_by_the_same_click_says_it_is_published_not_that_someone_else_changed_it(
        imported_seeds, entries, editor, chief):
    draft = submitted(imported_seeds, entries[:1], editor)
    explainer_publish(explainer=imported_seeds, user=chief, expected_version=draft.version)
    with pytest.raises(ValidationError, match="You have published this already: it is live as revision 1"):
        explainer_publish(explainer=imported_seeds, user=chief, expected_version=draft.version)
    assert Revision.objects.count() == 1


def test_published_revision_never_changes_after_edits_and_republishing(imported_seeds, entries, editor, chief):
    submitted(imported_seeds, entries[:2], editor)
    first = explainer_publish(explainer=imported_seeds, user=chief)
    frozen = Revision.objects.get(pk=first.pk).content

    entry_edit(entry=entries[0], user=editor, statement="Ani marries Ivan Zakharov.")
    assert Draft.objects.get().status == "draft", "an edit after publishing starts the next round"
    entry_approve(entry=entries[2], user=editor)
    explainer_submit(explainer=imported_seeds, user=editor)
    second = explainer_publish(explainer=imported_seeds, user=chief)

    assert Revision.objects.get(pk=first.pk).content == frozen
    assert second.number == 2 and second.change_summary == "1 statement added, 1 reworded."
    first.title = "tampered"
    with pytest.raises(ValidationError, match="cannot be changed"):
        first.save()
    with pytest.raises(ValidationError, match="cannot be deleted"):
        first.delete()


def test_submitting_without_changes_since_publishing_is_refused(imported_seeds, entries, editor, chief):
    submitted(imported_seeds, entries[:1], editor)
    explainer_publish(explainer=imported_seeds, user=chief)
    assert explainer_is_current(explainer=imported_seeds)
    with pytest.raises(ValidationError, match="Nothing has changed since revision 1"):
        explainer_submit(explainer=imported_seeds, user=editor)


def test_a_failed_transition_leaves_no_trace(imported_seeds, entries, editor, chief, monkeypatch):
    submitted(imported_seeds, entries[:1], editor)
    logged = AuditEntry.objects.count()

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("claims.services.publishing.audit_record", broken)
    with pytest.raises(RuntimeError):
        explainer_publish(explainer=imported_seeds, user=chief)
    assert not Revision.objects.exists() and Draft.objects.get().status == "in_review"
    assert AuditEntry.objects.count() == logged


def test_an_entry_edited_during_review_cannot_be_published_unreviewed(imported_seeds, entries, editor, chief):
    draft = submitted(imported_seeds, entries[:2], editor)
    reviewed = revision_content_build(explainer=imported_seeds)

    entry_edit(entry=entries[0], user=editor, statement="Written after the chief editor looked.")

    assert Draft.objects.get().status == "draft", "a change during review needs a new submission"
    assert AuditEntry.objects.filter(verb="draft reopened", note__contains="Changed while in review").exists()
    with pytest.raises(ValidationError, match="draft was changed by someone else"):
        explainer_publish(explainer=imported_seeds, user=chief, expected_version=draft.version)
    with pytest.raises(ValidationError, match="Only a draft that is in review can be published"):
        explainer_publish(explainer=imported_seeds, user=chief)
    assert not Revision.objects.exists()
    assert revision_content_build(explainer=imported_seeds) != reviewed

    explainer_submit(explainer=imported_seeds, user=editor)
    published = explainer_publish(explainer=imported_seeds, user=chief)
    assert "Written after the chief editor looked." in str(published.content)


def test_approving_an_entry_or_editing_the_introduction_during_review_reopens_the_draft(
    imported_seeds, entries, editor, chief
):
    submitted(imported_seeds, entries[:1], editor)
    entry_approve(entry=entries[1], user=chief)
    assert Draft.objects.get().status == "draft"

    explainer_submit(explainer=imported_seeds, user=editor)
    draft_edit(explainer=imported_seeds, user=editor, introduction="A new introduction.", spoilers=True)
    assert Draft.objects.get().status == "draft"


def test_changes_to_entries_that_would_not_be_published_leave_a_submission_in_review(
    imported_seeds, entries, editor, chief
):
    """Only approved entries are published: rejecting, rewording, splitting or merging entries that are not
    approved changes nothing the chief editor reviewed."""
    submitted(imported_seeds, entries[:1], editor)
    reviewed = revision_content_build(explainer=imported_seeds)
    first, second, third = entries[1], entries[2], entries[3]
    entry_edit(entry=first, user=editor, statement="Reworded before anyone approves it.")
    entry_reject(entry=first, user=editor)
    entries_merge(entries=[second, third], user=editor)

    assert Draft.objects.get().status == "in_review"
    assert revision_content_build(explainer=imported_seeds) == reviewed
    assert not AuditEntry.objects.filter(verb="draft reopened").exists()

    entry_reject(entry=entries[0], user=editor)  # the approved one: what would be published changes
    assert Draft.objects.get().status == "draft"


def test_a_source_changed_during_review_sends_the_draft_back_and_needs_a_build_before_submitting(
    imported_seeds, entries, editor, chief
):
    """Restoring a fragment (or re-importing a file) changes a source's text, which readers see and citations
    point into: what the chief editor reviewed is no longer what would be published."""
    from articles.models import RemovedFragment
    from articles.services import fragment_restore
    from claims.services.consensus import consensus_build

    submitted(imported_seeds, entries[:1], editor)
    fragment = RemovedFragment.objects.filter(article__explainer=imported_seeds, restored=False).first()
    fragment_restore(fragment=fragment, user=editor)

    assert Draft.objects.get().status == "draft"
    assert AuditEntry.objects.filter(verb="draft reopened", note__contains="A source changed").exists()
    with pytest.raises(ValidationError, match="changed since the last consensus build"):
        explainer_submit(explainer=imported_seeds, user=editor)
    assert Draft.objects.get().status == "draft"

    consensus_build(explainer=imported_seeds)
    explainer_submit(explainer=imported_seeds, user=editor)
    assert explainer_publish(explainer=imported_seeds, user=chief).number == 1
