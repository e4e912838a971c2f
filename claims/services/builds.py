"""Asking for a consensus build to run in the background."""
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from articles.models import Explainer
from claims.models import AuditEntry, ConsensusBuild
from claims.permissions import explainer_accessible

START_BUILD = "claims.add_consensusbuild"


def consensus_build_enqueue(*, explainer: Explainer, user: AbstractBaseUser | None) -> ConsensusBuild:
    """Create a queued build for ``explainer`` and hand it to the task worker once this transaction commits.

    ``user`` needs the "add consensus build" permission and access to the explainer (``None`` is the command
    line, trusted). Refuses when
    a build of this explainer is already queued or running, unless that one is stale (its worker stopped),
    in which case the stale one is marked failed and a new one queued.
    """
    if user is not None and not (user.has_perm(START_BUILD) and explainer_accessible(user, explainer)):
        raise PermissionDenied(
            _("Only editors working on “%(explainer)s” can start its consensus build.") % {"explainer": explainer}
        )
    active_now = ConsensusBuild.objects.filter(
        explainer=explainer, status__in=[ConsensusBuild.Status.QUEUED, ConsensusBuild.Status.RUNNING])
    # Checked first without a lock: a running build's row stays locked by its own transaction (it records its
    # progress there) until it ends, and the request would wait all that time only to be refused.
    _refuse_if_active(explainer, active_now.first())
    try:
        with transaction.atomic():
            active = active_now.select_for_update().first()
            if active is not None:
                _refuse_if_active(explainer, active)
                active.fail(error=_("Abandoned: no worker finished it within an hour. Is `manage.py db_worker` running?"))
            build = ConsensusBuild.objects.create(explainer=explainer, requested_by=user)
            AuditEntry.objects.create(
                explainer=explainer, actor=user, verb="consensus build requested", data={"build": build.pk}
            )
            transaction.on_commit(lambda: _hand_to_worker(build))
    except IntegrityError:
        # Another request queued one between our check and our insert.
        raise ValidationError(
            _("A consensus build of “%(explainer)s” was just requested by someone else.") % {"explainer": explainer}
        ) from None
    return build


def _refuse_if_active(explainer: Explainer, active: ConsensusBuild | None) -> None:
    if active is not None and not active.is_stale:
        raise ValidationError(
            _("A consensus build of “%(explainer)s” is already %(status)s (requested %(when)s); wait for it to finish.")
            % {"explainer": explainer, "status": active.get_status_display().lower(),
               "when": f"{active.created_at:%Y-%m-%d %H:%M} UTC"}
        )


def _hand_to_worker(build: ConsensusBuild) -> None:
    from claims.tasks import consensus_build_task

    try:
        result = consensus_build_task.enqueue(build.pk)
    except Exception as error:
        build.refresh_from_db()
        if build.is_active:
            build.fail(error=error)
        raise
    ConsensusBuild.objects.filter(pk=build.pk).update(task_id=result.id)
