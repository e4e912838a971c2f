"""Admin behaviour shared by the articles and claims admins (which may import from here, not the other way)."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect


class RefusedSaveMixin:
    """A save the services refuse (a concurrent edit won the race, or a consensus build holds the explainer)
    becomes a message, and nothing is saved."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.get_full_path())
