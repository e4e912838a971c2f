"""The alias table: confirm, reject, add or correct which person a name in the sources refers to.

A change to an existing alias locks its row (``select_for_update``) instead of checking a version; every
change is audited.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from articles.locking import explainer_lock
from articles.models import Explainer
from claims import permissions
from claims.audit import Verb, audit_record
from claims.models import Alias


def _checked(name: str | None, person: str | None) -> tuple[str, str]:
    """The name and person of an alias row, trimmed, or a clear refusal."""
    name, person = (name or "").strip(), (person or "").strip()
    if not name or not person:
        raise ValidationError(_("Give both the name as sources write it and the person it refers to."))
    limit = Alias._meta.get_field("name").max_length
    if len(name) > limit or len(person) > Alias._meta.get_field("person").max_length:
        raise ValidationError(_("A name or person is at most %(limit)d characters.") % {"limit": limit})
    if name.casefold() == person.casefold():
        raise ValidationError(_("A name is not an alias of itself."))
    return name, person


def _status_checked(status: str) -> None:
    if status not in Alias.Status.values:
        raise ValidationError(_("Unknown alias status “%(status)s”.") % {"status": status})


@transaction.atomic
def alias_confirm(*, alias: Alias, user, note: str = "") -> Alias:
    """Confirm that a name refers to the person given."""
    permissions.require_review(user, alias.explainer)
    explainer_lock(alias.explainer_id)
    alias = Alias.objects.select_for_update().select_related("explainer").get(pk=alias.pk)
    if alias.status == Alias.Status.CONFIRMED:
        raise ValidationError(_("This alias is already confirmed."))
    alias.status = Alias.Status.CONFIRMED
    alias.save(update_fields=["status", "updated_at"])
    audit_record(explainer=alias.explainer, actor=user, verb=Verb.ALIAS_CONFIRMED, note=note,
                 data={"name": alias.name, "person": alias.person})
    return alias


@transaction.atomic
def alias_reject(*, alias: Alias, user, note: str = "") -> Alias:
    """Record that a name does not refer to the person given."""
    permissions.require_review(user, alias.explainer)
    explainer_lock(alias.explainer_id)
    alias = Alias.objects.select_for_update().select_related("explainer").get(pk=alias.pk)
    if alias.status == Alias.Status.REJECTED:
        raise ValidationError(_("This alias is already rejected."))
    alias.status = Alias.Status.REJECTED
    alias.save(update_fields=["status", "updated_at"])
    audit_record(explainer=alias.explainer, actor=user, verb=Verb.ALIAS_REJECTED, note=note,
                 data={"name": alias.name, "person": alias.person})
    return alias


@transaction.atomic
def alias_add(
    *, explainer: Explainer, name: str, person: str, user, evidence: str = "", note: str = "",
    status: str = Alias.Status.CONFIRMED,
) -> Alias:
    """Add an alias by hand: confirmed by default; added as rejected, it keeps builds from proposing it."""
    permissions.require_review(user, explainer)
    explainer_lock(explainer.pk)
    name, person = _checked(name, person)
    _status_checked(status)
    if Alias.objects.filter(explainer=explainer, name__iexact=name).exists():
        raise ValidationError(_("“%(name)s” is already in the alias table; change that row instead.") % {"name": name})
    alias = Alias.objects.create(explainer=explainer, name=name, person=person, evidence=evidence,
                                 status=status, created_by=user)
    audit_record(explainer=explainer, actor=user, verb=Verb.ALIAS_ADDED, note=note,
                 data={"name": name, "person": person, "status": status})
    return alias


@transaction.atomic
def alias_change(*, alias: Alias, user, name: str, person: str, status: str, evidence: str = "", note: str = "") -> Alias:
    """Correct an alias row."""
    permissions.require_review(user, alias.explainer)
    explainer_lock(alias.explainer_id)
    current = Alias.objects.select_for_update().select_related("explainer").get(pk=alias.pk)
    name, person = _checked(name, person)
    _status_checked(status)
    if Alias.objects.filter(explainer=current.explainer, name__iexact=name).exclude(pk=current.pk).exists():
        raise ValidationError(_("“%(name)s” is already in the alias table; change that row instead.") % {"name": name})
    old = {"name": current.name, "person": current.person, "status": current.status}
    current.name, current.person, current.status, current.evidence = name, person, status, evidence or ""
    current.save()
    audit_record(explainer=current.explainer, actor=user, verb=Verb.ALIAS_CHANGED, note=note,
                 data={"old": old, "new": {"name": current.name, "person": current.person, "status": current.status}})
    return current
