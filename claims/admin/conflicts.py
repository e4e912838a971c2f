"""Conflicts: the sources' variants side by side, resolved by choosing one or writing the correct value."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles.admin_filters import VisibleExplainerFilter
from articles.admin_mixins import PlainTextMixin, RefusedSaveMixin
from articles.models import Article
from claims import permissions
from claims.forms import ConflictResolveForm
from claims.models import Claim, Conflict, ConflictVariant
from claims.services.conflicts import (
    conflict_dismiss, conflict_reopen, conflict_resolve, statements_still_saying_otherwise,
)

from .common import (
    DeskMedia, ExplainerScopedMixin, audit_table, passage_html, person_display, posted_text, service_call,
    version_from,
)


@admin.register(Conflict)
class ConflictAdmin(PlainTextMixin, RefusedSaveMixin, ExplainerScopedMixin, admin.ModelAdmin):
    form = ConflictResolveForm
    change_form_template = "admin/claims/conflict/change_form.html"
    list_display = ["about", "kind", "values", "state", "entry", "explainer"]
    list_filter = ["status", "kind", ("explainer", VisibleExplainerFilter)]
    list_select_related = ["explainer", "entry"]
    search_fields = ["about", "variants__value", "resolution"]
    fieldsets = [
        (None, {"fields": ["about", "kind", "status", "entry", "explainer"]}),
        (gettext_lazy("What each source says"), {"fields": ["variants_side_by_side"]}),
        (gettext_lazy("Resolution"), {"fields": ["variant", "resolution", "resolution_note", "version",
                                                  "resolved_by_shown", "resolved_at"]}),
        (gettext_lazy("Audit log"), {"fields": ["audit"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["about", "kind", "status", "entry", "explainer", "variants_side_by_side", "resolved_by_shown",
                       "resolved_at", "audit"]

    resolved_by_shown = person_display("resolved_by", gettext_lazy("resolved by"))

    Media = DeskMedia

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(
            Prefetch("variants", queryset=ConflictVariant.objects.order_by("article__origin", "start")),
            Prefetch("variants__article", queryset=Article.objects.only("id", "title", "publisher", "origin", "body")),
            Prefetch("variants__claim", queryset=Claim.objects.only("id", "sentence_start", "sentence_end")),
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def state(self, conflict: Conflict) -> str:
        """"Open", "Dismissed", or "Resolved: " and the value settled on (one column, so the list fits a laptop)."""
        if conflict.status == Conflict.Status.RESOLVED and conflict.resolution:
            return _("%(status)s: %(resolution)s") % {"status": conflict.get_status_display(),
                                                       "resolution": conflict.resolution}
        return conflict.get_status_display()

    @admin.display(description=gettext_lazy("values"))
    def values(self, conflict: Conflict) -> str:
        return " / ".join(dict.fromkeys(v.value for v in conflict.variants.all()))  # each value once, in order

    @admin.display(description=gettext_lazy("variants"))
    def variants_side_by_side(self, conflict: Conflict):
        cells = []
        for variant in conflict.variants.all():
            body = variant.article.body
            sentence_start, sentence_end = _sentence_around(variant)
            cells.append((variant.value, variant.article.display_name,
                          passage_html(body=body, start=variant.start, end=variant.end,
                                       sentence_start=sentence_start, sentence_end=sentence_end)))
        return format_html('<div class="conflict-variants">{}</div>', format_html_join(
            "", '<div class="variant"><div class="value">{}</div><div class="source-name">{}</div><p>{}</p></div>',
            cells))

    @admin.display(description=gettext_lazy("audit log"))
    def audit(self, conflict: Conflict):
        latest = list(conflict.audit_entries.select_related("actor")[:15])
        more = reverse("admin:claims_auditentry_changelist") + f"?conflict__id__exact={conflict.pk}"
        return audit_table(latest, more_url=more)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["can_review"] = permissions.can_review(request.user, obj.explainer)
            context["dismiss_url"] = reverse("admin:claims_conflict_dismiss", args=[obj.pk])
            context["reopen_url"] = reverse("admin:claims_conflict_reopen", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj: Conflict, form, change: bool) -> None:
        resolved = conflict_resolve(
            conflict=obj, user=request.user, variant=form.cleaned_data.get("variant"),
            resolution=form.cleaned_data.get("resolution", ""), note=form.cleaned_data.get("resolution_note", ""),
            expected_version=form.cleaned_data["version"],
        )
        for entry in statements_still_saying_otherwise(resolved):
            messages.warning(request, format_html(
                _("The statement “{}” may still give another value than “{}”: "
                  '<a href="{}">edit the statement</a> if it should say so.'),
                Truncator(entry.plain_statement).chars(120), resolved.resolution,
                reverse("admin:claims_consensusentry_change", args=[entry.pk]),
            ))


    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/dismiss/", view(require_POST(self.dismiss_view)), name="claims_conflict_dismiss"),
            path("<int:pk>/reopen/", view(require_POST(self.reopen_view)), name="claims_conflict_reopen"),
            *super().get_urls(),
        ]

    def _conflict(self, request: HttpRequest, pk: int) -> Conflict:
        if not request.user.has_perm(permissions.REVIEW):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def dismiss_view(self, request: HttpRequest, pk: int):
        conflict = self._conflict(request, pk)
        service_call(request, conflict_dismiss, _("Conflict dismissed; readers will not see it."),
                     conflict=conflict, note=posted_text(request, "resolution_note"),
                     expected_version=version_from(request))
        return HttpResponseRedirect(reverse("admin:claims_conflict_change", args=[pk]))

    def reopen_view(self, request: HttpRequest, pk: int):
        conflict = self._conflict(request, pk)
        service_call(request, conflict_reopen, _("Conflict reopened."), conflict=conflict,
                     expected_version=version_from(request))
        return HttpResponseRedirect(reverse("admin:claims_conflict_change", args=[pk]))


def _sentence_around(variant: ConflictVariant) -> tuple[int, int]:
    """The sentence a variant's passage sits in: its claim's sentence, as the segmenter found it; for a variant
    with no claim (its article re-read since), the line around the passage, cut at ". " on either side."""
    claim, body = variant.claim, variant.article.body
    if claim is not None and claim.sentence_start <= variant.start and variant.end <= claim.sentence_end <= len(body):
        return claim.sentence_start, claim.sentence_end
    start = max(body.rfind("\n", 0, variant.start) + 1, body.rfind(". ", 0, variant.start) + 2, 0)
    stop = [i for i in (body.find(". ", variant.end), body.find("\n", variant.end)) if i >= 0]
    return start, min(stop) + 1 if stop else len(body)

