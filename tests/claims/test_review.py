"""Reviewing entries: approve, reject, edit, merge, split and attach claims, with refusals and audit entries."""
import pytest
from django.core.exceptions import ValidationError

from claims.audit import Verb
from claims.models import AuditEntry, ClaimKind, Conflict, ConsensusEntry, EntryClaim
from claims.services.review import claim_attach, entries_merge, entry_approve, entry_edit, entry_reject, entry_split

from .conftest import claim_make

pytestmark = pytest.mark.django_db
STALE = "This entry was changed by someone else since you opened it; reload and try again."


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


def test_a_split_out_entry_takes_the_kind_of_its_passages(entries, articles, editor):
    """A production fact split out of a plot entry is filed as a production fact, not as what it left."""
    fact = claim_make(articles[2], "Sean Baker's recently crowned", kind=ClaimKind.PRODUCTION)
    claim_attach(claim=fact, entry=entries[0], user=editor)
    new = entry_split(entry=entries[0], claims=[fact], user=editor)
    assert new.kind == ClaimKind.PRODUCTION and ConsensusEntry.objects.get(pk=entries[0].pk).kind == ClaimKind.PLOT


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


def test_statements_and_introductions_longer_than_the_markdown_limit_are_refused(imported_seeds, entries, editor):
    from claims.markdown import MARKDOWN_MAX_CHARS
    from claims.services.drafts import draft_edit

    entry = entries[0]
    too_long = "*a* " * (MARKDOWN_MAX_CHARS // 4 + 1)
    with pytest.raises(ValidationError, match="at most 20,000 are allowed"):
        entry_edit(entry=entry, user=editor, statement=too_long)
    with pytest.raises(ValidationError, match="at most 20,000"):
        draft_edit(explainer=imported_seeds, user=editor, introduction=too_long, spoilers=True)
    entry.refresh_from_db()
    assert entry.statement != too_long.strip()
    fits = "x" * MARKDOWN_MAX_CHARS
    assert entry_edit(entry=entry, user=editor, statement=fits).statement == fits
    ConsensusEntry.objects.filter(pk=entry.pk).update(statement=too_long.strip(), version=99)  # saved before the limit
    entry.refresh_from_db()
    assert entry_edit(entry=entry, user=editor, statement=too_long, kind="interpretation").kind == "interpretation"
