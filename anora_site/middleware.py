"""Request middleware of the site."""
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from articles.locking import is_busy

RETRY_AFTER_SECONDS = 60


class DatabaseBusyMiddleware:
    """SQLite has one writer at a time: a request that waited out the busy timeout (20 s, see the settings)
    behind a long consensus build gets a 503 page that says so, with ``Retry-After``, instead of a server error.
    Nothing of it was written: its transaction could not begin, or was rolled back. So does a request whose
    busy refusal from ``articles.locking`` no view turned into a message (Django's own user deletion)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_busy(exception):
            return None
        response = HttpResponse(render_to_string("503.html", request=request), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
