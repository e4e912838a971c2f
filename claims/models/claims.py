"""Claims extracted from one article, and the explainer's table of people and their aliases."""
from django.conf import settings
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Explainer


class ClaimKind(models.TextChoices):
    PLOT = "plot", _("Plot event")
    INTERPRETATION = "interpretation", _("Interpretation")
    PRODUCTION = "production", _("Production fact")
    OTHER = "other", _("Other")


class Claim(models.Model):
    """One atomic statement from one article: ``article.body[start:end] == text``."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    text = models.TextField(_("text"))
    sentence_start = models.PositiveIntegerField(_("sentence start"), help_text=_("The sentence the claim sits in."))
    sentence_end = models.PositiveIntegerField(_("sentence end"))
    kind = models.CharField(_("kind"), max_length=20, choices=ClaimKind.choices, default=ClaimKind.OTHER)
    people = models.JSONField(_("people mentioned"), default=list, blank=True)

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="claim_span_not_empty"),
        ]

    def __str__(self) -> str:
        return Truncator(self.text).chars(80)


class AliasStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class Alias(models.Model):
    """One name that a person goes by in this explainer's sources, e.g. “Bill” for “William”."""

    explainer = models.ForeignKey(Explainer, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200, help_text=_("The name as a source writes it."))
    person = models.CharField(_("person"), max_length=200, help_text=_("The name the explainer uses for them."))
    status = models.CharField(_("status"), max_length=20, choices=AliasStatus.choices, default=AliasStatus.PROPOSED)
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("The passage the proposal came from."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    Status = AliasStatus

    class Meta:
        ordering = ["explainer", "person", "name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(fields=["explainer", "name"], name="alias_unique_name_per_explainer"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.person}"
