"""The review queue: proposed consensus entries with their passages, approved or rejected in one click."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from articles.admin_filters import VisibleExplainerFilter
from articles.admin_mixins import PlainTextMixin, ReadOnlyMixin, RefusedSaveMixin, bulk_run
from articles.models import Article
from claims import permissions
from claims.forms import EntryForm
from claims.markdown import render_markdown
from claims.models import Claim, Conflict, ConsensusEntry, EntryClaim
from claims.pipeline.group import reads_whole, unnamed_reference
from claims.services.review import (
    claim_attach, entries_merge, entry_approve, entry_edit, entry_edit_and_decide, entry_reject, entry_split, near_twins,
)

from .common import (
    DeskMedia, ExplainerScopedMixin, audit_for, audit_table, back, claim_passage_html, person_display, posted_page_form,
    service_call, version_from, warn_left_out,
)


_ATTACH_CHOICES = 500  # passages offered to attach: the unassigned ones first


def _claim_id(request: HttpRequest, field: str) -> int:
    """The claim id a form posted; 0 (no such claim, so a 404) when it is missing or not a number."""
    value = request.POST.get(field, "")
    return int(value) if value.isdigit() else 0


class SupportFilter(admin.SimpleListFilter):
    title = gettext_lazy("number of sources")
    parameter_name = "sources"

    def lookups(self, request, model_admin):
        return [("1", gettext_lazy("one source")), ("2", gettext_lazy("two sources")),
                ("3", gettext_lazy("three or more"))]

    def queryset(self, request, queryset):
        if self.value() in {"1", "2"}:
            return queryset.filter(support=int(self.value()))
        if self.value() == "3":
            return queryset.filter(support__gte=3)
        return queryset


class HasConflictFilter(admin.SimpleListFilter):
    title = gettext_lazy("has conflict")
    parameter_name = "conflict"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_conflict=True)
        if self.value() == "no":
            return queryset.filter(has_conflict=False)
        return queryset


def reads_as_fragment(entry: ConsensusEntry) -> bool:
    """Whether a proposed entry is stated in a source's words that are not a sentence of their own ("and she
    comes to see the keeper for what he really is"): readers would see it as it is, so the queue asks for a
    rewording. An editor's wording is theirs, and once an editor has decided, the mark has done its job."""
    return (entry.status == ConsensusEntry.Status.PROPOSED and not entry.statement_edited
            and not reads_whole(entry.statement))


def leaning_on(entry: ConsensusEntry) -> str:
    """The pronoun a proposed entry, stated in a source's words, leans on for who it is about ("she", "it"):
    readers meet the statement without the sentence before it, so the queue asks for the name."""
    if entry.status != ConsensusEntry.Status.PROPOSED or entry.statement_edited:
        return ""
    return unnamed_reference(entry.statement)


def open_conflicts():
    """An entry's conflicts that are not dismissed: open or settled ("has conflict")."""
    return Conflict.objects.filter(entry=OuterRef("pk")).exclude(status=Conflict.Status.DISMISSED)


@admin.register(ConsensusEntry)
class ConsensusEntryAdmin(PlainTextMixin, RefusedSaveMixin, ExplainerScopedMixin, admin.ModelAdmin):
    form = EntryForm
    change_form_template = "admin/claims/consensusentry/change_form.html"
    list_display = ["statement_shown", "passages", "support", "kind", "status_shown", "conflict_shown"]
    # Reviewers get status, kind, conflict and the buttons in one column, so a row fits beside the filters at
    # 1280 px without scrolling sideways to the buttons.
    review_display = ["statement_shown", "passages", "support", "decide"]
    list_display_links = ["statement_shown"]
    list_filter = ["status", "kind", SupportFilter, HasConflictFilter, ("explainer", VisibleExplainerFilter)]
    list_per_page = 50
    list_select_related = ["explainer"]
    search_fields = ["statement", "supports__claim__text"]
    search_help_text = gettext_lazy("Search statements and the passages that support them.")
    ordering = ["-support", "position", "id"]
    actions = ["approve_selected", "reject_selected", "merge_selected"]
    fieldsets = [
        (None, {"fields": ["statement", "kind", "version"]}),
        (gettext_lazy("Review"), {"fields": ["explainer", "status_shown", "support", "statement_edited",
                                              "decided_by_shown", "decided_at", "conflicts_shown"]}),
        (gettext_lazy("Supporting passages"), {"fields": ["passages_detail", "attach"]}),
        (gettext_lazy("Audit log"), {"fields": ["audit"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["explainer", "status_shown", "support", "statement_edited", "decided_by_shown", "decided_at",
                       "conflicts_shown", "passages_detail", "attach", "audit"]

    decided_by_shown = person_display("decided_by", gettext_lazy("decided by"))

    Media = DeskMedia

    def get_queryset(self, request):
        return (
            super().get_queryset(request)
            .annotate(has_conflict=Exists(open_conflicts()),
                      unsettled=Exists(open_conflicts().filter(status=Conflict.Status.OPEN)))
            .prefetch_related(
                Prefetch("supports", queryset=EntryClaim.objects.select_related("claim").order_by(
                    "claim__article__origin", "claim__start")),
                Prefetch("supports__claim__article",
                         queryset=Article.objects.only("id", "title", "publisher", "origin", "body")),
            )
        )

    def get_changelist_instance(self, request):
        """The page's entries, each told the entry nearly the same as it, if any (``near_twins``)."""
        changelist = super().get_changelist_instance(request)
        page = list(changelist.result_list)  # evaluated once; the template iterates the same, cached, rows
        twins = near_twins(page)
        for entry in page:
            entry.near_twin = twins.get(entry.pk)
        return changelist

    def has_add_permission(self, request) -> bool:
        return False  # entries come from consensus builds and from splitting

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # reject instead: the decision stays on record

    # Columns

    @admin.display(description=gettext_lazy("statement"), ordering="statement")
    def statement_shown(self, entry: ConsensusEntry):
        """The statement, cut at 160 characters, after the entry's number (which "Nearly the same as #12" and the
        conflicts name)."""
        statement = entry.statement if len(entry.statement) <= 160 else entry.statement[:157] + "…"
        return format_html('<span class="entry-number">#{}</span> {}', entry.pk, statement)

    @admin.display(description=gettext_lazy("what the sources say"))
    def passages(self, entry: ConsensusEntry):
        return format_html_join("", "{}", ((claim_passage_html(s.claim),) for s in entry.supports.all()))

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_shown(self, entry: ConsensusEntry):
        return format_html('<span class="status-{}">{}</span>', entry.status, entry.get_status_display())

    @admin.display(description=gettext_lazy("conflict"), boolean=True, ordering="has_conflict")
    def conflict_shown(self, entry: ConsensusEntry) -> bool:
        return bool(getattr(entry, "has_conflict", False))

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def decide(self, entry: ConsensusEntry):
        """The status, the kind, whether a conflict is open, and approve and reject buttons; the buttons submit
        the list's form (which carries the CSRF token) to their own URL."""
        buttons = []
        if entry.status != ConsensusEntry.Status.APPROVED:
            buttons.append(format_html(
                '<button type="submit" class="approve" formmethod="post" formaction="{}" name="version" value="{}">'
                '{}</button>', reverse("admin:claims_consensusentry_approve", args=[entry.pk]), entry.version,
                _("Approve")))
        if entry.status != ConsensusEntry.Status.REJECTED:
            buttons.append(format_html(
                '<button type="submit" class="reject" formmethod="post" formaction="{}" name="version" value="{}">'
                '{}</button>', reverse("admin:claims_consensusentry_reject", args=[entry.pk]), entry.version,
                _("Reject")))
        # The version the list showed, for the bulk actions: an entry changed since is refused, not decided unseen.
        seen = format_html('<input type="hidden" name="seen-{}" value="{}">', entry.pk, entry.version)
        # An open conflict asks for a decision; a settled one is only a link to what was decided.
        conflict = format_html(
            '<a class="{}" href="{}?entry__id__exact={}">{}</a>',
            "open-conflict" if getattr(entry, "unsettled", False) else "settled-conflict",
            reverse("admin:claims_conflict_changelist"), entry.pk,
            _("Open conflict") if getattr(entry, "unsettled", False) else _("Conflict settled"),
        ) if getattr(entry, "has_conflict", False) else ""
        twin = getattr(entry, "near_twin", None)
        if twin is not None:
            conflict = format_html(
                '{}<a class="near-twin" href="{}?id__in={},{}">{}</a>', conflict,
                reverse("admin:claims_consensusentry_changelist"), min(entry.pk, twin.entry_id),
                max(entry.pk, twin.entry_id),
                _("Nearly the same as #%(id)s (%(shared)s of its %(size)s passages): compare, merge")
                % {"id": twin.entry_id, "shared": twin.shared, "size": twin.size})
        if reads_as_fragment(entry):
            conflict = format_html('{}<span class="fragment">{}</span>', conflict,
                                   _("Reads as a fragment: reword it"))
        elif pronoun := leaning_on(entry):
            conflict = format_html('{}<span class="fragment">{}</span>', conflict,
                                   _("Who is “%(word)s”? Name them") % {"word": pronoun})
        return format_html('{}<span class="kind">{}</span>{}<div class="decide">{}{}</div>', self.status_shown(entry),
                           entry.get_kind_display(), conflict, seen,
                           format_html_join("", "{}", ((b,) for b in buttons)))

    # Entry page

    @admin.display(description=gettext_lazy("passages"))
    def passages_detail(self, entry: ConsensusEntry):
        supports = list(entry.supports.all())
        rows = []
        for support in supports:
            split = ""
            if len(supports) > 1:
                split = format_html(
                    '<button type="submit" class="split-out" formaction="{}" name="split_claim" value="{}">{}</button>',
                    reverse("admin:claims_consensusentry_split", args=[entry.pk]), support.claim_id,
                    _("Split out into a new entry"))
            pinned = _(" (placed by an editor)") if support.pinned else ""
            rows.append((claim_passage_html(support.claim), pinned, split))
        return format_html_join("", '<div class="support">{}<small>{}</small> {}</div>', rows)

    @admin.display(description=gettext_lazy("conflicts"))
    def conflicts_shown(self, entry: ConsensusEntry):
        """What the sources of this entry disagree on, each with its state, linked to where it is settled: the
        conflicts the build tied to it, and those one of its passages is a side of (tied to another entry)."""
        conflicts = list(
            Conflict.objects.filter(Q(entry=entry) | Q(variants__claim__supports__entry=entry))
            .exclude(status=Conflict.Status.DISMISSED).distinct().order_by("id")
        )
        if not conflicts:
            return _("None: its sources do not disagree on a name, a figure or a date.")
        return format_html_join("", '<div><a href="{}">{}</a> <small>({})</small></div>', (
            (reverse("admin:claims_conflict_change", args=[c.pk]), c.about, c.get_status_display()
             + (f": {c.resolution}" if c.status == Conflict.Status.RESOLVED else ""))
            for c in conflicts))

    @admin.display(description=gettext_lazy("attach a claim"))
    def attach(self, entry: ConsensusEntry):
        """A claim to bring into the entry: one that supports no entry yet, or a passage of a source the entry
        does not cite yet that another entry holds now (it moves here: the build put it with the wrong point)."""
        cited = {s.claim.article_id for s in entry.supports.all()}
        candidates = list(
            Claim.objects.filter(article__explainer_id=entry.explainer_id).exclude(supports__entry=entry)
            .annotate(n=Count("supports")).filter(Q(n=0) | ~Q(article_id__in=cited)).only("id", "text", "article_id")
            .order_by("n", "article__origin", "start")[:_ATTACH_CHOICES]
        )
        # Each source's name once, not its whole text with every claim (a long article has hundreds).
        names = {a.pk: a.display_name for a in Article.objects.filter(pk__in={c.article_id for c in candidates})
                 .only("id", "title", "publisher", "origin", "body")}
        held_by: dict[int, list[int]] = {}
        for claim_id, entry_id in EntryClaim.objects.filter(
                claim_id__in=[c.pk for c in candidates if c.n]).values_list("claim_id", "entry_id").order_by("entry_id"):
            held_by.setdefault(claim_id, []).append(entry_id)
        options = format_html_join(
            "", '<option value="{}">{}{} — {}</option>',
            ((c.pk, _("(from #%(ids)s) ") % {"ids": ", #".join(map(str, held_by[c.pk]))} if c.pk in held_by else "",
              names[c.article_id], Truncator(c.text).chars(240))
             for c in candidates),
        )
        if not options:
            return _("Nothing to attach: every claim supports an entry, and this one cites every source.")
        return format_html(
            '<select name="attach_claim" class="attach-claim" aria-label="{}">{}</select> '
            '<button type="submit" formaction="{}">{}</button>'
            '<div class="help">{}</div>',
            _("Claim to attach"), options, reverse("admin:claims_consensusentry_attach", args=[entry.pk]),
            _("Attach"), _("Claims that support no entry yet come first, then passages of the sources this entry "
                           "does not cite yet that another entry holds: attached, they move here. An attached claim "
                           "stays here when consensus is rebuilt."),
        )

    @admin.display(description=gettext_lazy("audit log"))
    def audit(self, entry: ConsensusEntry):
        latest, more = audit_for(entry=entry.pk)
        return audit_table(latest, more_url=more)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["can_review"] = permissions.can_review(request.user, obj.explainer)
            context["reads_as_fragment"] = reads_as_fragment(obj)
            context["leaning_on"] = leaning_on(obj)
            context["approve_url"] = reverse("admin:claims_consensusentry_approve", args=[obj.pk])
            context["reject_url"] = reverse("admin:claims_consensusentry_reject", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj: ConsensusEntry, form, change: bool) -> None:
        edited = entry_edit(entry=obj, user=request.user, statement=form.cleaned_data["statement"],
                            kind=form.cleaned_data["kind"], expected_version=form.cleaned_data["version"])
        obj.statement_html = edited.statement_html  # the "was changed" message names the entry as it now reads
        warn_left_out(request, form.cleaned_data["statement"])


    # One-click buttons

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/approve/", view(require_POST(self.approve_view)), name="claims_consensusentry_approve"),
            path("<int:pk>/reject/", view(require_POST(self.reject_view)), name="claims_consensusentry_reject"),
            path("<int:pk>/split/", view(require_POST(self.split_view)), name="claims_consensusentry_split"),
            path("<int:pk>/attach/", view(require_POST(self.attach_view)), name="claims_consensusentry_attach"),
            *super().get_urls(),
        ]

    def _entry(self, request: HttpRequest, pk: int) -> ConsensusEntry:
        if not request.user.has_perm(permissions.REVIEW):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def _changelist(self) -> str:
        return reverse("admin:claims_consensusentry_changelist")

    @staticmethod
    def _decided(entry: ConsensusEntry, approve: bool) -> str:
        """ "Approved: “Vans may load before 10am.”", with a closing stop only when the statement has none."""
        text = (_("Approved: “%(s)s”") if approve else _("Rejected: “%(s)s”")) % {"s": entry}
        return text if str(entry).rstrip().endswith((".", "!", "?", "…")) else f"{text}."

    def _decide(self, request: HttpRequest, pk: int, *, approve: bool):
        entry = self._entry(request, pk)
        if "statement" not in request.POST:  # a button in the list: the decision alone
            decided = service_call(request, entry_approve if approve else entry_reject, self._decided(entry, approve),
                                   entry=entry, expected_version=version_from(request))
            if decided and approve and reads_as_fragment(entry):
                messages.warning(request, _("Readers will see “%(s)s” as it is, a fragment of a sentence; reword "
                                            "it on the entry's page.") % {"s": entry})
            return back(request, self._changelist())
        # The entry page's buttons: what the editor changed there is saved with the decision, or, when it cannot
        # be (empty, too long, changed by someone else meanwhile), the page comes back with the edits and why.
        form, page = posted_page_form(self, request, entry)
        if form is None:
            return page
        statement = form.cleaned_data["statement"]
        shown = ConsensusEntry(statement=statement, statement_html=render_markdown(statement))  # as it now reads
        decided = service_call(request, entry_edit_and_decide, self._decided(shown, approve), entry=entry,
                               approve=approve, statement=form.cleaned_data["statement"],
                               kind=form.cleaned_data["kind"], expected_version=form.cleaned_data["version"])
        if decided:
            warn_left_out(request, statement)
        return back(request, self._changelist()) if decided else HttpResponseRedirect(
            reverse("admin:claims_consensusentry_change", args=[entry.pk]))

    def approve_view(self, request: HttpRequest, pk: int):
        return self._decide(request, pk, approve=True)

    def reject_view(self, request: HttpRequest, pk: int):
        return self._decide(request, pk, approve=False)

    def split_view(self, request: HttpRequest, pk: int):
        entry = self._entry(request, pk)
        claim = get_object_or_404(Claim, pk=_claim_id(request, "split_claim"))
        new = service_call(request, entry_split, _("Split out into a new proposed entry."),
                           entry=entry, claims=[claim], expected_version=version_from(request))
        target = new if isinstance(new, ConsensusEntry) else entry
        return HttpResponseRedirect(reverse("admin:claims_consensusentry_change", args=[target.pk]))

    def attach_view(self, request: HttpRequest, pk: int):
        entry = self._entry(request, pk)
        claim = get_object_or_404(Claim, pk=_claim_id(request, "attach_claim"))
        service_call(request, claim_attach, _("Claim attached."), entry=entry, claim=claim,
                     expected_version=version_from(request))
        return HttpResponseRedirect(reverse("admin:claims_consensusentry_change", args=[entry.pk]))

    # Bulk actions

    def _bulk(self, request, queryset, action, done) -> None:
        def act(entry):
            seen = request.POST.get(f"seen-{entry.pk}", "")
            action(entry=entry, user=request.user, expected_version=int(seen) if seen.isdigit() else None)

        bulk_run(self, request, queryset, act, done, explainer_of=lambda entry: entry.explainer_id)

    @admin.action(description=gettext_lazy("Approve selected entries"), permissions=["review"])
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, entry_approve, lambda n: ngettext(
            "%(count)s entry approved.", "%(count)s entries approved.", n) % {"count": n})

    @admin.action(description=gettext_lazy("Reject selected entries"), permissions=["review"])
    def reject_selected(self, request, queryset):
        self._bulk(request, queryset, entry_reject, lambda n: ngettext(
            "%(count)s entry rejected.", "%(count)s entries rejected.", n) % {"count": n})

    @admin.action(description=gettext_lazy("Merge selected entries into one"), permissions=["review"])
    def merge_selected(self, request, queryset):
        chosen = list(queryset)
        try:
            kept = entries_merge(entries=chosen, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        merged = len(chosen) - 1
        self.message_user(request, ngettext(
            "Merged into “%(s)s”; %(n)d other entry was folded in.",
            "Merged into “%(s)s”; %(n)d other entries were folded in.", merged) % {"s": kept, "n": merged},
            messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:claims_consensusentry_change", args=[kept.pk]))

    def get_list_display(self, request):
        return self.review_display if request.user.has_perm(permissions.REVIEW) else self.list_display

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(permissions.REVIEW)


@admin.register(Claim)
class ClaimAdmin(ReadOnlyMixin, ExplainerScopedMixin, admin.ModelAdmin):
    """Claims as extracted: read-only, to look one up and see which entry it supports."""

    explainer_lookup = "article__explainer"
    list_display = ["text", "source", "kind", "start", "end"]
    list_filter = ["kind", ("article__explainer", VisibleExplainerFilter)]
    list_select_related = ["article"]
    search_fields = ["text"]
    readonly_fields = ["article", "text", "start", "end", "sentence_start", "sentence_end", "kind", "people",
                       "passage"]
    fields = readonly_fields

    Media = DeskMedia

    @admin.display(description=gettext_lazy("source"), ordering="article__origin")
    def source(self, claim: Claim) -> str:
        return claim.article.display_name

    @admin.display(description=gettext_lazy("in its sentence"))
    def passage(self, claim: Claim):
        return claim_passage_html(claim)

