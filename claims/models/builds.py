"""Consensus builds run in the background: who asked, how far it got, and how it ended."""
import traceback
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Explainer

from .audit import AuditEntry


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


ACTIVE_STATUSES = [BuildStatus.QUEUED, BuildStatus.RUNNING]


class ConsensusBuild(models.Model):
    """One request to rebuild an explainer's consensus, carried out by the task worker.

    The row moves queued → running → succeeded or failed, through one method per step. While a build runs,
    its live progress is also kept in the shared cache: the build writes inside one database transaction,
    which other processes cannot see until it ends.
    """

    explainer = models.ForeignKey(Explainer, on_delete=models.CASCADE, related_name="consensus_builds")
    status = models.CharField(_("status"), max_length=20, choices=BuildStatus.choices, default=BuildStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True, help_text=_("The step it is on, or its result."))
    error = models.TextField(_("error"), blank=True, help_text=_("Why the build failed, if it did."))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("requested by"),
    )
    task_id = models.CharField(_("task id"), max_length=64, blank=True, help_text=_("The worker's id for the job."))
    created_at = models.DateTimeField(_("requested"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    Status = BuildStatus
    # A build queued or running for longer than this is taken to be abandoned (its worker stopped).
    STALE_AFTER = timedelta(hours=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("consensus build")
        verbose_name_plural = _("consensus builds")
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=BuildStatus.values), name="build_status_valid"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="build_progress_at_most_100"),
            models.UniqueConstraint(
                fields=["explainer"], condition=models.Q(status__in=ACTIVE_STATUSES),
                name="build_one_active_per_explainer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.explainer} — {self.get_status_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_stale(self) -> bool:
        return self.is_active and timezone.now() - (self.started_at or self.created_at) > self.STALE_AFTER

    @property
    def live_progress(self) -> tuple[int, str]:
        """Progress and message as the worker last reported them, even mid-transaction."""
        if self.status == BuildStatus.RUNNING:
            live = cache.get(self._cache_key)
            if live is not None:
                return live
        return self.progress, self.message

    @property
    def _cache_key(self) -> str:
        return f"consensus-build:{self.pk}:progress"

    def start(self) -> None:
        if self.status != BuildStatus.QUEUED:
            raise ValidationError(_("Only a queued build can start; this one is %(status)s.") % {"status": self.status})
        self.status = BuildStatus.RUNNING
        self.started_at = timezone.now()
        self.progress, self.message = 0, str(_("Started"))
        self.save(update_fields=["status", "started_at", "progress", "message"])

    def progress_record(self, done: int, total: int, message: str) -> None:
        """Note how far the build got; callable from inside the build's transaction."""
        self.progress = max(0, min(100, round(100 * done / total) if total else 0))
        self.message = message[:500]
        cache.set(self._cache_key, (self.progress, self.message), timeout=int(self.STALE_AFTER.total_seconds()))
        type(self).objects.filter(pk=self.pk).update(progress=self.progress, message=self.message)

    def succeed(self, *, summary: str) -> None:
        if self.status != BuildStatus.RUNNING:
            raise ValidationError(_("Only a running build can succeed; this one is %(status)s.") % {"status": self.status})
        self.status = BuildStatus.SUCCEEDED
        self.progress, self.message = 100, summary[:500]
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "progress", "message", "finished_at"])
        self._audit("consensus build succeeded", self.message)
        cache.delete(self._cache_key)

    def fail(self, *, error: BaseException | str) -> None:
        """Record why the build stopped. A ``ValidationError`` is the editor's to fix and is kept short."""
        if not self.is_active:
            raise ValidationError(_("This build already ended: %(status)s.") % {"status": self.status})
        if isinstance(error, ValidationError):
            text = " ".join(error.messages)
        elif isinstance(error, BaseException):
            text = f"{type(error).__name__}: {error}\n\n" + "".join(traceback.format_exception(error))
        else:
            text = error
        self.status = BuildStatus.FAILED
        self.error = text
        self.message = str(_("Failed: %(reason)s") % {"reason": text.splitlines()[0] if text else ""})[:500]
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "error", "message", "finished_at"])
        self._audit("consensus build failed", self.message)
        cache.delete(self._cache_key)

    def _audit(self, verb: str, note: str) -> None:
        AuditEntry.objects.create(
            explainer_id=self.explainer_id, actor_id=self.requested_by_id, verb=verb, note=note,
            data={"build": self.pk},
        )
