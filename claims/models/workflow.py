"""The explainer's editable draft, its sections, and the immutable revisions that publishing stores."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from articles.models import Explainer


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class Draft(models.Model):
    """The working copy of an explainer: introduction, sections and workflow state."""

    explainer = models.OneToOneField(Explainer, on_delete=models.CASCADE, related_name="draft")
    introduction = MarkdownxField(_("introduction"), blank=True)
    introduction_html = models.TextField(_("introduction (rendered)"), blank=True, editable=False)
    spoilers = models.BooleanField(_("contains spoilers"), default=True, help_text=_("Readers see a warning first."))
    status = models.CharField(_("status"), max_length=20, choices=DraftStatus.choices, default=DraftStatus.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submit_note = models.TextField(_("note to the reviewer"), blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    Status = DraftStatus

    class Meta:
        verbose_name = _("explainer draft")
        verbose_name_plural = _("explainer drafts")
        permissions = [
            ("submit_draft", _("Can compose an explainer and submit it for review")),
            ("publish_draft", _("Can publish an explainer or send it back to its editors")),
        ]

    def __str__(self) -> str:
        return str(self.explainer)


class Section(models.Model):
    """A named, ordered group of entries in the explainer."""

    explainer = models.ForeignKey(Explainer, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["explainer", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class Revision(models.Model):
    """What readers saw: a frozen copy of the explainer made at publishing. Never changes once saved."""

    explainer = models.ForeignKey(Explainer, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    introduction_html = models.TextField(_("introduction"), blank=True)
    content = models.JSONField(
        _("content"), help_text=_("Sections, entries, citations with spans, agreement counts, conflicts, sources.")
    )
    search_text = models.TextField(_("search text"), blank=True)
    change_summary = models.TextField(_("what changed"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["explainer", "-number"]
        get_latest_by = "number"
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [models.UniqueConstraint(fields=["explainer", "number"], name="revision_unique_number")]

    def __str__(self) -> str:
        return f"{self.title} — revision {self.number}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise ValidationError(_("A published revision cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A published revision cannot be deleted."))
