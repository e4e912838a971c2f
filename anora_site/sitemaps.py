"""sitemap.xml: the home page and every published explainer with its pages."""
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from claims.models import Revision

from . import selectors


class ExplainerSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[Revision]:
        return selectors.explainers_published()

    def location(self, item: Revision) -> str:
        return item.explainer.get_absolute_url()

    def lastmod(self, item: Revision):
        return item.published_at


class HomeSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["site:home"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"home": HomeSitemap, "explainers": ExplainerSitemap}
