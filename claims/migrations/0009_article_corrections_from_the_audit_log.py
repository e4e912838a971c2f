"""Articles remember which details an editor corrected (``Article.corrected``, articles 0004), so a re-import keeps
them. Corrections made before that field existed are in the audit log ("article details edited", the corrected
fields in its note): they are read back from there, so a re-import does not undo them either."""
from django.db import migrations

DETAIL_FIELDS = ("title", "publisher", "author", "url", "published")


def corrections_from_the_audit_log(apps, schema_editor):
    AuditEntry = apps.get_model("claims", "AuditEntry")
    Article = apps.get_model("articles", "Article")
    using = schema_editor.connection.alias if schema_editor else "default"
    corrected: dict[int, set[str]] = {}
    for note, data in AuditEntry.objects.using(using).filter(verb="article details edited").values_list("note", "data"):
        article = (data or {}).get("article")
        if isinstance(article, int):
            corrected.setdefault(article, set()).update({part.strip() for part in note.split(",")} & set(DETAIL_FIELDS))
    for article in Article.objects.using(using).filter(pk__in=corrected):
        known = set(article.corrected or []) | corrected[article.pk]
        article.corrected = [field for field in DETAIL_FIELDS if field in known]
        article.save(update_fields=["corrected"])


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0008_chief_editors_rename_explainers"),
        ("articles", "0004_article_corrected_details"),
    ]

    operations = [migrations.RunPython(corrections_from_the_audit_log, migrations.RunPython.noop)]
