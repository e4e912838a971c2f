"""django-markdownx's live preview, for staff only; its image upload is switched off (explainers carry no images).
The preview refuses text longer than an editor may save, as rendering it could tie up a worker."""
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse, HttpResponseNotFound
from django.urls import path
from django.utils.html import escape
from markdownx.views import MarkdownifyView

from claims.markdown import MARKDOWN_MAX_CHARS


def upload_disabled(request):
    return HttpResponseNotFound("Image uploads are switched off.")


_markdownify = MarkdownifyView.as_view()


def markdownify(request):
    length = len(request.POST.get("content", ""))
    if length > MARKDOWN_MAX_CHARS:
        message = f"Too long to preview: {length:,} characters; at most {MARKDOWN_MAX_CHARS:,} can be saved."
        return HttpResponse(f"<p><strong>{escape(message)}</strong></p>")
    return _markdownify(request)


urlpatterns = [
    path("upload/", upload_disabled, name="markdownx_upload"),
    path("markdownify/", staff_member_required(markdownify), name="markdownx_markdownify"),
]
