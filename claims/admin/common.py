"""What the claims admin pages share: scoping to visible explainers, passages, audit tables, service calls."""
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from articles.admin_mixins import ListsMedia
from articles.cleaning.inline import without_overrides
from claims.audit import Verb
from claims.markdown import left_out
from claims.models import AuditEntry, Draft
from claims.permissions import explainers_visible


class DeskMedia(ListsMedia):
    """Every desk page's style: the lists' (they wrap at a laptop's width and are labelled cards on a phone) and
    the claims pages' own."""

    css = {"all": [*ListsMedia.css["all"], "claims/admin.css"]}


def person_display(field: str, description) -> Callable:
    """A read-only display of the user in ``field`` as a name. Shown as the field itself, Django links it to the
    user's admin page, which editors and chief editors may not open (a 403 for a link the page offered)."""

    @admin.display(description=description, ordering=field)
    def shown(self, obj) -> str:
        user = getattr(obj, field)
        return str(user) if user is not None else "-"

    return shown


class ExplainerScopedMixin:
    """Lists and pages show only rows of explainers the person may work on."""

    explainer_lookup = "explainer"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(
            **{f"{self.explainer_lookup}__in": explainers_visible(request.user)}
        )


def passage_html(*, body: str, start: int, end: int, sentence_start: int, sentence_end: int) -> SafeString:
    """The sentence around a passage, the passage marked; every part of the text is escaped."""
    lo, hi = min(sentence_start, start), max(sentence_end, end)
    return format_html(
        '{}<mark class="passage">{}</mark>{}', body[lo:start], body[start:end], body[end:hi]
    )


def claim_passage_html(claim, *, number: int | None = None) -> SafeString:
    """One supporting passage with its source's name, as shown in the queue and on the entry page."""
    article = claim.article
    passage = passage_html(body=article.body, start=claim.start, end=claim.end, sentence_start=claim.sentence_start,
                           sentence_end=claim.sentence_end)
    return format_html('<div class="claim-passage"><span class="source-name">{}</span> {}</div>',
                       article.display_name, passage)


def audit_table(entries, *, more_url: str) -> SafeString:
    """The latest audit entries as a small table, with a link to all of them."""
    rows = format_html_join(
        "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        ((f"{e.at:%Y-%m-%d %H:%M}", e.actor or "—", e.verb, e.note, _("demo") if e.is_demo else "") for e in entries),
    )
    if not rows:
        rows = format_html('<tr><td colspan="5">{}</td></tr>', _("Nothing recorded yet."))
    return format_html(
        '<table class="audit-log"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th></tr></thead>'
        '<tbody>{}</tbody></table><p><a href="{}">{}</a></p>',
        _("When"), _("Who"), _("What"), _("Note"), rows, more_url, _("The whole audit log"),
    )


def audit_for(**filters) -> tuple[list[AuditEntry], str]:
    """The latest 15 audit entries matching ``filters`` (explainer or entry), and the changelist filtered likewise."""
    query = "&".join(f"{key}__id__exact={value}" for key, value in filters.items())
    latest = list(AuditEntry.objects.filter(**{f"{k}_id": v for k, v in filters.items()}).select_related("actor")[:15])
    return latest, reverse("admin:claims_auditentry_changelist") + "?" + query


def back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """Back to the page the button was on, if it is on this site; else to ``fallback``."""
    target = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


@contextmanager
def told_if_reopened(request: HttpRequest) -> Iterator[None]:
    """Around a change: if it sent a submitted or published explainer back to draft (``reopen_draft`` audits
    that as this user), say so, as the editor may not know the change does that. Every change made in the desk
    is wrapped in it (``anora_site.middleware.ReopenedDraftMiddleware``), whichever app's page made it: a
    corrected source's details send a draft in review back as surely as an edited statement."""
    mark = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    yield
    if not request.user.is_authenticated:
        return
    reopened = list(AuditEntry.objects.filter(id__gt=mark, verb=Verb.DRAFT_REOPENED, actor=request.user)
                    .select_related("explainer").order_by("id"))
    if not reopened:
        return
    # A draft the same change then submitted again (the draft page's edits and its button) is not back to draft.
    told = set(Draft.objects.filter(explainer_id__in={e.explainer_id for e in reopened})
               .exclude(status=Draft.Status.DRAFT).values_list("explainer_id", flat=True))
    for entry in reopened:
        if entry.explainer_id not in told:
            told.add(entry.explainer_id)
            messages.warning(request, _("This sent “%(explainer)s” back to draft: %(why)s")
                             % {"explainer": entry.explainer, "why": entry.note})


def posted_page_form(model_admin, request: HttpRequest, obj):
    """The object's page form, bound to what a button on that page posted with it (a decision, a submission that
    saves the page's edits first): ``(form, None)`` when it is valid, else ``(None, the page shown again with the
    edits and their errors)``."""
    change_url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    form = model_admin.get_form(request, obj, change=True)(
        request.POST, instance=model_admin.get_object(request, str(obj.pk)))
    if form.is_valid():
        return form, None
    return None, model_admin.changeform_view(request, str(obj.pk), form_url=change_url)


def service_call(request: HttpRequest, action: Callable, success: str, **kwargs):
    """Run a workflow service as the request's user; refusals become an error message, success a message (the
    warning when the change sent a submitted or published explainer back to draft comes from ``told_if_reopened``).

    ``PermissionDenied`` is not caught: Django answers it with 403, and nothing has changed.
    """
    try:
        result = action(user=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.success(request, success)
    return result if result is not None else True


def warn_left_out(request: HttpRequest, markdown: str) -> None:
    """After saving an editor's markdown: a warning naming what readers will not get of it (a "javascript:"
    link, an <img>), which the sanitizer drops without a word."""
    told = left_out(markdown)
    if told:
        messages.warning(request, _("Saved, but readers will not see %(what)s.") % {"what": told})


def posted_text(request: HttpRequest, name: str, default: str = "") -> str:
    """A text field of a form the admin's own views read (notes, section titles), less bidirectional overrides,
    as ``PlainTextField`` does for model forms."""
    return without_overrides(request.POST.get(name, default))


def version_from(request: HttpRequest) -> int | None:
    """The version the person had open, from the form; None when the button carries none (bulk actions)."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None
