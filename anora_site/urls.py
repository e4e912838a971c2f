from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from anora_site.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("markdownx/", include("anora_site.markdown_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="django.contrib.sitemaps.views.sitemap"),
    path("", include("anora_site.public_urls")),
]
