"""Explainers and the source articles gathered for them."""
import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .cleaning import UNRESTORABLE
from .cleaning.inline import INVISIBLE


def invisible_shown(text: str) -> str:
    """``text`` with each invisible formatting character written as its code point ("[U+202E]"): on a page it
    would show as nothing, or, as a bidirectional override, reverse what follows it."""
    return INVISIBLE.sub(lambda m: "".join(f"[U+{ord(ch):04X}]" for ch in m.group()), text)


# What a new explainer's slug may be: lower-case letters and digits in words joined by single hyphens. (Django's
# slugs also allow underscores and capitals; the public address reads better without, and the upload form, the
# command line and their messages agree on one rule.)
EXPLAINER_SLUG = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
EXPLAINER_SLUG_RULE = _("use lower-case letters, digits and single hyphens only, such as “film-ending-explained”")


class Explainer(models.Model):
    """A topic that sources are gathered for, and that editors turn into a published explainer."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("Used in the public address."))
    title = models.CharField(_("title"), max_length=300)
    restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Only the editors listed below (and chief editors) can see this explainer's drafts."),
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_explainers", verbose_name=_("editors")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        permissions = [("access_restricted", _("Can work on every restricted explainer"))]
        verbose_name = _("explainer")
        verbose_name_plural = _("explainers")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("site:explainer", kwargs={"slug": self.slug})


class FormerSlug(models.Model):
    """An address an explainer had before it was renamed: its public pages there send readers on, permanently."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    explainer = models.ForeignKey(Explainer, on_delete=models.CASCADE, related_name="former_slugs")
    renamed_at = models.DateTimeField(_("renamed"), auto_now_add=True)

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")

    def __str__(self) -> str:
        return self.slug


class ArticleFormat(models.TextChoices):
    TEXT = "text", _("Plain text")
    MARKDOWN = "markdown", _("Markdown")
    HTML = "html", _("HTML")


class Article(models.Model):
    """One source article: the raw text exactly as received, and a cleaned copy for the pipeline."""

    # What the import recovers about a source and an editor may correct (``article_details_edit``).
    DETAIL_FIELDS = ("title", "publisher", "author", "url", "published")

    Format = ArticleFormat

    explainer = models.ForeignKey(Explainer, on_delete=models.CASCADE, related_name="articles")
    origin = models.CharField(
        _("origin"), max_length=500, help_text=_("The file name it was imported from, or “upload”.")
    )
    raw_text = models.TextField(_("raw text"), help_text=_("Exactly as received. Never modified."))
    body = models.TextField(_("cleaned body"), blank=True, help_text=_("The raw text with page noise removed."))
    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    author = models.CharField(_("author"), max_length=300, blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    published = models.DateField(_("published"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=ArticleFormat.choices, default=ArticleFormat.TEXT)
    content_hash = models.CharField(_("content hash"), max_length=64, help_text=_("SHA-256 of the raw text."))
    encoding = models.CharField(_("encoding"), max_length=40, default="utf-8")
    import_note = models.CharField(_("import note"), max_length=500, blank=True)
    needs_extraction = models.BooleanField(
        _("needs claim extraction"),
        default=True,
        help_text=_("Set when the body changed; the next consensus build re-reads this article."),
    )
    corrected = models.JSONField(
        _("corrected details"), default=list, blank=True,
        help_text=_("The details an editor corrected (title, publisher…); a re-import keeps them."),
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["explainer", "origin"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["explainer", "origin"], name="article_unique_origin_per_explainer"),
        ]

    def __str__(self) -> str:
        return self.title or self.origin

    @property
    def display_name(self) -> str:
        """The name readers see for the source: its publisher, else its title, else its opening words.

        A file name means nothing to a reader, so it is the last resort (editors can set a title in admin).
        """
        if self.publisher or self.title:
            return self.publisher or self.title
        words = self.body.split()
        if words:
            opening = " ".join(words[:8])
            return f"“{opening}…”" if len(words) > 8 else f"“{opening}”"
        return self.origin


class ArticleVersion(models.Model):
    """A raw text that an article held before a re-import replaced it; kept so nothing is lost."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    raw_text = models.TextField(_("raw text"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    imported_at = models.DateTimeField(_("originally imported"))
    replaced_at = models.DateTimeField(_("replaced"), auto_now_add=True)

    class Meta:
        ordering = ["article", "-replaced_at"]
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")

    def __str__(self) -> str:
        return _("Text imported %(imported)s, replaced %(replaced)s") % {
            "imported": formats.date_format(timezone.localtime(self.imported_at), "DATETIME_FORMAT"),
            "replaced": formats.date_format(timezone.localtime(self.replaced_at), "DATETIME_FORMAT"),
        }


class RemovedFragment(models.Model):
    """A piece of page noise the cleaner removed, with where it stood in the raw text and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="removed_fragments")
    start = models.PositiveIntegerField(_("start"), help_text=_("Character offset in the raw text."))
    end = models.PositiveIntegerField(_("end"))
    text = models.TextField(_("text"))
    reason = models.CharField(_("reason"), max_length=200)
    restored = models.BooleanField(
        _("restored"), default=False, help_text=_("An editor put this fragment back into the cleaned body.")
    )

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("removed fragment")
        verbose_name_plural = _("removed fragments")
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="fragment_unique_span"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="fragment_span_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.reason}: {self.shown_text[:60]}"

    @property
    def shown_text(self) -> str:
        """The text as an editor should see it (``invisible_shown``)."""
        return invisible_shown(self.text)

    @property
    def restorable(self) -> bool:
        """Whether an editor may put it back into the body: not an invisible formatting character
        (``cleaning.UNRESTORABLE``)."""
        return self.reason not in UNRESTORABLE
