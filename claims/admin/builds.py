"""Consensus builds in the admin: a read-only list of what ran and how it ended, and a button to start one."""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles.admin_filters import VisibleExplainerFilter
from articles.admin_mixins import ReadOnlyMixin
from articles.models import Explainer
from claims.models import ConsensusBuild
from claims.models.builds import ACTIVE_STATUSES, BuildStatus
from claims.permissions import explainers_visible
from claims.services.builds import START_BUILD, consensus_build_enqueue

from .common import DeskMedia


REFRESH_SECONDS = 5  # how often the builds list reloads while a build is queued or running


class BuildRequestForm(forms.Form):
    explainer = forms.ModelChoiceField(
        queryset=Explainer.objects.none(), label=gettext_lazy("Explainer"),
        help_text=gettext_lazy("Claims are extracted from its new or changed sources, then entries and conflicts "
                               "are rebuilt. Entries you approved, rejected or edited are kept."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["explainer"].queryset = explainers_visible(user).order_by("title")


@admin.register(ConsensusBuild)
class ConsensusBuildAdmin(ReadOnlyMixin, admin.ModelAdmin):
    change_list_template = "admin/claims/consensusbuild/change_list.html"
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["explainer", "status", "progress_shown", "message", "requested_by"]}),
        (gettext_lazy("When"), {"fields": ["created_at", "started_at", "finished_at"]}),
        (gettext_lazy("If it failed"), {"fields": ["error", "task_id"]}),
    ]
    # What to do next beside the status, where it is seen without scrolling past the message and the time. When
    # it finished is on the build's page: with it the list no longer fit a laptop beside the sidebar.
    list_display = ["explainer", "status", "next_step", "progress_shown", "message_shown", "requested_by",
                    "created_at"]
    list_filter = ["status", ("explainer", VisibleExplainerFilter)]
    list_select_related = ["explainer", "requested_by"]
    readonly_fields = ["progress_shown", "message_shown"]
    search_fields = ["explainer__title", "explainer__slug", "message", "error"]

    Media = DeskMedia

    @admin.display(description=gettext_lazy("progress"))
    def progress_shown(self, build: ConsensusBuild) -> str:
        return f"{build.live_progress[0]} %"

    @admin.display(description=gettext_lazy("message"))
    def message_shown(self, build: ConsensusBuild) -> str:
        return build.live_progress[1]

    @admin.display(description=gettext_lazy("next"))
    def next_step(self, build: ConsensusBuild):
        """After a build that succeeded, the way to what it made: the explainer's review queue."""
        if build.status != BuildStatus.SUCCEEDED:
            return ""
        queue = reverse("admin:claims_consensusentry_changelist")
        return format_html('<a href="{}">{}</a>', f"{queue}?explainer__id__exact={build.explainer_id}"
                           "&status__exact=proposed", _("Review queue"))

    def get_queryset(self, request):
        return super().get_queryset(request).filter(explainer__in=explainers_visible(request.user))

    def get_urls(self):
        return [
            path(
                "start/", self.admin_site.admin_view(require_POST(self.start_view)),
                name="claims_consensusbuild_start",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        """The list, with the form to start a build (``?build=<explainer id>`` chooses the explainer, as the
        link after an upload does); while a build is queued or running the page reloads itself."""
        extra_context = extra_context or {}
        request.GET = request.GET.copy()  # ``build`` is no filter: the changelist would refuse it
        chosen = request.GET.pop("build", [""])[-1]
        if request.user.has_perm(START_BUILD):
            extra_context["build_form"] = BuildRequestForm(
                user=request.user, initial={"explainer": chosen} if chosen.isdigit() else None)
        extra_context["refresh_seconds"] = REFRESH_SECONDS if self.get_queryset(request).filter(
            status__in=ACTIVE_STATUSES).exists() else None
        return super().changelist_view(request, extra_context)

    def start_view(self, request: HttpRequest):
        """The "Build consensus now" button: queue a build of the chosen explainer, then back to the list."""
        if not request.user.has_perm(START_BUILD):
            raise PermissionDenied
        changelist = reverse("admin:claims_consensusbuild_changelist")
        form = BuildRequestForm(request.POST, user=request.user)
        if not form.is_valid():
            context = {**self.admin_site.each_context(request), "opts": self.opts, "form": form,
                       "title": _("Build consensus now")}
            return TemplateResponse(request, "admin/claims/consensusbuild/start.html", context, status=400)
        explainer = form.cleaned_data["explainer"]
        try:
            consensus_build_enqueue(explainer=explainer, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.WARNING)
        else:
            self.message_user(
                request,
                _("The consensus build of “%(explainer)s” is queued; this list shows its progress.")
                % {"explainer": explainer},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(changelist)
