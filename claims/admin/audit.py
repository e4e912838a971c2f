"""The audit log: read-only, filterable by explainer, entry, conflict, action, person and demo."""
from django.contrib import admin
from django.utils.translation import gettext_lazy

from articles.admin_filters import VisibleExplainerFilter
from articles.admin_mixins import ReadOnlyMixin
from claims.models import AuditEntry

from .common import DeskMedia, ExplainerScopedMixin, person_display


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyMixin, ExplainerScopedMixin, admin.ModelAdmin):
    Media = DeskMedia
    list_display = ["at", "explainer", "actor", "verb", "entry_shown", "note", "is_demo"]
    list_filter = ["verb", "is_demo", ("explainer", VisibleExplainerFilter), "actor"]
    list_select_related = ["explainer", "actor", "entry"]
    search_fields = ["note", "verb", "entry__statement"]
    date_hierarchy = "at"
    fields = ["at", "explainer", "actor_shown", "verb", "note", "entry", "conflict", "data", "is_demo"]
    readonly_fields = fields

    actor_shown = person_display("actor", gettext_lazy("actor"))

    @admin.display(description=gettext_lazy("entry"))
    def entry_shown(self, log: AuditEntry) -> str:
        return str(log.entry) if log.entry_id else ""  # ConsensusEntry.__str__ cuts at 80 with an ellipsis
