"""Chief editors may rename an explainer (give it a new public address, the old one sending readers on) and say
who works on it: the ``articles.change_explainer`` permission. The explainer admin lets them change its slug,
whether it is restricted and its editors; the title is the draft's to change."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Chief editor",)
CODE = ("articles", "change_explainer")


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
    dependencies = [("claims", "0007_editors_correct_article_details"), ("articles", "0003_explainer_former_slugs")]

    operations = [migrations.RunPython(grant, revoke)]
