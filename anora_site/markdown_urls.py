"""django-markdownx's live preview, for staff only; its image upload is switched off (explainers carry no images)."""
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponseNotFound
from django.urls import path
from markdownx.views import MarkdownifyView


def upload_disabled(request):
    return HttpResponseNotFound("Image uploads are switched off.")


urlpatterns = [
    path("upload/", upload_disabled, name="markdownx_upload"),
    path("markdownify/", staff_member_required(MarkdownifyView.as_view()), name="markdownx_markdownify"),
]
