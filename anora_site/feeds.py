"""Atom feed of published explainers, newest first."""
import re

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from claims.markdown import sanitize_html
from claims.models import Revision

from . import selectors

# XML 1.0 allows no C0 control character but tab, newline and carriage return; one pasted into a title or an
# introduction would make the whole feed unserializable (a 500 for every reader).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


class ExplainerFeed(Feed):
    feed_type = Atom1Feed
    title = _("Explainers")
    subtitle = _("What the sources agree on, where they differ, and who says what.")
    link = reverse_lazy("site:home")

    def items(self) -> list[Revision]:
        return selectors.explainers_published()[:50]

    def item_title(self, item: Revision) -> str:
        return _xml_safe(item.title)

    def item_description(self, item: Revision) -> str:
        # Atom carries it as escaped HTML; feed readers render it, so it goes through the allow-list again.
        return _xml_safe(sanitize_html(item.introduction_html))

    def item_link(self, item: Revision) -> str:
        return item.explainer.get_absolute_url()

    def item_guid(self, item: Revision) -> str:
        return f"explainer:{item.explainer_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Revision):
        return item.first_published_at or item.published_at

    def item_updateddate(self, item: Revision):
        return item.published_at
