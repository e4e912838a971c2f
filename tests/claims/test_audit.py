"""The audit log: demo entries are marked; imports, restored fragments and command-line builds are recorded."""
from io import StringIO

import pytest

from claims.audit import demo_mode
from claims.models import AuditEntry
from claims.services.review import entry_approve

pytestmark = pytest.mark.django_db


def test_demo_mode_marks_audit_entries(entries, editor):
    with demo_mode():
        entry_approve(entry=entries[0], user=editor, note="scripted demo")
    entry_approve(entry=entries[1], user=editor)
    approvals = AuditEntry.objects.filter(verb="entry approved").order_by("id")
    assert list(approvals.values_list("is_demo", flat=True)) == [True, False]


def test_imports_fragment_restores_and_command_line_builds_are_in_the_audit_log(explainer, editor, tmp_path):
    from django.core.management import call_command

    from articles.services import article_import, fragment_restore

    text = b"The ferry left at nine and did not come back.\nSign up for our newsletter to get the latest stories.\n"
    article_import(explainer=explainer, origin="ferry.txt", data=text, user=editor)
    article_import(explainer=explainer, origin="ferry.txt", data=text.replace(b"nine", b"ten"))
    article = explainer.articles.get()
    fragment_restore(fragment=article.removed_fragments.get(), user=editor)
    article_import(explainer=explainer, origin="empty.txt", data=b"   ")  # refused: nothing happened, nothing logged
    call_command("build_consensus", explainer.slug, stdout=StringIO())

    log = list(AuditEntry.objects.filter(explainer=explainer).order_by("id"))
    assert [(e.verb, e.actor) for e in log] == [
        ("article imported", editor), ("article updated", None), ("fragment restored", editor),
        ("consensus build succeeded", None),
    ]
    assert log[0].data == {"article": article.pk, "origin": "ferry.txt", "change": "imported"}
    assert "newsletter" in log[2].note
    assert log[3].note.startswith("Command line: 1 article(s) read")


def test_an_import_that_fails_leaves_no_audit_entry(explainer, editor, monkeypatch):
    from articles import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_apply_cleaning", broken)
    with pytest.raises(RuntimeError):
        services.article_import(explainer=explainer, origin="x.txt", data=b"A sentence about the tram.\n", user=editor)
    assert not AuditEntry.objects.exists()
