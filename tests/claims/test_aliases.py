"""The alias table: confirm, reject, add and change aliases, refusing duplicates and bad values."""
import pytest
from django.core.exceptions import ValidationError

from claims.models import Alias, AuditEntry
from claims.services.aliases import alias_add, alias_change, alias_confirm, alias_reject

pytestmark = pytest.mark.django_db


def test_alias_confirm_reject_and_add(imported_seeds, editor):
    alias = Alias.objects.create(explainer=imported_seeds, name="Vanya", person="Ivan")
    alias_confirm(alias=alias, user=editor)
    assert Alias.objects.get(pk=alias.pk).status == "confirmed"
    alias_reject(alias=alias, user=editor)
    assert Alias.objects.get(pk=alias.pk).status == "rejected"
    added = alias_add(explainer=imported_seeds, name="Ani", person="Anora", user=editor)
    assert added.status == "confirmed" and added.created_by == editor
    with pytest.raises(ValidationError, match="already in the alias table"):
        alias_add(explainer=imported_seeds, name="ani", person="Anora", user=editor)
    assert list(AuditEntry.objects.filter(verb__startswith="alias").values_list("verb", flat=True)) == [
        "alias added", "alias rejected", "alias confirmed"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "ani"}, "already in the alias table"),
        ({"name": "  "}, "Give both"),
        ({"person": ""}, "Give both"),
        ({"status": "maybe"}, "Unknown alias status"),
        ({"name": "V" * 201}, "at most 200 characters"),
        ({"person": "vanya"}, "not an alias of itself"),
    ],
)
def test_alias_change_refuses_what_alias_add_refuses(imported_seeds, editor, change, message):
    alias_add(explainer=imported_seeds, name="Ani", person="Anora", user=editor)
    vanya = alias_add(explainer=imported_seeds, name="Vanya", person="Ivan", user=editor)
    fields = {"name": "Vanya", "person": "Ivan", "status": "confirmed", **change}
    with pytest.raises(ValidationError, match=message):
        alias_change(alias=vanya, user=editor, **fields)
    assert (Alias.objects.get(pk=vanya.pk).name, Alias.objects.get(pk=vanya.pk).person) == ("Vanya", "Ivan")


def test_a_row_an_editor_added_settles_the_name_whatever_its_case(imported_seeds, editor):
    from claims.services.consensus import consensus_build

    consensus_build(explainer=imported_seeds)
    proposed = list(Alias.objects.filter(explainer=imported_seeds).values_list("name", "person"))
    assert proposed, "the seeds propose aliases"
    Alias.objects.all().delete()
    name, person = proposed[0]
    alias_add(explainer=imported_seeds, name=name.lower(), person=person, user=editor, status="rejected")
    imported_seeds.articles.update(needs_extraction=True)
    consensus_build(explainer=imported_seeds)
    assert not Alias.objects.filter(name=name).exists(), "ruled out in lower case, not proposed again capitalised"
