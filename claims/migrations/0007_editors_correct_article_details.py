"""Editors and chief editors may correct what an import recovered about a source (title, publisher, author,
URL, date): the ``articles.change_article`` permission. The article admin lets it change those fields only."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Editor", "Chief editor")
CODE = ("articles", "change_article")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.using(schema_editor.connection.alias).get(
        content_type__app_label=CODE[0], codename=CODE[1])
    for group in Group.objects.using(schema_editor.connection.alias).filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.using(schema_editor.connection.alias).filter(
            content_type__app_label=CODE[0], codename=CODE[1]):
        for group in Group.objects.using(schema_editor.connection.alias).filter(name__in=GROUPS):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_conflict_kind_date")]

    operations = [migrations.RunPython(grant, revoke)]
