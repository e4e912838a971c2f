"""The alias table: which names in the sources refer to which person. Editors confirm, reject or add."""
from django.contrib import admin
from django.utils.translation import gettext_lazy, ngettext

from articles.admin_filters import VisibleExplainerFilter
from articles.admin_mixins import PlainTextMixin, RefusedSaveMixin, bulk_run
from claims import permissions
from claims.forms import AliasForm
from claims.models import Alias
from claims.permissions import explainers_visible
from claims.services.aliases import alias_add, alias_change, alias_confirm, alias_reject

from .common import DeskMedia, ExplainerScopedMixin, person_display


@admin.register(Alias)
class AliasAdmin(PlainTextMixin, RefusedSaveMixin, ExplainerScopedMixin, admin.ModelAdmin):
    Media = DeskMedia
    form = AliasForm
    list_display = ["name", "person", "status", "explainer", "created_by", "updated_at"]
    list_filter = ["status", ("explainer", VisibleExplainerFilter)]
    list_select_related = ["explainer", "created_by"]
    search_fields = ["name", "person", "evidence"]
    actions = ["confirm_selected", "reject_selected"]
    readonly_fields = ["created_by_shown", "updated_at"]
    fieldsets = [(None, {"fields": ["explainer", "name", "person", "status", "evidence", "created_by_shown",
                                    "updated_at"]})]

    created_by_shown = person_display("created_by", gettext_lazy("created by"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "explainer":
            kwargs["queryset"] = explainers_visible(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "explainer"] if obj else self.readonly_fields

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # reject instead, so rebuilds do not propose it again

    def save_model(self, request, obj: Alias, form, change: bool) -> None:
        data = form.cleaned_data
        if change:
            alias_change(alias=obj, user=request.user, name=data["name"], person=data["person"],
                                  status=data["status"], evidence=data.get("evidence", ""))
        else:
            created = alias_add(explainer=data["explainer"], name=data["name"], person=data["person"],
                                user=request.user, evidence=data.get("evidence", ""), status=data["status"])
            obj.pk = created.pk

    def _bulk(self, request, queryset, action, done) -> None:
        bulk_run(self, request, queryset, lambda alias: action(alias=alias, user=request.user), done,
                 explainer_of=lambda alias: alias.explainer_id)

    @admin.action(description=gettext_lazy("Confirm selected aliases"), permissions=["review"])
    def confirm_selected(self, request, queryset):
        self._bulk(request, queryset, alias_confirm, lambda n: ngettext(
            "%(count)s alias confirmed.", "%(count)s aliases confirmed.", n) % {"count": n})

    @admin.action(description=gettext_lazy("Reject selected aliases"), permissions=["review"])
    def reject_selected(self, request, queryset):
        self._bulk(request, queryset, alias_reject, lambda n: ngettext(
            "%(count)s alias rejected.", "%(count)s aliases rejected.", n) % {"count": n})

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(permissions.REVIEW)
