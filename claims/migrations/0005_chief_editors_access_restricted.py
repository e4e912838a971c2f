"""Chief editors work on every restricted explainer: grant them ``articles.access_restricted``."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

CODE = ("articles", "access_restricted")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label=CODE[0], codename=CODE[1])
    for group in Group.objects.using(schema_editor.connection.alias).filter(name="Chief editor"):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(content_type__app_label=CODE[0], codename=CODE[1]):
        for group in Group.objects.using(schema_editor.connection.alias).filter(name="Chief editor"):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0004_consensus_builds"),
        ("articles", "0002_explainer_access_permission"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
