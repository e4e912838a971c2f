"""Backups: a populated database written out and restored over later changes comes back exactly as saved.

Runs against whichever database the suite uses (SQLite's backup API or pg_dump/pg_restore).
"""
import hashlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from articles.models import Article, Explainer
from claims.models import Claim, ConsensusEntry
from claims.services.consensus import consensus_build

pytestmark = pytest.mark.django_db(transaction=True)  # the backup tools see only committed rows


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def snapshot() -> dict:
    """Row counts of every model in our apps and auth, and content hashes of what readers' pages derive from."""
    counts = {
        model._meta.label: model._default_manager.count()
        for app in ("articles", "claims", "auth")
        for model in apps.get_app_config(app).get_models()
    }
    return {
        "counts": counts,
        "articles": sorted(
            (a.explainer.slug, a.origin, a.content_hash, sha256(a.raw_text), sha256(a.body))
            for a in Article.objects.select_related("explainer")
        ),
        "claims": sha256(repr(list(Claim.objects.order_by("article__origin", "start").values_list(
            "article__origin", "start", "end", "text", "kind")))),
        "entries": sha256(repr(list(ConsensusEntry.objects.order_by("position", "id").values_list(
            "statement", "statement_html", "status", "support")))),
    }


@pytest.fixture
def populated(imported_seeds):
    """Seeds imported, consensus built (claims, entries, conflicts), an editor account."""
    consensus_build(explainer=imported_seeds)
    get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    assert Claim.objects.exists() and ConsensusEntry.objects.exists()
    return imported_seeds


def test_restore_brings_back_exactly_what_the_backup_saved(populated, tmp_path):
    backup = tmp_path / "site.backup"
    before = snapshot()

    call_command("backup", str(backup))
    Article.objects.order_by("id").first().delete()
    Explainer.objects.create(slug="written-after-the-backup", title="Written after the backup")
    ConsensusEntry.objects.update(statement="changed after the backup")
    assert snapshot() != before
    call_command("restore", str(backup), interactive=False)

    after = snapshot()
    assert after == before
    assert after["counts"]["articles.Article"] == 3
    assert all(content_hash == raw_hash for _slug, _origin, content_hash, raw_hash, _body in after["articles"])


def test_backup_does_not_overwrite_an_existing_file_unless_told(populated, tmp_path):
    backup = tmp_path / "site.backup"
    backup.write_bytes(b"yesterday's backup")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(backup))
    assert backup.read_bytes() == b"yesterday's backup"

    call_command("backup", str(backup), force=True)
    assert backup.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == ["site.backup"]  # no partial file left behind


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(populated, tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a backup")
    before = snapshot()

    with pytest.raises(CommandError, match="neither an SQLite backup nor a pg_dump"):
        call_command("restore", str(not_a_backup), interactive=False)
    assert snapshot() == before


def test_restore_refuses_a_backup_from_the_other_kind_of_database(populated, tmp_path):
    other = tmp_path / "other.backup"
    other.write_bytes(b"PGDMP\x01\x0f" if connection.vendor == "sqlite" else b"SQLite format 3\x00" + bytes(100))

    with pytest.raises(CommandError, match="backup but this site's database is"):
        call_command("restore", str(other), interactive=False)
    assert Article.objects.count() == 3


def test_restore_refuses_a_backup_older_than_the_databases_tables_and_changes_nothing(populated, tmp_path):
    """pg_restore replaces only what the archive holds: a table made after the backup would survive beside the
    old data. SQLite's restore replaces the whole file, so there this is an ordinary restore."""
    backup = tmp_path / "site.backup"
    call_command("backup", str(backup))
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE made_after_the_backup (id integer)")
    try:
        if connection.vendor == "postgresql":
            Explainer.objects.create(slug="written-after-the-backup", title="Written after the backup")
            before = snapshot()
            with pytest.raises(CommandError, match="tables this backup does not .made_after_the_backup"):
                call_command("restore", str(backup), interactive=False)
            assert snapshot() == before
        else:
            call_command("restore", str(backup), interactive=False)
            assert "made_after_the_backup" not in connection.introspection.table_names()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS made_after_the_backup")
