"""Composing and publishing: the draft page with its sections, the workflow buttons, arranging and comparing."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from articles.admin_mixins import PlainTextMixin, RefusedSaveMixin
from articles.models import Explainer
from claims import permissions
from claims.agreement import agreements
from claims.forms import DraftForm, NoteForm
from claims.models import Conflict, ConsensusEntry, Draft, Section
from claims.permissions import explainers_visible
from claims.services.drafts import draft_edit, entries_arrange, sections_default
from claims.services.publishing import (
    explainer_edit_and_submit, explainer_publish, explainer_send_back, explainer_submit, live_revision,
)
from claims.services.revisions import default_titles, draft_for, revision_content_build, revisions_compare

from .common import (
    DeskMedia, ExplainerScopedMixin, audit_for, audit_table, person_display, posted_page_form, posted_text, service_call,
    version_from, warn_left_out,
)


_MOST = 100_000  # more than any explainer has entries; keeps positions inside the database's integer range


def _position(value: str) -> int:
    """A posted position; ValueError unless it is a whole number from 0 to ``_MOST``."""
    if not value.isdigit() or int(value) > _MOST:
        raise ValueError(value)
    return int(value)


def _warn_of_open_conflicts(request: HttpRequest, explainer: Explainer) -> None:
    """After a submission: conflicts nobody has settled or dismissed are published as they stand ("Our editors
    have not settled this"); the editor may not know they are there."""
    count = Conflict.objects.filter(explainer=explainer, status=Conflict.Status.OPEN).count()
    if count:
        link = reverse("admin:claims_conflict_changelist") + f"?explainer__id__exact={explainer.pk}&status__exact=open"
        messages.warning(request, format_html(
            "{} <a href=\"{}\">{}</a>",
            ngettext("%(n)d conflict is not settled: readers will see each source's version and that the editors "
                     "have not settled it.", "%(n)d conflicts are not settled: readers will see each source's "
                     "version and that the editors have not settled them.", count) % {"n": count},
            link, ngettext("Settle or dismiss it", "Settle or dismiss them", count),
        ))


@admin.register(Draft)
class DraftAdmin(PlainTextMixin, RefusedSaveMixin, ExplainerScopedMixin, admin.ModelAdmin):
    form = DraftForm
    change_form_template = "admin/claims/draft/change_form.html"
    list_display = ["explainer", "status", "submitted_by_shown", "last_submitted", "live", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["explainer", "submitted_by"]
    search_fields = ["explainer__title", "explainer__slug"]
    fieldsets = [
        (gettext_lazy("Workflow"), {"fields": ["explainer", "status", "submitted_by_shown", "last_submitted",
                                                "submit_note", "review_comment", "live"]}),
        (gettext_lazy("Title and introduction"), {"fields": ["title", "introduction", "spoilers", "version"]}),
        (gettext_lazy("What readers will see"), {"fields": ["outline"]}),
        (gettext_lazy("Audit log"), {"fields": ["audit"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["explainer", "status", "submitted_by_shown", "last_submitted", "submit_note", "review_comment",
                       "live", "outline", "audit"]

    # "Last": a draft sent back, or reopened by an edit, keeps who submitted it and when, which no longer describes
    # the draft as it stands.
    submitted_by_shown = person_display("submitted_by", gettext_lazy("last submitted by"))

    @admin.display(description=gettext_lazy("last submitted"), ordering="submitted_at")
    def last_submitted(self, draft: Draft) -> str:
        return f"{timezone.localtime(draft.submitted_at):%Y-%m-%d %H:%M}" if draft.submitted_at else "-"

    @admin.display(description=gettext_lazy("title"))
    def title(self, draft: Draft) -> str:
        """The title, for those who may only look (those who may edit get the form's field)."""
        return draft.explainer.title

    Media = DeskMedia

    def has_add_permission(self, request) -> bool:
        return False  # every explainer has one draft, opened from the explainer

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("live revision"))
    def live(self, draft: Draft):
        live = live_revision(explainer=draft.explainer)
        if live is None:
            return _("Not published yet.")
        return format_html('<a href="{}">{}</a> — {}', reverse("admin:claims_revision_change", args=[live.pk]),
                           _("Revision %(n)s") % {"n": live.number}, live.published_at.strftime("%Y-%m-%d %H:%M"))

    @admin.display(description=gettext_lazy("outline"))
    def outline(self, draft: Draft):
        content = revision_content_build(explainer=draft.explainer)
        if not content["sections"]:
            return _("No approved entries yet: approve entries in the review queue.")

        # Counted as the reader pages count: a source whose passage gives another figure does not back it.
        agreement = agreements(content)

        def told(entry: dict) -> str:
            return "; ".join([agreement[entry["id"]].text, *agreement[entry["id"]].notes])

        sections = format_html_join("", "<h3>{}</h3><ol>{}</ol>", (
            (section["title"], format_html_join("", "<li>{} <small>({})</small></li>", (
                (entry["statement"], told(entry)) for entry in section["entries"]
            ))) for section in content["sections"]
        ))
        return sections

    @admin.display(description=gettext_lazy("audit log"))
    def audit(self, draft: Draft):
        latest, more = audit_for(explainer=draft.explainer_id)
        return audit_table(latest, more_url=more)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            explainer = obj.explainer
            context.update(
                can_submit=permissions.can_submit(request.user, explainer),
                can_publish=permissions.can_publish(request.user, explainer),
                two_person_blocked=bool(obj.submitted_by_id == request.user.pk and self._two_person_rule()),
                note_form=NoteForm(initial={"version": obj.version}),
                live_revision=live_revision(explainer=explainer),
                preview_url=self._preview_url(explainer),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def _two_person_rule() -> bool:
        from django.conf import settings

        return settings.TWO_PERSON_RULE

    @staticmethod
    def _preview_url(explainer: Explainer) -> str:
        try:
            return reverse("site:preview", kwargs={"slug": explainer.slug})
        except NoReverseMatch:
            return ""

    def save_model(self, request, obj: Draft, form, change: bool) -> None:
        draft_edit(explainer=obj.explainer, user=request.user, title=form.cleaned_data["title"],
                   introduction=form.cleaned_data["introduction"], spoilers=form.cleaned_data["spoilers"],
                   expected_version=form.cleaned_data["version"])
        warn_left_out(request, form.cleaned_data["introduction"])


    # Workflow views

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("open/<int:explainer_id>/", view(self.open_view), name="claims_draft_open"),
            path("<int:pk>/submit/", view(require_POST(self.submit_view)), name="claims_draft_submit"),
            path("<int:pk>/send-back/", view(require_POST(self.send_back_view)), name="claims_draft_send_back"),
            path("<int:pk>/publish/", view(require_POST(self.publish_view)), name="claims_draft_publish"),
            path("<int:pk>/default-sections/", view(require_POST(self.default_sections_view)),
                 name="claims_draft_default_sections"),
            path("<int:pk>/arrange/", view(self.arrange_view), name="claims_draft_arrange"),
            path("<int:pk>/compare/", view(self.compare_view), name="claims_draft_compare"),
            *super().get_urls(),
        ]

    def _draft(self, request: HttpRequest, pk: int) -> Draft:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(request).select_related("explainer"), pk=pk)

    def _page(self, draft: Draft) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:claims_draft_change", args=[draft.pk]))

    def open_view(self, request: HttpRequest, explainer_id: int):
        """The explainer's draft, created the first time someone opens it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        explainer = get_object_or_404(explainers_visible(request.user), pk=explainer_id)
        return self._page(draft_for(explainer=explainer))

    def submit_view(self, request: HttpRequest, pk: int):
        draft = self._draft(request, pk)
        if not request.user.has_perm(permissions.SUBMIT):
            raise PermissionDenied
        done = _("Submitted for review. A chief editor will publish it or send it back.")
        if "introduction" not in request.POST:  # the button alone
            if service_call(request, explainer_submit, done, explainer=draft.explainer,
                            note=posted_text(request, "note"), expected_version=version_from(request)):
                _warn_of_open_conflicts(request, draft.explainer)
            return self._page(draft)
        # The draft page's button submits the page's form: its edits go with the submission, or, when they cannot
        # be saved (an empty title, someone else's change meanwhile), the page comes back with them and why.
        form, page = posted_page_form(self, request, draft)
        if form is None:
            return page
        data = form.cleaned_data
        if service_call(request, explainer_edit_and_submit, done, explainer=draft.explainer, title=data["title"],
                        introduction=data["introduction"], spoilers=data["spoilers"],
                        note=posted_text(request, "note"), expected_version=data["version"]):
            warn_left_out(request, data["introduction"])
            _warn_of_open_conflicts(request, draft.explainer)
        return self._page(draft)

    def send_back_view(self, request: HttpRequest, pk: int):
        draft = self._draft(request, pk)
        if not request.user.has_perm(permissions.PUBLISH):
            raise PermissionDenied
        service_call(request, explainer_send_back, _("Sent back to the editors with your comment."),
                     explainer=draft.explainer, comment=posted_text(request, "note"),
                     expected_version=version_from(request))
        return self._page(draft)

    def publish_view(self, request: HttpRequest, pk: int):
        draft = self._draft(request, pk)
        if not request.user.has_perm(permissions.PUBLISH):
            raise PermissionDenied
        revision = service_call(request, explainer_publish, _("Published."), explainer=draft.explainer,
                                note=posted_text(request, "note"), expected_version=version_from(request))
        if revision:
            messages.info(request, _("Revision %(n)s is live: %(summary)s")
                          % {"n": revision.number, "summary": revision.change_summary})
        return self._page(draft)

    def default_sections_view(self, request: HttpRequest, pk: int):
        draft = self._draft(request, pk)
        if not request.user.has_perm(permissions.SUBMIT):
            raise PermissionDenied
        service_call(request, sections_default, _("Default sections created and unplaced entries placed."),
                     explainer=draft.explainer)
        return HttpResponseRedirect(reverse("admin:claims_draft_arrange", args=[draft.pk]))

    def arrange_view(self, request: HttpRequest, pk: int):
        """Every approved entry with a section and a position; saved in one go, refused if the draft moved on."""
        draft = self._draft(request, pk)
        explainer = draft.explainer
        sections = list(Section.objects.filter(explainer=explainer))
        entries = list(ConsensusEntry.objects.filter(explainer=explainer, status=ConsensusEntry.Status.APPROVED)
                       .select_related("section").order_by("section__position", "position", "id"))
        if request.method == "POST":
            if not permissions.can_submit(request.user, explainer):
                raise PermissionDenied
            placements, titles = {}, {}
            try:
                for entry in entries:
                    section = request.POST.get(f"section-{entry.pk}", "")
                    position = request.POST.get(f"position-{entry.pk}", "") or str(entry.position)
                    placements[entry.pk] = (int(section) if section else None, _position(position))
                for section in sections:
                    position = request.POST.get(f"section-position-{section.pk}", "") or str(section.position)
                    titles[section.pk] = (posted_text(request, f"section-title-{section.pk}", section.title),
                                          _position(position))
            except ValueError:
                messages.error(request, _("Positions must be whole numbers from 0 to %(most)s.") % {"most": _MOST})
            else:
                service_call(request, entries_arrange, _("Sections and entries saved."), explainer=explainer,
                             placements=placements, sections=titles, new_section=posted_text(request, "new_section"),
                             expected_version=version_from(request))
            return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "original": draft, "draft": draft,
            "title": _("Arrange the entries of “%(e)s”") % {"e": explainer}, "sections": sections,
            "entries": entries, "can_submit": permissions.can_submit(request.user, explainer),
            "media": self.media, "default_titles": default_titles(entries),
        }
        return TemplateResponse(request, "admin/claims/draft/arrange.html", context)

    def compare_view(self, request: HttpRequest, pk: int):
        """What publishing now would change, against the live revision."""
        draft = self._draft(request, pk)
        live = live_revision(explainer=draft.explainer)
        content = revision_content_build(explainer=draft.explainer)
        comparison = revisions_compare(live.content if live else None, content)
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "original": draft, "draft": draft,
            "title": _("Draft of “%(e)s” compared with the live revision") % {"e": draft.explainer},
            "comparison": comparison, "old_label": _("Revision %(n)s (live)") % {"n": live.number} if live else
            _("nothing published yet"), "new_label": _("this draft"), "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/compare.html", context)
