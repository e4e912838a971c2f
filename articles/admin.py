"""Explainers and their source articles in the admin, with the upload form for new articles.

Links to the editorial pages (draft, review queue, audit log) are plain admin URLs. Which explainers a person
may work on is decided in one place, ``articles.permissions``: sources of a restricted explainer are listed and
uploaded only by the editors working on it.
"""
import dataclasses

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .admin_filters import VisibleExplainerFilter
from .admin_mixins import ListsMedia, PlainTextMixin, ReadOnlyMixin, RefusedSaveMixin, bulk_run
from .forms import ArticleDetailsForm, ArticleUploadForm, ExplainerForm
from .locking import EXPLAINER_BUSY, explainer_lock
from .models import Article, ArticleVersion, Explainer, RemovedFragment, invisible_shown
from .permissions import explainer_accessible, explainers_visible
from .services import (
    ImportOutcome, article_delete, article_details_edit, article_import, explainer_discard_if_empty,
    explainer_for_import, explainer_rename, fragment_restore, fragment_unrestore,
)


def _link(name: str, query: str = "", *args) -> str:
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return ""


class RefusalShownMixin(RefusedSaveMixin):
    """A refusal raised while saving or deleting (a consensus build holds the explainer) is shown as a message and
    nothing is changed, instead of a server error. The confirmation pages count what goes by kind rather than
    listing each of the thousands of claims and passages a topic can hold.

    "Delete selected" deletes each object as the delete button would (``delete_model``, in its own transaction,
    refused on its own), not with one bulk query that would skip the services."""

    delete_confirmation_max_display = 0

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.get_full_path())

    def get_deleted_objects(self, objs, request):
        """What was made from a source or an explainer (claims, entries, conflicts, drafts, revisions; each of
        them listed on the confirmation page) goes with it: deleting it takes the permission to delete it, not
        one for each of those, which nobody is given (``article_delete`` tidies what a source supported)."""
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if "delete_selected" in actions:  # offered only to those who may delete
            ours = type(self)._delete_selected
            actions["delete_selected"] = dataclasses.replace(actions["delete_selected"], func=ours)
        return actions

    def _delete_selected(self, request, queryset):
        if not request.POST.get("post"):
            return delete_selected(self, request, queryset)  # Django's confirmation page
        bulk_run(self, request, queryset, lambda obj: self._delete_one(request, obj),
                 lambda n: _("%(count)s %(items)s deleted.") % {"count": n, "items": model_ngettext(self.opts, n)},
                 explainer_of=self.explainer_of)
        return None

    @staticmethod
    def explainer_of(obj) -> int:
        """The id of the explainer whose lock deleting ``obj`` takes."""
        raise NotImplementedError

    def _delete_one(self, request, obj) -> None:
        if not self.has_delete_permission(request, obj):
            raise ValidationError(_("You may not delete it."))
        with transaction.atomic():  # a refusal leaves no log entry behind
            self.log_deletions(request, [obj])
            self.delete_model(request, obj)


@admin.register(Explainer)
class ExplainerAdmin(PlainTextMixin, RefusalShownMixin, admin.ModelAdmin):
    Media = ListsMedia
    form = ExplainerForm
    list_display = ["title", "slug", "restricted", "source_count", "editorial"]
    list_filter = ["restricted"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["editors"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "shown_slug"]}),
        (gettext_lazy("Who works on it"), {"fields": ["restricted", "editors"]}),
        (gettext_lazy("Editorial work"), {"fields": ["editorial"]}),
    ]
    readonly_fields = ["editorial"]

    def get_queryset(self, request):
        """Only the explainers ``request.user`` may work on: a restricted one is not even listed (by title) for an
        editor who is not on it."""
        visible = explainers_visible(request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=visible).annotate(n_sources=Count("articles"))

    @staticmethod
    def explainer_of(obj: Explainer) -> int:
        return obj.pk

    def get_readonly_fields(self, request, obj=None):
        # The title is the draft's to change (readers see it once published); a new explainer needs one.
        return [*self.readonly_fields, "title"] if obj is not None else self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if obj is None else {}

    def save_model(self, request, obj: Explainer, form, change: bool) -> None:
        if change:
            explainer_lock(obj.pk)  # not while a build of it runs (see articles.locking)
            if "slug" in form.changed_data:
                new_slug, obj.slug = obj.slug, form.initial["slug"]
                explainer_rename(explainer=obj, user=request.user, slug=new_slug)  # remembers the old address
            obj.save(update_fields=["restricted"])  # the title is the draft's, the slug the rename's
            return
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj: Explainer) -> None:
        explainer_lock(obj.pk)  # a build running now would leave claims pointing at deleted articles
        super().delete_model(request, obj)

    @admin.display(description=gettext_lazy("sources"), ordering="n_sources")
    def source_count(self, explainer: Explainer) -> int:
        return explainer.n_sources

    @admin.display(description=gettext_lazy("editorial work"))
    def editorial(self, explainer: Explainer):
        if not explainer.pk:
            return "—"
        links = [
            (_link("admin:claims_draft_open", "", explainer.pk), _("Draft and publishing")),
            (_link("admin:claims_consensusentry_changelist", f"?explainer__id__exact={explainer.pk}"), _("Review queue")),
            (_link("admin:claims_conflict_changelist", f"?explainer__id__exact={explainer.pk}"), _("Conflicts")),
            (_link("admin:claims_auditentry_changelist", f"?explainer__id__exact={explainer.pk}"), _("Audit log")),
            (_link("admin:articles_article_changelist", f"?explainer__id__exact={explainer.pk}"), _("Sources")),
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', [(url, label) for url, label in links if url])


FRAGMENTS_LISTED = 100  # removed fragments listed on an article's page; all of them are in their own list


class _FirstFragments(BaseInlineFormSet):
    """The article's first ``FRAGMENTS_LISTED`` fragments: a page of thousands of link lines would otherwise put
    thousands of rows on the article's page."""

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            self._queryset = super().get_queryset()[:FRAGMENTS_LISTED]
        return self._queryset


def _fragment_action(fragment: RemovedFragment, back: str = ""):
    """A link to restore a removed fragment, or to remove a restored one again (``back``: where to return to); a
    dash for an invisible character, which cannot be restored."""
    if not fragment.restorable and not fragment.restored:
        return "—"
    verb = "unrestore" if fragment.restored else "restore"
    url = reverse("admin:articles_article_fragment", args=[fragment.article_id, fragment.pk, verb])
    if back:
        url += "?" + urlencode({"next": back})
    label = _("Remove again") if fragment.restored else _("Restore")
    return format_html('<a href="{}">{}</a>', url, label)


class RemovedFragmentInline(admin.TabularInline):
    model = RemovedFragment
    formset = _FirstFragments
    fields = ["reason", "shown_text", "start", "end", "restored"]
    readonly_fields = [*fields, "action"]
    extra = 0
    can_delete = False
    verbose_name_plural = gettext_lazy("page noise removed from the body")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("articles.view_article")  # part of the article, not a model of its own

    def get_fields(self, request, obj=None):
        """The restore column only for those who may change what an article's body holds (see
        ``ArticleAdmin.may_restore``)."""
        may = obj is not None and ArticleAdmin.may_restore(request, obj)
        return [*self.fields, "action"] if may else list(self.fields)

    @admin.display(description=gettext_lazy("text"))
    def shown_text(self, fragment: RemovedFragment) -> str:
        return fragment.shown_text

    @admin.display(description=gettext_lazy("action"))
    def action(self, fragment: RemovedFragment):
        return _fragment_action(fragment)


@admin.register(RemovedFragment)
class RemovedFragmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    Media = ListsMedia
    """Every removed fragment of the articles one may see, a page at a time, filtered by explainer, reason and
    state (an article's page links to its own), and searchable by text. Read-only: the restore links go through
    the article's restore page and come back here."""

    list_display = ["article_name", "reason", "shown_text", "start", "end", "restored"]
    list_display_links = None
    fields = list_display  # the page of one, reached by its address: its text as shown_text shows it
    readonly_fields = list_display
    list_filter = [("article__explainer", VisibleExplainerFilter), "restored", "reason"]
    search_fields = ["text"]
    list_select_related = ["article"]

    def get_queryset(self, request):
        visible = explainers_visible(request.user)
        # Not the article's texts: a page lists up to 100 fragments of one article, each row carrying its article.
        return super().get_queryset(request).filter(article__explainer__in=visible).defer(
            "article__raw_text", "article__body")

    def changelist_view(self, request, extra_context=None):
        """Filtered to one source (the link from its page), the list says which, and links back to it and to
        every source's fragments: the sidebar filters by explainer and has no entry for a source."""
        article = None
        if request.GET.get("article__id__exact", "").isdigit():
            article = Article.objects.filter(
                pk=int(request.GET["article__id__exact"]), explainer__in=explainers_visible(request.user)
            ).only("pk", "title", "publisher", "origin").first()
        if article is not None:
            extra_context = {
                **(extra_context or {}),
                "title": _("Page noise removed from “%(source)s”") % {"source": self._source_name(article)},
                "source_url": reverse("admin:articles_article_change", args=[article.pk]),
                "every_source_url": reverse("admin:articles_removedfragment_changelist"),
            }
        return super().changelist_view(request, extra_context)

    def get_list_display(self, request):
        if not request.user.has_perm("articles.add_article"):  # see ArticleAdmin.may_restore
            return self.list_display
        back = request.get_full_path()

        @admin.display(description=_("action"))
        def action(fragment: RemovedFragment):
            return _fragment_action(fragment, back)

        return [*self.list_display, action]

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("articles.view_article")

    @admin.display(description=gettext_lazy("source"), ordering="article")
    def article_name(self, fragment: RemovedFragment):
        article = fragment.article
        url = reverse("admin:articles_article_change", args=[article.pk])
        return format_html('<a href="{}">{}</a>', url, self._source_name(article))

    @staticmethod
    def _source_name(article: Article) -> str:
        """As ``Article.display_name``, but from the fields this list loads: its publisher, title or file name
        (not its body, which the list leaves out)."""
        return article.publisher or article.title or article.origin

    @admin.display(description=gettext_lazy("text"))
    def shown_text(self, fragment: RemovedFragment) -> str:
        return fragment.shown_text


class ArticleVersionInline(admin.TabularInline):
    model = ArticleVersion
    fields = ["imported_at", "replaced_at", "content_hash"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = gettext_lazy("earlier versions of the raw text")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("articles.view_article")


@admin.register(Article)
class ArticleAdmin(PlainTextMixin, RefusalShownMixin, admin.ModelAdmin):
    Media = ListsMedia
    change_list_template = "admin/articles/article/change_list.html"
    form = ArticleDetailsForm
    list_display = ["display_name", "title", "origin", "explainer", "published", "needs_extraction", "imported_at"]
    list_filter = [("explainer", VisibleExplainerFilter), "format", "needs_extraction"]
    list_select_related = ["explainer"]
    search_fields = ["title", "publisher", "author", "origin", "body"]
    fieldsets = [
        (None, {"fields": ["explainer", "origin", "title", "publisher", "author", "url", "published", "seen"],
                "description": gettext_lazy("Title, publisher, author, URL and date are what the import recovered "
                                            "from the text; correct them here. Readers see them in the sources "
                                            "list. The text itself is never edited: re-import a corrected file.")}),
        (gettext_lazy("Text"), {"fields": ["body", "raw_text_shown", "removals"]}),
        (gettext_lazy("Import"), {"fields": ["format", "encoding", "import_note", "content_hash", "needs_extraction",
                                             "imported_at", "updated_at"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["explainer", "origin", "body", "raw_text_shown", "removals",
                       "format", "encoding", "import_note", "content_hash", "needs_extraction", "imported_at",
                       "updated_at"]
    inlines = [RemovedFragmentInline, ArticleVersionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(explainer__in=explainers_visible(request.user)).defer("raw_text")

    @admin.display(description=gettext_lazy("source"), ordering="publisher")
    def display_name(self, article: Article) -> str:
        return article.display_name

    @admin.display(description=gettext_lazy("raw text"))
    def raw_text_shown(self, article: Article) -> str:
        """The raw text as imported, invisible characters written as code points: a bidirectional override
        would otherwise reverse the admin page's text after it."""
        return invisible_shown(article.raw_text)

    @admin.display(description=gettext_lazy("page noise removed"))
    def removals(self, article: Article):
        counts = article.removed_fragments.aggregate(total=Count("pk"), restored=Count("pk", filter=Q(restored=True)))
        total, restored = counts["total"], counts["restored"]
        if not total:
            return _("Nothing.")
        url = reverse("admin:articles_removedfragment_changelist") + f"?article__id__exact={article.pk}"
        summary = ngettext("%(n)s fragment, %(r)s of them restored.", "%(n)s fragments, %(r)s of them restored.",
                           total) % {"n": f"{total:,}", "r": f"{restored:,}"}
        listed = (_("All are listed below.") if total <= FRAGMENTS_LISTED
                  else _("The first %(n)s are listed below.") % {"n": FRAGMENTS_LISTED})
        return format_html('{} {} <a href="{}">{}</a>', summary, listed, url,
                           _("See them all, to filter by reason and search."))

    def has_add_permission(self, request) -> bool:
        return False  # articles come in through the upload form, which cleans them

    def has_upload_permission(self, request) -> bool:
        return request.user.has_perm("articles.add_article")

    def has_change_permission(self, request, obj=None) -> bool:
        """Only the details the import recovered can be changed (the form's fields); the raw text never is."""
        return request.user.has_perm("articles.change_article") and (
            obj is None or explainer_accessible(request.user, obj.explainer))

    def save_model(self, request, obj, form, change) -> None:
        article_details_edit(article=obj, user=request.user, expected_updated_at=form.cleaned_data["seen"],
                             **{field: form.cleaned_data[field] for field in Article.DETAIL_FIELDS})

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and (
            obj is None or explainer_accessible(request.user, obj.explainer))

    @staticmethod
    def explainer_of(obj: Article) -> int:
        return obj.explainer_id

    def delete_model(self, request, obj: Article) -> None:
        article_delete(article=obj, user=request.user)

    def response_delete(self, request, obj_display, obj_id):
        super().response_delete(request, obj_display, obj_id)  # the message
        # The sources list, not the admin index (where Django sends those who may not change sources).
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    @staticmethod
    def may_restore(request, article: Article) -> bool:
        """Putting a removed fragment back (or taking it out again) changes what the body holds, as an import
        does: it is for those who may import articles into this explainer."""
        return request.user.has_perm("articles.add_article") and explainer_accessible(request.user, article.explainer)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_upload": self.has_upload_permission(request)}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path("upload/", self.admin_site.admin_view(self.upload_view), name="articles_article_upload"),
            path("<int:article_id>/fragments/<int:fragment_id>/<str:verb>/",
                 self.admin_site.admin_view(self.fragment_view), name="articles_article_fragment"),
            *super().get_urls(),
        ]

    def upload_view(self, request: HttpRequest):
        """Import uploaded files into an explainer, each on its own; every file gets a line saying what happened."""
        if not self.has_upload_permission(request):
            raise PermissionDenied
        visible = explainers_visible(request.user)
        # After an upload that made nothing, the new explainer's slug and title come back to be tried again.
        initial = {key: request.GET[key][:300] for key in ("slug", "title") if request.GET.get(key)}
        form = ArticleUploadForm(request.POST or None, request.FILES or None, explainers=visible, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                explainer = data["explainer"] or explainer_for_import(
                    slug=data["slug"], title=data["title"] or None, creator=request.user)
                if not visible.filter(pk=explainer.pk).exists():
                    raise ValidationError(_("“%(slug)s” is restricted to its own editors; ask a chief editor to add "
                                            "you, or choose another slug.") % {"slug": explainer.slug})
            except ValidationError as error:
                form.add_error(None, error)
            else:
                changed = self._import(request, explainer, data["files"])
                build = _link("admin:claims_consensusbuild_changelist", f"?build={explainer.pk}")
                if changed and build:
                    messages.info(request, format_html(
                        "{} <a href=\"{}\">{}</a>", _("The new text is read by the next consensus build."), build,
                        _("Build consensus now")))
                if not data["explainer"] and explainer_discard_if_empty(explainer):
                    messages.error(request, _("No file was imported, so the explainer “%(slug)s” was not created.")
                                   % {"slug": explainer.slug})
                    return HttpResponseRedirect(request.path + "?" + urlencode(
                        {"slug": data["slug"], "title": data["title"] or ""}))
                return HttpResponseRedirect(
                    reverse("admin:articles_article_changelist") + f"?explainer__id__exact={explainer.pk}"
                )
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "form": form,
            "title": _("Upload articles"), "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/articles/article/upload.html", context)

    def fragment_view(self, request: HttpRequest, article_id: int, fragment_id: int, verb: str):
        """Ask, then restore a removed fragment to the body (``verb`` "restore") or remove it again
        ("unrestore"). The body is re-derived from the raw text and the next build re-reads the article."""
        article = get_object_or_404(self.get_queryset(request), pk=article_id)
        fragment = get_object_or_404(RemovedFragment, pk=fragment_id, article=article)
        if verb not in ("restore", "unrestore"):
            raise Http404
        if not self.may_restore(request, article):
            raise PermissionDenied
        back = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            back = reverse("admin:articles_article_change", args=[article.pk])
        if request.method == "POST":
            if (verb == "restore") == fragment.restored:
                messages.info(request, _("Nothing to do: that fragment is already %(state)s.") % {
                    "state": _("restored") if fragment.restored else _("removed")})
            else:
                change = fragment_restore if verb == "restore" else fragment_unrestore
                try:
                    change(fragment=fragment, user=request.user)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, _("The body was re-derived; the next consensus build re-reads this "
                                                "article."))
            return HttpResponseRedirect(back)
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "article": article, "fragment": fragment,
            "verb": verb, "back": back,
            "title": _("Restore a removed fragment") if verb == "restore" else _("Remove a restored fragment again"),
        }
        return TemplateResponse(request, "admin/articles/article/fragment.html", context)

    def _import(self, request: HttpRequest, explainer: Explainer, files) -> int:
        """Import each file, with a message for each; returns how many were imported or updated."""
        busy = False
        changed = 0
        for upload in files:
            if busy:  # a build holds the explainer: the rest are not tried, each waiting again
                outcome = ImportOutcome(upload.name, "rejected", str(EXPLAINER_BUSY), busy=True)
            else:
                outcome = article_import(explainer=explainer, origin=upload.name, data=upload.read(), user=request.user)
            busy = outcome.busy
            changed += outcome.status in ("imported", "updated")
            level = {"imported": messages.SUCCESS, "updated": messages.SUCCESS, "unchanged": messages.INFO}.get(
                outcome.status, messages.ERROR)
            text = {
                "imported": _("“%(file)s”: imported."),
                "updated": _("“%(file)s”: updated; the earlier text is kept as a version."),
                "unchanged": _("“%(file)s”: already imported with the same content; nothing changed."),
            }.get(outcome.status, _("“%(file)s”: not imported — %(reason)s."))  # quoted: admin capitalises messages
            if outcome.status in ("imported", "updated") and outcome.reason:
                # Read in another encoding than UTF-8: said here, where the editor is, not only on the article.
                text += _(" It was %(reason)s: check its accented letters and quotes.")
                level = messages.WARNING
            if outcome.kept:
                text += _(" The details an editor corrected are kept (%(kept)s).")
            self.message_user(request, text % {"file": upload.name, "reason": outcome.reason,
                                               "kept": outcome.kept_text}, level)
        return changed
