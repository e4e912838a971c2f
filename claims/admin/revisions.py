"""Published revisions: read-only, each comparable with any other."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.admin_filters import VisibleExplainerFilter
from articles.admin_mixins import ReadOnlyMixin
from claims.models import Revision
from claims.services.revisions import revisions_compare

from .common import DeskMedia, ExplainerScopedMixin, person_display


@admin.register(Revision)
class RevisionAdmin(ReadOnlyMixin, ExplainerScopedMixin, admin.ModelAdmin):
    list_display = ["explainer", "number", "title", "published_at", "published_by", "submitted_by", "change_summary",
                    "compare_link"]
    list_filter = [("explainer", VisibleExplainerFilter)]
    list_select_related = ["explainer", "published_by", "submitted_by"]
    search_fields = ["title", "search_text", "note"]
    date_hierarchy = "published_at"
    actions = ["compare_selected"]
    fields = ["explainer", "number", "title", "published_at", "published_by_shown", "submitted_by_shown", "note",
              "change_summary", "compare_link"]
    readonly_fields = fields

    published_by_shown = person_display("published_by", gettext_lazy("published by"))
    submitted_by_shown = person_display("submitted_by", gettext_lazy("submitted by"))

    Media = DeskMedia

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content", "search_text")


    @admin.display(description=gettext_lazy("compare"))
    def compare_link(self, revision: Revision):
        if revision.number == 1:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:claims_revision_compare_previous", args=[revision.pk]),
                           _("with revision %(n)s") % {"n": revision.number - 1})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:old>/compare/<int:new>/", view(self.compare_view), name="claims_revision_compare"),
            path("<int:pk>/compare-previous/", view(self.compare_previous_view),
                 name="claims_revision_compare_previous"),
            *super().get_urls(),
        ]

    @admin.action(description=gettext_lazy("Compare the two selected revisions"))
    def compare_selected(self, request, queryset):
        chosen = list(queryset.order_by("number"))
        if len(chosen) != 2 or chosen[0].explainer_id != chosen[1].explainer_id:
            self.message_user(request, _("Select exactly two revisions of the same explainer."), messages.ERROR)
            return None
        return HttpResponseRedirect(reverse("admin:claims_revision_compare", args=[chosen[0].pk, chosen[1].pk]))

    def compare_previous_view(self, request: HttpRequest, pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        revision = get_object_or_404(self.get_queryset(request), pk=pk)
        previous = get_object_or_404(self.get_queryset(request), explainer=revision.explainer_id,
                                     number=revision.number - 1)
        return HttpResponseRedirect(reverse("admin:claims_revision_compare", args=[previous.pk, revision.pk]))

    def compare_view(self, request: HttpRequest, old: int, new: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        visible = super().get_queryset(request)
        older = get_object_or_404(visible, pk=old)
        newer = get_object_or_404(visible, pk=new, explainer=older.explainer_id)
        context = {
            **self.admin_site.each_context(request), "opts": self.opts,
            "title": _("“%(e)s”: revision %(a)s compared with revision %(b)s")
            % {"e": older.explainer, "a": older.number, "b": newer.number},
            "comparison": revisions_compare(older.content, newer.content),
            "old_label": _("Revision %(n)s") % {"n": older.number}, "new_label": _("Revision %(n)s") % {"n": newer.number},
        }
        return TemplateResponse(request, "admin/claims/compare.html", context)
