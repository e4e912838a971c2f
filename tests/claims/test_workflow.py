"""Every workflow transition, with its refusals, audit entries and version checks."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.audit import Verb
from claims.models import AuditEntry, Claim, Conflict, ConsensusEntry, Draft, EntryClaim, Revision, Section
from claims.services.aliases import alias_add, alias_change, alias_confirm, alias_reject
from claims.services.conflicts import conflict_dismiss, conflict_reopen, conflict_resolve
from claims.services.drafts import draft_edit, entries_arrange, sections_default
from claims.services.locking import STALE_ENTRY, save_versioned
from claims.services.publishing import explainer_is_current, explainer_publish, explainer_send_back, explainer_submit
from claims.services.review import claim_attach, entries_merge, entry_approve, entry_edit, entry_reject, entry_split
from claims.services.revisions import draft_for, revision_content_build

from .conftest import claim_make

pytestmark = pytest.mark.django_db
STALE = "This entry was changed by someone else since you opened it; reload and try again."


def approve(entries, user):
    for entry in entries:
        entry_approve(entry=entry, user=user)


def submitted(explainer, entries, editor):
    approve(entries, editor)
    return explainer_submit(explainer=explainer, user=editor, note="Ready")


# Entries


def test_approve_sets_status_who_and_when_and_writes_the_audit_log(entries, editor):
    entry = entry_approve(entry=entries[0], user=editor, expected_version=1, note="well sourced")
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by, entry.version) == ("approved", editor, 2)
    assert entry.decided_at is not None
    log = AuditEntry.objects.get(entry=entry)
    assert (log.verb, log.actor, log.note, log.is_demo) == ("entry approved", editor, "well sourced", False)


def test_approving_an_approved_entry_is_refused(entries, editor):
    entry_approve(entry=entries[0], user=editor)
    with pytest.raises(ValidationError, match="already approved"):
        entry_approve(entry=entries[0], user=editor)


def test_reject_after_approve(entries, editor):
    entry_approve(entry=entries[0], user=editor)
    entry_reject(entry=entries[0], user=editor, note="duplicate")
    entries[0].refresh_from_db()
    assert entries[0].status == "rejected"
    assert list(AuditEntry.objects.filter(entry=entries[0]).values_list("verb", flat=True)) == [
        "entry rejected", "entry approved"]


def test_edit_renders_sanitized_html_and_marks_the_statement_edited(entries, editor):
    entry = entry_edit(entry=entries[0], user=editor, statement="Ani *marries* <script>x()</script>Vanya",
                                expected_version=1)
    entry.refresh_from_db()
    assert entry.statement_edited and "<em>marries</em>" in entry.statement_html and "<script" not in entry.statement_html
    assert AuditEntry.objects.get(entry=entry).data["old"]["statement"].startswith("Anora marries")


def test_edit_refuses_an_empty_statement(entries, editor):
    with pytest.raises(ValidationError, match="cannot be empty"):
        entry_edit(entry=entries[0], user=editor, statement="  ")


def test_concurrent_edits_to_an_entry_second_save_is_refused_and_nothing_is_overwritten(entries, editor, editor2):
    opened_by_both = entries[0].version
    entry_edit(entry=entries[0], user=editor, statement="First editor's words", expected_version=opened_by_both)
    with pytest.raises(ValidationError) as refused:
        entry_edit(entry=entries[0], user=editor2, statement="Second editor's words",
                            expected_version=opened_by_both)
    assert refused.value.messages == [STALE]
    entries[0].refresh_from_db()
    assert entries[0].statement == "First editor's words" and entries[0].version == 2


def test_the_conditional_update_refuses_a_save_that_lost_the_race(entries, editor):
    """Even when the version check passed on read, the UPDATE only wins if the row is still at that version."""
    stale = ConsensusEntry.objects.get(pk=entries[0].pk)
    ConsensusEntry.objects.filter(pk=stale.pk).update(version=5)
    with pytest.raises(ValidationError, match="changed by someone else"):
        save_versioned(stale, stale=STALE_ENTRY, statement="lost")
    assert ConsensusEntry.objects.get(pk=stale.pk).statement.startswith("Anora marries")


def test_merge_moves_claims_and_conflicts_and_keeps_the_best_supported(imported_seeds, entries, conflict, editor):
    conflict.entry = entries[2]
    conflict.save()
    kept = entries_merge(entries=[entries[2], entries[0]], user=editor, note="same event")
    assert kept.pk == entries[0].pk
    assert not ConsensusEntry.objects.filter(pk=entries[2].pk).exists()
    assert kept.supports.count() == 5 and all(kept.supports.values_list("pinned", flat=True))
    assert ConsensusEntry.objects.get(pk=kept.pk).support == 3
    assert Conflict.objects.get(pk=conflict.pk).entry_id == kept.pk
    log = AuditEntry.objects.get(entry=kept, verb="entries merged")
    assert log.data["merged"][0]["id"] == entries[2].pk


def test_merge_needs_two_entries_of_one_explainer(entries, editor):
    with pytest.raises(ValidationError, match="at least two"):
        entries_merge(entries=[entries[0]], user=editor)


def test_split_moves_a_claim_into_a_new_proposed_entry(entries, editor):
    claim = entries[0].claims.order_by("article__origin").last()
    new = entry_split(entry=entries[0], claims=[claim], user=editor, expected_version=1)
    assert list(new.claims.all()) == [claim] and new.status == "proposed" and new.support == 1
    entries[0].refresh_from_db()
    assert entries[0].support == 2 and claim not in entries[0].claims.all()
    assert EntryClaim.objects.get(entry=new).pinned


def test_split_refuses_to_empty_the_entry(entries, editor):
    with pytest.raises(ValidationError, match="empty"):
        entry_split(entry=entries[3], claims=list(entries[3].claims.all()), user=editor)


def test_attach_an_unassigned_claim_pins_it(entries, articles, editor):
    claim = claim_make(articles[1], "Vanya’s family in Russia")
    entry = claim_attach(claim=claim, entry=entries[3], user=editor)
    support = EntryClaim.objects.get(entry=entry, claim=claim)
    assert support.pinned and ConsensusEntry.objects.get(pk=entry.pk).support == 2


def test_attach_moves_a_claim_and_records_it_on_the_entry_it_left(entries, editor):
    claim = entries[0].supports.get(claim__article=entries[2].supports.first().claim.article).claim
    claim_attach(claim=claim, entry=entries[2], user=editor)
    assert ConsensusEntry.objects.get(pk=entries[0].pk).support == 2
    left = AuditEntry.objects.get(entry=entries[0], verb=Verb.CLAIM_ATTACHED)
    assert left.data["moved_to"] == entries[2].pk


def test_attach_refuses_to_leave_an_entry_without_support(entries, editor):
    only = entries[3].supports.get().claim
    with pytest.raises(ValidationError, match="only support"):
        claim_attach(claim=only, entry=entries[0], user=editor)
    assert entries[3].supports.get().claim == only
    assert not AuditEntry.objects.filter(verb=Verb.CLAIM_ATTACHED).exists()


# Conflicts


def test_resolve_by_choosing_a_variant(conflict, editor):
    variant = conflict.variants.get(value="Garnick")
    conflict_resolve(conflict=conflict, user=editor, variant=variant, note="The credits spell it Garnick.",
                              expected_version=1)
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution, conflict.resolved_by) == ("resolved", "Garnick", editor)
    assert conflict.resolution_note == "The credits spell it Garnick."
    assert AuditEntry.objects.get(conflict=conflict).verb == "conflict resolved"


def test_resolve_by_writing_the_value(conflict, editor):
    conflict_resolve(conflict=conflict, user=editor, resolution="Garnik", note="Per the credits.")
    conflict.refresh_from_db()
    assert conflict.resolution == "Garnik"


def test_resolve_needs_a_value(conflict, editor):
    with pytest.raises(ValidationError, match="Choose one of the variants"):
        conflict_resolve(conflict=conflict, user=editor)


def test_concurrent_conflict_resolutions_second_is_refused(conflict, editor, editor2):
    conflict_resolve(conflict=conflict, user=editor, resolution="Garnick", expected_version=1)
    with pytest.raises(ValidationError, match="changed by someone else"):
        conflict_resolve(conflict=conflict, user=editor2, resolution="Gamik", expected_version=1)
    conflict.refresh_from_db()
    assert conflict.resolution == "Garnick"


def test_dismiss_and_reopen(conflict, editor):
    conflict_dismiss(conflict=conflict, user=editor, note="Same person")
    with pytest.raises(ValidationError, match="reopen"):
        conflict_resolve(conflict=conflict, user=editor, resolution="x")
    conflict_reopen(conflict=conflict, user=editor)
    conflict.refresh_from_db()
    assert conflict.status == "open"


# Aliases


def test_alias_confirm_reject_and_add(imported_seeds, editor):
    from claims.models import Alias

    alias = Alias.objects.create(explainer=imported_seeds, name="Vanya", person="Ivan")
    alias_confirm(alias=alias, user=editor)
    assert Alias.objects.get(pk=alias.pk).status == "confirmed"
    alias_reject(alias=alias, user=editor)
    assert Alias.objects.get(pk=alias.pk).status == "rejected"
    added = alias_add(explainer=imported_seeds, name="Ani", person="Anora", user=editor)
    assert added.status == "confirmed" and added.created_by == editor
    with pytest.raises(ValidationError, match="already in the alias table"):
        alias_add(explainer=imported_seeds, name="ani", person="Anora", user=editor)
    assert list(AuditEntry.objects.values_list("verb", flat=True)) == ["alias added", "alias rejected", "alias confirmed"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "ani"}, "already in the alias table"),
        ({"name": "  "}, "Give both"),
        ({"person": ""}, "Give both"),
        ({"status": "maybe"}, "Unknown alias status"),
        ({"name": "V" * 201}, "at most 200 characters"),
        ({"person": "vanya"}, "not an alias of itself"),
    ],
)
def test_alias_change_refuses_what_alias_add_refuses(imported_seeds, editor, change, message):
    from claims.models import Alias

    alias_add(explainer=imported_seeds, name="Ani", person="Anora", user=editor)
    vanya = alias_add(explainer=imported_seeds, name="Vanya", person="Ivan", user=editor)
    fields = {"name": "Vanya", "person": "Ivan", "status": "confirmed", **change}
    with pytest.raises(ValidationError, match=message):
        alias_change(alias=vanya, user=editor, **fields)
    assert (Alias.objects.get(pk=vanya.pk).name, Alias.objects.get(pk=vanya.pk).person) == ("Vanya", "Ivan")


# Composing


def test_draft_is_created_lazily_once(imported_seeds):
    assert not Draft.objects.exists()
    assert draft_for(explainer=imported_seeds) == draft_for(explainer=imported_seeds)
    assert Draft.objects.count() == 1


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
    sections_default(explainer=imported_seeds, user=editor)
    titles = list(Section.objects.values_list("title", flat=True))
    assert titles == ["What happens", "What it means", "Background facts", "Other points"]
    assert ConsensusEntry.objects.get(pk=entries[1].pk).section.title == "Background facts"


def test_arrange_moves_entries_between_sections(imported_seeds, entries, editor):
    approve(entries, editor)
    sections = sections_default(explainer=imported_seeds, user=editor)
    other = sections[-1]
    entries_arrange(explainer=imported_seeds, user=editor, placements={entries[0].pk: (other.pk, 9)})
    content = revision_content_build(explainer=imported_seeds)
    assert content["sections"][-1] == {**content["sections"][-1], "title": "Other points"}
    assert content["sections"][-1]["entries"][-1]["id"] == entries[0].pk


# Submitting and publishing


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
    assert revision.change_summary == "3 statements added."
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


def test_demo_mode_marks_audit_entries(entries, editor):
    from claims.audit import demo_mode

    with demo_mode():
        entry_approve(entry=entries[0], user=editor, note="scripted demo")
    entry_approve(entry=entries[1], user=editor)
    assert list(AuditEntry.objects.order_by("id").values_list("is_demo", flat=True)) == [True, False]
