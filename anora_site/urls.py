from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy

from anora_site.sitemaps import SITEMAPS

# The admin is the editors' desk: named for what it is, not "Django administration".
admin.site.site_header = gettext_lazy("Explainer desk")
admin.site.site_title = gettext_lazy("Explainer desk")
admin.site.index_title = gettext_lazy("Sources, review and publishing")
admin.site.index_template = "admin/desk_index.html"  # the app list, with the drafts awaiting review above it

# Browsers ask for /favicon.ico wherever a page names no icon (the admin's do not): the site's icon. Resolved
# per request, as the hashed static name exists only once collectstatic has run.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("markdownx/", include("anora_site.markdown_urls")),
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("site/favicon.svg"))),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="django.contrib.sitemaps.views.sitemap"),
    path("", include("anora_site.public_urls")),
]
