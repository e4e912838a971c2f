"""Consensus entries (the same point made by several sources) and conflicts (where sources disagree)."""

from django.conf import settings
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from articles.models import Article, Explainer
from claims.markdown import plain_text

from .claims import Claim, ClaimKind


class EntryStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ConsensusEntry(models.Model):
    """A canonical statement and the claims, from one or more sources, that support it."""

    explainer = models.ForeignKey(Explainer, on_delete=models.CASCADE, related_name="entries")
    statement = MarkdownxField(_("statement"), help_text=_("What the explainer says, in markdown."))
    statement_html = models.TextField(_("statement (rendered)"), blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=ClaimKind.choices, default=ClaimKind.OTHER)
    claims = models.ManyToManyField(Claim, through="EntryClaim", related_name="entries", blank=True)
    support = models.PositiveIntegerField(_("sources"), default=0, help_text=_("Distinct sources that support it."))
    status = models.CharField(_("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.PROPOSED)
    statement_edited = models.BooleanField(
        _("statement edited"), default=False, help_text=_("An editor rewrote the statement; rebuilds keep it.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    section = models.ForeignKey(
        "claims.Section", null=True, blank=True, on_delete=models.SET_NULL, related_name="entries"
    )
    version = models.PositiveIntegerField(_("version"), default=1, help_text=_("Raised on every save."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    Status = EntryStatus

    class Meta:
        ordering = ["explainer", "position", "id"]
        verbose_name = _("consensus entry")
        verbose_name_plural = _("consensus entries")
        permissions = [
            ("review_entry", _("Can review consensus: approve, reject, edit, merge and split entries, resolve conflicts, manage aliases")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=EntryStatus.values), name="entry_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return Truncator(self.plain_statement).chars(80)

    @property
    def plain_statement(self) -> str:
        """The statement as readers read it, without markdown ("**crack**" is "crack"), for titles and messages."""
        if not self.statement_html:
            return self.statement
        return plain_text(self.statement_html)

    @property
    def is_decided(self) -> bool:
        """True when an editor has touched it, so rebuilds must keep its statement and status."""
        return self.status != EntryStatus.PROPOSED or self.statement_edited


class EntryClaim(models.Model):
    """A claim supporting an entry, with how closely it matched."""

    entry = models.ForeignKey(ConsensusEntry, on_delete=models.CASCADE, related_name="supports")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="supports")
    score = models.FloatField(_("match score"), default=1.0)
    pinned = models.BooleanField(
        _("pinned by an editor"), default=False, help_text=_("Attached or moved by hand; rebuilds keep it here.")
    )

    class Meta:
        ordering = ["entry", "claim__article_id", "claim__start"]
        constraints = [models.UniqueConstraint(fields=["entry", "claim"], name="entryclaim_unique")]


class ConflictStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class ConflictKind(models.TextChoices):
    NAME = "name", _("Different names")
    NUMBER = "number", _("Different numbers")
    DATE = "date", _("Different dates")
    CONTRADICTION = "contradiction", _("Contradiction")


class Conflict(models.Model):
    """A point where sources disagree, with each source's variant."""

    explainer = models.ForeignKey(Explainer, on_delete=models.CASCADE, related_name="conflicts")
    entry = models.ForeignKey(
        ConsensusEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="conflicts"
    )
    about = models.CharField(_("about"), max_length=500, help_text=_("What the sources disagree on."))
    kind = models.CharField(_("kind"), max_length=20, choices=ConflictKind.choices)
    key = models.CharField(_("key"), max_length=200, help_text=_("Identifies the conflict across rebuilds."))
    status = models.CharField(_("status"), max_length=20, choices=ConflictStatus.choices, default=ConflictStatus.OPEN)
    resolution = models.CharField(_("resolution"), max_length=500, blank=True, help_text=_("The correct value."))
    resolution_note = models.TextField(_("note for readers"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    Status = ConflictStatus
    Kind = ConflictKind

    class Meta:
        ordering = ["explainer", "id"]
        verbose_name = _("conflict")
        verbose_name_plural = _("conflicts")
        constraints = [models.UniqueConstraint(fields=["explainer", "key"], name="conflict_unique_key")]

    def __str__(self) -> str:
        return self.about


class ConflictVariant(models.Model):
    """One source's side of a conflict: the value it gives and the passage that gives it."""

    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="variants")
    value = models.CharField(_("value"), max_length=300)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    text = models.TextField(_("passage"))

    class Meta:
        ordering = ["conflict", "article_id", "start"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")

    def __str__(self) -> str:
        return self.value
