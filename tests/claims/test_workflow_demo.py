"""The demo_publish command: a scripted editorial pass through the same services editors use."""
import json
import stat
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from claims.models import AuditEntry, ClaimKind, ConsensusEntry, Revision

from .conftest import claim_make, entry_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def run(*args) -> str:
    from django.db import connection

    if connection.vendor != "sqlite":
        args = (*args, "--allow-any-database")  # the command guards non-SQLite databases; tests mean it
    out = StringIO()
    call_command("demo_publish", *args, stdout=out)
    return out.getvalue()


def test_demo_approves_well_supported_entries_and_publishes_as_two_people(imported_seeds, entries, conflict):
    output = run("anora-ending")
    assert "Published revision 1" in output
    approved = set(ConsensusEntry.objects.filter(status="approved").values_list("pk", flat=True))
    assert approved == {entries[0].pk, entries[1].pk, entries[2].pk}, "single-source entries stay proposed"
    revision = Revision.objects.get()
    assert (revision.submitted_by.username, revision.published_by.username) == ("editor", "chief")
    conflict.refresh_from_db()
    assert conflict.status == "open", "the demo resolves nothing by itself"
    logs = AuditEntry.objects.exclude(verb="article imported")  # the fixture imported the seeds, not the demo
    assert logs and all(log.is_demo for log in logs)
    assert set(logs.values_list("note", flat=True)) == {"scripted demo"}


def test_demo_publishes_a_repeated_statement_once(imported_seeds, entries, articles):
    a, b, _c = articles
    repeat = entry_make(imported_seeds, entries[0].statement, [
        claim_make(a, "Vanya", kind=ClaimKind.PLOT), claim_make(b, "Vanya", kind=ClaimKind.PLOT),
    ], kind=ClaimKind.PLOT, position=9)
    run("anora-ending")
    assert ConsensusEntry.objects.get(pk=entries[0].pk).status == "approved"
    assert ConsensusEntry.objects.get(pk=repeat.pk).status == "proposed", "left for an editor to merge"


def test_demo_run_again_does_nothing_and_says_so(imported_seeds, entries):
    run("anora-ending")
    logged = AuditEntry.objects.count()
    output = run("anora-ending")
    assert "Nothing to do: revision 1" in output
    assert Revision.objects.count() == 1 and AuditEntry.objects.count() == logged


def test_demo_creates_accounts_once_with_private_passwords(imported_seeds, entries, var_dir):
    output = run("anora-ending")
    path = var_dir / "demo_accounts.json"
    passwords = json.loads(path.read_text())
    assert set(passwords) == {"admin", "editor", "chief"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert passwords["editor"] in output and "/admin/" in output
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="editor").groups.get().name == "Editor"
    assert User.objects.get(username="chief").groups.get().name == "Chief editor"
    assert all(User.objects.get(username=name).is_staff for name in passwords)
    assert User.objects.get(username="chief").check_password(passwords["chief"])
    again = run("anora-ending")
    assert json.loads(path.read_text()) == passwords and passwords["chief"] in again


def test_demo_leaves_existing_accounts_alone(imported_seeds, entries):
    from .conftest import user_make

    existing = user_make("editor", "Editor")
    run("anora-ending")
    existing.refresh_from_db()
    assert existing.check_password("pw-editor")


def test_demo_publishes_the_next_round_after_new_approvals(imported_seeds, entries):
    run("anora-ending")
    ConsensusEntry.objects.filter(pk=entries[3].pk).update(support=2)
    output = run("anora-ending")
    assert "Published revision 2" in output and "1 statement added" in output


def test_demo_refuses_other_databases(imported_seeds, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")
    with pytest.raises(CommandError, match="only runs on the local SQLite"):
        call_command("demo_publish", "anora-ending", stdout=StringIO())
    assert not get_user_model().objects.exists()


def test_demo_refuses_an_unknown_explainer(db):
    with pytest.raises(CommandError, match="no explainer"):
        run("nope")
