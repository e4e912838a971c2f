"""The audit log: who did what, when, with which note."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Explainer


class AuditEntry(models.Model):
    """One recorded action on an explainer or one of its entries or conflicts."""

    explainer = models.ForeignKey(Explainer, on_delete=models.CASCADE, related_name="audit_entries")
    entry = models.ForeignKey(
        "claims.ConsensusEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    conflict = models.ForeignKey(
        "claims.Conflict", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    verb = models.CharField(_("action"), max_length=40)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False, help_text=_("Done by the scripted local demo."))
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.verb}"
