"""Forms the editors fill in: entry statements, conflict resolutions, the draft, workflow notes.

Each form that edits a row carries the row's ``version`` in a hidden field; the service refuses the save if
someone else saved the row in between, and ``clean()`` says so early, keeping what the editor typed.
"""
from django import forms
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import AdminMarkdownxWidget

from articles.forms import PlainTextField
from claims.markdown import markdown_length_check
from claims.models import Alias, Conflict, ConflictVariant, ConsensusEntry, Draft
from claims.services.locking import STALE_CONFLICT, STALE_DRAFT, STALE_ENTRY


class VersionedForm(forms.ModelForm):
    """A model form that remembers which version of the row the editor opened."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    stale_message = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("version")
        if self.instance.pk and opened is not None and opened != self.instance.version:
            raise forms.ValidationError(self.stale_message, code="stale")
        return cleaned


class EntryForm(VersionedForm):
    stale_message = STALE_ENTRY

    class Meta:
        model = ConsensusEntry
        fields = ["statement", "kind", "version"]
        widgets = {"statement": AdminMarkdownxWidget}
        help_texts = {
            "statement": _("What the explainer says, in markdown. The preview shows what readers will see. "
                           "Once you change it, rebuilding consensus keeps your wording."),
            "kind": _("Decides the default section: plot events under “What happens”, interpretations under "
                      "“What it means”, production facts under “Background facts”."),
        }

    def clean_statement(self) -> str:
        statement = self.cleaned_data["statement"]
        if statement != self.instance.statement:  # one already that long may keep it while its kind changes
            markdown_length_check(statement)
        return statement


class ConflictResolveForm(VersionedForm):
    stale_message = STALE_CONFLICT
    variant = forms.ModelChoiceField(
        queryset=ConflictVariant.objects.none(), required=False, widget=forms.RadioSelect,
        label=_("Correct variant"), empty_label=None,
        help_text=_("Pick the source that has it right, or leave this empty and write the correct value below."),
    )

    class Meta:
        model = Conflict
        fields = ["variant", "resolution", "resolution_note", "version"]
        help_texts = {
            "resolution": _("The settled value readers see. A source picked above sets it to that source's value "
                            "when you resolve; if none of the sources has it right, pick none and write it here."),
            "resolution_note": _("Shown to readers beside the conflict: how you know which is right."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["variant"].queryset = self.instance.variants.select_related("article")
            self.fields["variant"].label_from_instance = lambda v: f"{v.value} — {v.article.display_name}"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("variant") and not (cleaned.get("resolution") or "").strip():
            raise forms.ValidationError(_("Choose one of the variants or write the correct value."))
        return cleaned


class DraftForm(VersionedForm):
    stale_message = STALE_DRAFT
    title = PlainTextField(
        label=_("Title"), max_length=300, widget=forms.TextInput(attrs={"class": "vTextField", "size": 80}),
        help_text=_("The explainer's headline. Readers see a new title once the explainer is published again."),
    )

    class Meta:
        model = Draft
        fields = ["title", "introduction", "spoilers", "version"]
        widgets = {"introduction": AdminMarkdownxWidget}
        help_texts = {"introduction": _("A few sentences above the sections, in markdown.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["title"].initial = self.instance.explainer.title


class AliasForm(forms.ModelForm):
    """An alias row. One added by hand starts as confirmed; added as rejected, it keeps builds from proposing it."""

    class Meta:
        model = Alias
        fields = ["explainer", "name", "person", "status", "evidence"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "status" in self.fields:
            self.fields["status"].initial = Alias.Status.CONFIRMED


class NoteForm(forms.Form):
    """The note that goes with a workflow step into the audit log."""

    note = PlainTextField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
