"""Atom feed of published explainers, newest first."""
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from claims.markdown import sanitize_html
from claims.models import Revision

from . import selectors


class ExplainerFeed(Feed):
    feed_type = Atom1Feed
    title = _("Explainers")
    subtitle = _("What the sources agree on, where they differ, and who says what.")
    link = reverse_lazy("site:home")

    def items(self) -> list[Revision]:
        return selectors.explainers_published()[:50]

    def item_title(self, item: Revision) -> str:
        return item.title

    def item_description(self, item: Revision) -> str:
        # Atom carries it as escaped HTML; feed readers render it, so it goes through the allow-list again.
        return sanitize_html(item.introduction_html)

    def item_link(self, item: Revision) -> str:
        return item.explainer.get_absolute_url()

    def item_guid(self, item: Revision) -> str:
        return f"explainer:{item.explainer_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Revision):
        return item.first_published_at or item.published_at

    def item_updateddate(self, item: Revision):
        return item.published_at
