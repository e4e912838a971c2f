"""Admin behaviour shared by the articles and claims admins (which may import from here, not the other way)."""
from collections.abc import Callable

from django.contrib import messages
from django.contrib.admin.widgets import AdminTextInputWidget
from django.core.exceptions import ValidationError
from django.db import OperationalError, models
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.translation import ngettext

from .forms import PlainTextField
from .locking import is_busy, refusal_text

_REFUSALS_SHOWN = 10  # refusals of a bulk action listed one by one; the rest are counted
# Busy explainers a bulk action waits for (EXPLAINER_LOCK_WAIT each) before it stops: two waits of 10 s keep the
# request under a WSGI server's usual 30 s timeout.
_BUSY_WAITS = 2


class ListsMedia:
    """The desk's lists: long values wrap at a laptop's width, and rows are labelled cards on a phone."""

    css = {"all": ["articles/lists.css"]}
    js = ["articles/list_labels.js"]


class RefusedSaveMixin:
    """A save the services refuse (a concurrent edit won the race, or a consensus build holds the explainer)
    becomes a message, and nothing is saved."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.get_full_path())


class ReadOnlyMixin:
    """An admin for rows nobody adds, changes or deletes by hand: they are made by imports, builds and the
    workflow, or are a record of what happened."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PlainTextMixin:
    """Every text field of the admin's forms drops bidirectional overrides (``PlainTextField``). Fields with
    choices, form fields a form declares itself, and text fields with a form field of their own are not
    affected: the admin takes the first class of a field's ancestry it has an entry for, and its defaults have
    entries for e-mail addresses and URLs; slugs get one here, with the admin's text input."""

    formfield_overrides = {
        models.CharField: {"form_class": PlainTextField},
        models.TextField: {"form_class": PlainTextField},
        models.SlugField: {"widget": AdminTextInputWidget},
    }


def bulk_run(
    model_admin, request: HttpRequest, items, act: Callable, done: Callable[[int], str],
    explainer_of: Callable | None = None,
) -> None:
    """A bulk action: ``act(item)`` for each item in turn (each a service with its own transaction), then one
    message saying how many were done (``done(n)``) and one for each refusal, the first ten.

    A busy refusal means "try again later". When a build holds one explainer (``explainer_of(item)`` names an
    item's explainer), the rest of that explainer's items are not tried, each of which would wait as long and be
    refused the same way, and the items of other explainers go on. The second busy explainer
    (``_BUSY_WAITS``), SQLite's write lock running out (it is the whole database's), or a busy refusal when
    ``explainer_of`` is not given, stops the run. Either way the messages say how many were not tried (shown
    whatever came before them). Other database errors are not refusals and propagate.
    """
    chosen = list(items)
    count, refused, stopped = 0, [], []
    waiting: dict = {}  # busy explainer -> [the refusal's message, items of it not tried]
    for tried, item in enumerate(chosen, start=1):
        explainer = explainer_of(item) if explainer_of is not None else None
        if explainer in waiting:
            waiting[explainer][1] += 1
            continue
        try:
            act(item)
            count += 1
        except (ValidationError, OperationalError) as error:
            if not isinstance(error, ValidationError) and not is_busy(error):
                raise
            if not is_busy(error):
                refused.append(f"“{item}”: {refusal_text(error)}")
            elif explainer_of is not None and isinstance(error, ValidationError) and len(waiting) + 1 < _BUSY_WAITS:
                waiting[explainer] = [f"“{item}”: {refusal_text(error)}", 0]
            else:
                stopped.append(f"“{item}”: {refusal_text(error)}")
                left = len(chosen) - tried
                if left:
                    stopped.append(ngettext("%(count)s more was not tried; select it again when it has finished.",
                                            "%(count)s more were not tried; select them again when it has finished.",
                                            left) % {"count": left})
                break
    held = []
    for message, left in waiting.values():
        held.append(message)
        if left:
            held.append(ngettext(
                "%(count)s more of the same explainer was not tried; select it again when it has finished.",
                "%(count)s more of the same explainer were not tried; select them again when it has finished.",
                left) % {"count": left})
    stopped = held + stopped
    if count:
        model_admin.message_user(request, done(count), messages.SUCCESS)
    if len(refused) > _REFUSALS_SHOWN:
        more = len(refused) - _REFUSALS_SHOWN
        refused[_REFUSALS_SHOWN:] = [ngettext("%(count)s more was refused.", "%(count)s more were refused.", more)
                                     % {"count": more}]
    for message in refused + stopped:
        model_admin.message_user(request, message, messages.WARNING)
