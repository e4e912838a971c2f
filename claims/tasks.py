"""Background jobs, run by ``manage.py db_worker`` (django-tasks-db) in production and at once in tests."""
from django.db import transaction
from django.tasks import task

from claims.models import ConsensusBuild


@task
def consensus_build_task(build_id: int) -> str:
    """Carry out a queued :class:`ConsensusBuild`, recording progress and how it ended on the row.

    A build that is no longer queued (already run, or given up as abandoned) is left alone. A failure is
    recorded on the row and raised again, so the worker's own task log shows it too.
    """
    from claims.services.consensus import consensus_build

    with transaction.atomic():
        build = ConsensusBuild.objects.select_for_update().select_related("explainer").get(pk=build_id)
        if build.status != ConsensusBuild.Status.QUEUED:
            return f"skipped: build {build_id} is {build.status}"
        build.start()
    try:
        summary = consensus_build(explainer=build.explainer, progress=build.progress_record)
    except Exception as error:
        build.fail(error=error)
        raise
    build.succeed(summary=str(summary))
    return str(summary)
