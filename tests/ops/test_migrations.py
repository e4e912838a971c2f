"""Migrations of our apps can be undone: a populated database goes down to zero and back up again."""
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from articles.models import Article
from claims.models import Claim
from claims.services.consensus import consensus_build

OUR_APPS = ("articles", "claims")


def our_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return [migration for (app, _name), migration in sorted(loader.disk_migrations.items()) if app in OUR_APPS]


def table_names() -> set[str]:
    return set(connection.introspection.table_names())


def test_every_operation_in_our_migrations_has_a_way_back():
    irreversible = [
        f"{migration.app_label}.{migration.name}: {operation.describe()}"
        for migration in our_migrations()
        for operation in migration.operations
        if not operation.reversible
    ]
    assert irreversible == []


@pytest.mark.django_db(transaction=True)
def test_populated_database_migrates_down_to_zero_and_back_up(imported_seeds):
    consensus_build(explainer=imported_seeds)
    assert Claim.objects.exists()
    tables_before = table_names()
    try:
        call_command("migrate", "claims", "zero", verbosity=0)
        assert not any(name.startswith("claims_") for name in table_names())
        assert not Group.objects.filter(name__in=["Editor", "Chief editor"]).exists()  # data migrations undone
        call_command("migrate", "articles", "zero", verbosity=0)
        assert not any(name.startswith(("articles_", "claims_")) for name in table_names())
    finally:
        call_command("migrate", verbosity=0)

    assert table_names() == tables_before
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editor", "Chief editor"}
    editor = Group.objects.get(name="Editor")
    assert editor.permissions.filter(codename="add_consensusbuild").exists()
    assert Article.objects.count() == 0  # data goes with the tables; the schema and seeded groups come back


@pytest.mark.django_db
def test_corrections_made_before_articles_remembered_them_are_read_back_from_the_audit_log(imported_seeds):
    """A re-import keeps the details an editor corrected; those corrected before ``Article.corrected`` existed are
    known from the audit log, so a re-import does not undo them either."""
    import importlib

    from django.apps import apps

    from claims.models import AuditEntry

    migration = importlib.import_module("claims.migrations.0009_article_corrections_from_the_audit_log")
    first, second = imported_seeds.articles.order_by("origin")[:2]
    AuditEntry.objects.create(explainer=imported_seeds, verb="article details edited", note="title, publisher",
                              data={"article": first.pk, "origin": first.origin, "change": "details edited"})
    AuditEntry.objects.create(explainer=imported_seeds, verb="article details edited", note="url",
                              data={"article": first.pk, "origin": first.origin, "change": "details edited"})
    AuditEntry.objects.create(explainer=imported_seeds, verb="article imported", note="title",
                              data={"article": second.pk})
    migration.corrections_from_the_audit_log(apps, None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.corrected == ["title", "publisher", "url"] and second.corrected == []
