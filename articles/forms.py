"""The upload form editors use to add source articles to an explainer."""
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .cleaning.inline import without_overrides
from .models import EXPLAINER_SLUG, EXPLAINER_SLUG_RULE, Article, Explainer, FormerSlug


class PlainTextField(forms.CharField):
    """Text an editor types that readers see as typed (a title, a note): as ``CharField``, less bidirectional
    overrides, which would make it, and what follows it on the page, display reversed."""

    def to_python(self, value):
        value = super().to_python(value)
        return without_overrides(value) if isinstance(value, str) else value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked like a single file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.md,.html,.htm"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = list(data) if isinstance(data, (list, tuple)) else [data] if data else []
        if not items:
            return [super().clean(data, initial)] if self.required else []
        return [item if _empty_upload(item) else super(MultipleFileField, self).clean(item, initial) for item in items]


def _empty_upload(item) -> bool:
    """A named file of 0 bytes. It is passed on rather than refused by the field (which would refuse the whole
    upload): the import refuses it with its own line in the report, and the other files still go in."""
    return bool(getattr(item, "name", None)) and getattr(item, "size", None) == 0


class ArticleUploadForm(forms.Form):
    explainer = forms.ModelChoiceField(
        queryset=Explainer.objects.none(), required=False, label=_("Explainer"),
        help_text=_("Add the files to this explainer, or leave it empty and give a new explainer's slug and title."),
    )
    slug = forms.CharField(
        label=_("New explainer's slug"), required=False, max_length=100,
        help_text=_("Lower-case letters, digits and hyphens; used in the public address."),
        validators=[RegexValidator(EXPLAINER_SLUG, capfirst(EXPLAINER_SLUG_RULE) + ".")],
    )
    title = PlainTextField(label=_("New explainer's title"), required=False, max_length=300)
    files = MultipleFileField(
        label=_("Article files"),
        help_text=_("Plain text, Markdown or HTML files. A file already imported with the same content is skipped; "
                    "changed content replaces the old text, which is kept as an earlier version."),
    )

    def __init__(self, *args, explainers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["explainer"].queryset = explainers if explainers is not None else Explainer.objects.all()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("explainer") and not cleaned.get("slug") and "slug" not in self.errors:
            raise ValidationError(_("Choose an explainer, or give a slug and title for a new one."))
        if cleaned.get("explainer") and cleaned.get("slug"):
            raise ValidationError(_("Choose an explainer or create a new one, not both."))
        slug = cleaned.get("slug")
        if slug and Explainer.objects.filter(slug=slug).exists():
            self.add_error("slug", _("An explainer with this slug exists already: choose it in the Explainer field, "
                                     "or give the new one another slug."))
        elif slug and FormerSlug.objects.filter(slug=slug).exists():  # named by neither title nor new address:
            # the explainer may be restricted to others
            self.add_error("slug", _("This was an explainer's address before it was renamed, and links to it still "
                                     "go there: give the new one another slug."))
        elif slug and not (cleaned.get("title") or "").strip():
            self.add_error("title", _("Give a title for the new explainer."))
        return cleaned


class ArticleDetailsForm(forms.ModelForm):
    """What the import recovered about a source, for an editor to correct; ``seen`` carries the article's
    ``updated_at`` as the form was shown, so a save over someone else's change is refused."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = list(Article.DETAIL_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["seen"] = self.instance.updated_at.isoformat()

    def clean_url(self) -> str:
        return without_overrides(self.cleaned_data.get("url") or "")

    @property
    def changed_data(self) -> list[str]:
        """The details changed, for the page's history ("Changed Publisher and Author."): ``seen`` is the form's
        own bookkeeping, never a change."""
        return [name for name in super().changed_data if name != "seen"]


class ExplainerForm(forms.ModelForm):
    """An explainer's address and who works on it. A new slug must follow the one rule and must not be an address
    another explainer has had (links to it go there); the rename itself is ``explainer_rename``'s."""

    # A plain text field: the model's slug field would first answer with Django's own rule (underscores allowed).
    slug = forms.CharField(
        label=_("Slug"), max_length=100, widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text=_("Its public address: lower-case letters, digits and hyphens. Changing it keeps the old address "
                    "working: readers who follow an old link are sent on to the new one."),
        error_messages={"unique": _("Another explainer has this address already. Choose another.")},
    )
    shown_slug = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Explainer
        fields = ["title", "slug", "restricted", "editors"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown_slug"].initial = self.instance.slug

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("shown_slug") != self.instance.slug:
            raise ValidationError(_("Someone renamed this explainer to “%(slug)s” since you opened it; nothing was "
                                    "saved. Look at it again and redo your change.") % {"slug": self.instance.slug})
        return cleaned

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug == self.instance.slug and self.instance.pk:
            return slug  # one made before the rule keeps its address
        if not EXPLAINER_SLUG.fullmatch(slug):
            raise ValidationError(capfirst(EXPLAINER_SLUG_RULE) + ".")
        former = FormerSlug.objects.filter(slug=slug)
        if self.instance.pk:
            former = former.exclude(explainer=self.instance)
        if former.exists():
            raise ValidationError(_("This address was another explainer's; links to it must keep going there. "
                                    "Choose another."))
        return slug
