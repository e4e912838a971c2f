"""Create the Editor and Chief editor groups with their permissions. Reversing removes the two groups."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "articles.view_explainer",
    "articles.view_article",
    "articles.add_article",
    "claims.view_claim",
    "claims.view_consensusentry",
    "claims.change_consensusentry",
    "claims.review_entry",
    "claims.view_conflict",
    "claims.change_conflict",
    "claims.view_alias",
    "claims.add_alias",
    "claims.change_alias",
    "claims.view_draft",
    "claims.change_draft",
    "claims.submit_draft",
    "claims.view_section",
    "claims.add_section",
    "claims.change_section",
    "claims.delete_section",
    "claims.view_revision",
    "claims.view_auditentry",
]
CHIEF_PERMISSIONS = EDITOR_PERMISSIONS + ["claims.publish_draft"]
GROUPS = {"Editor": EDITOR_PERMISSIONS, "Chief editor": CHIEF_PERMISSIONS}


def groups_create(apps, schema_editor):
    # Permissions are normally created after all migrations run; the groups need them now.
    for app_label in ("articles", "claims"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _created = Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.add(*permissions)


def groups_delete(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_workflow_permissions"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(groups_create, groups_delete)]
