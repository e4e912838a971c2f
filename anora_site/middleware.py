"""Request middleware of the site."""
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from articles.locking import is_busy
from claims.admin.common import told_if_reopened

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


class ReopenedDraftMiddleware:
    """Every change made in the desk (a post to the admin) is told when it sent a submitted or published
    explainer back to draft (``claims.admin.common.told_if_reopened``): an edited statement, a settled conflict,
    and as much a source's corrected details on the sources' pages, which know nothing of drafts."""

    def __init__(self, get_response):
        self.get_response = get_response
        try:
            self.prefix = reverse("admin:index")
        except NoReverseMatch:  # a site without the desk
            self.prefix = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or self.prefix is None or not request.path.startswith(self.prefix):
            return self.get_response(request)
        with told_if_reopened(request):
            return self.get_response(request)
