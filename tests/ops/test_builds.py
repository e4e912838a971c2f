"""Consensus builds in the background: queued on commit, run by the task backend, outcome kept on the row."""
import json
from contextlib import suppress
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from articles.models import Explainer
from claims.models import AuditEntry, Claim, ConsensusBuild
from claims.services.builds import consensus_build_enqueue

from .conftest import run_manage

Status = ConsensusBuild.Status


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def reader(db):
    """Staff who may look at builds but not start them."""
    user = get_user_model().objects.create_user("reader", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_consensusbuild"))
    return user


def enqueue_and_commit(capture, **kwargs) -> ConsensusBuild:
    with capture(execute=True):
        build = consensus_build_enqueue(**kwargs)
    build.refresh_from_db()
    return build


def test_build_of_imported_sources_runs_and_ends_succeeded(imported_seeds, editor, django_capture_on_commit_callbacks):
    build = enqueue_and_commit(django_capture_on_commit_callbacks, explainer=imported_seeds, user=editor)

    assert build.status == Status.SUCCEEDED
    assert build.progress == 100
    assert "3 article(s) read" in build.message
    assert build.error == ""
    assert build.started_at <= build.finished_at
    assert build.task_id
    assert Claim.objects.filter(article__explainer=imported_seeds).exists()
    assert list(AuditEntry.objects.filter(explainer=imported_seeds, verb__startswith="consensus").values_list("verb", flat=True)) == [
        "consensus build succeeded", "consensus build requested"]


def test_build_the_editor_can_fix_records_failed_with_a_plain_reason(explainer, editor, django_capture_on_commit_callbacks):
    build = enqueue_and_commit(django_capture_on_commit_callbacks, explainer=explainer, user=editor)

    assert build.status == Status.FAILED
    assert "has no articles yet" in build.error
    assert "Traceback" not in build.error
    assert build.message.startswith("Failed: ")
    assert build.finished_at is not None


def test_build_that_crashes_records_failed_with_the_error_and_traceback(
    imported_seeds, editor, django_capture_on_commit_callbacks, monkeypatch
):
    def crash(*, explainer, progress=None):
        progress(0, 4, "Extracting claims")
        Claim.objects.create(article=explainer.articles.first(), start=0, end=1, text="x", sentence_start=0,
                             sentence_end=1)
        raise RuntimeError("similarity backend fell over")

    monkeypatch.setattr("claims.services.consensus.consensus_build", crash)
    build = enqueue_and_commit(django_capture_on_commit_callbacks, explainer=imported_seeds, user=editor)

    assert build.status == Status.FAILED
    assert build.error.startswith("RuntimeError: similarity backend fell over")
    assert "Traceback (most recent call last)" in build.error
    assert build.message == "Failed: RuntimeError: similarity backend fell over"


def test_progress_is_visible_to_other_requests_while_the_build_runs(
    imported_seeds, editor, django_capture_on_commit_callbacks, monkeypatch
):
    seen = []

    def slow_build(*, explainer, progress=None):
        with transaction.atomic():
            progress(1, 4, "Matching claims across sources")
            seen.append(ConsensusBuild.objects.get(explainer=explainer).live_progress)
        return "done"

    monkeypatch.setattr("claims.services.consensus.consensus_build", slow_build)
    build = enqueue_and_commit(django_capture_on_commit_callbacks, explainer=imported_seeds, user=editor)

    assert seen == [(25, "Matching claims across sources")]
    assert (build.status, build.progress, build.message) == (Status.SUCCEEDED, 100, "done")


def test_build_is_handed_to_the_worker_only_when_the_request_commits(
    imported_seeds, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        build = consensus_build_enqueue(explainer=imported_seeds, user=editor)
        build.refresh_from_db()
        assert build.status == Status.QUEUED
    assert len(callbacks) == 1


def test_build_is_not_handed_to_the_worker_when_the_request_rolls_back(
    imported_seeds, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with suppress(RuntimeError), transaction.atomic():
            consensus_build_enqueue(explainer=imported_seeds, user=editor)
            raise RuntimeError("the request failed after asking")
    assert callbacks == []
    assert not ConsensusBuild.objects.exists()


def test_second_request_while_one_is_queued_is_refused(imported_seeds, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        consensus_build_enqueue(explainer=imported_seeds, user=editor)
        with pytest.raises(ValidationError, match="already queued"):
            consensus_build_enqueue(explainer=imported_seeds, user=editor)


def test_request_replaces_a_build_whose_worker_stopped(imported_seeds, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        stuck = consensus_build_enqueue(explainer=imported_seeds, user=editor)
    ConsensusBuild.objects.filter(pk=stuck.pk).update(
        created_at=stuck.created_at - ConsensusBuild.STALE_AFTER - timedelta(minutes=1)
    )

    fresh = enqueue_and_commit(django_capture_on_commit_callbacks, explainer=imported_seeds, user=editor)

    stuck.refresh_from_db()
    assert stuck.status == Status.FAILED and "Abandoned" in stuck.error
    assert fresh.status == Status.SUCCEEDED


def test_staff_without_the_build_permission_cannot_start_one(imported_seeds, reader):
    with pytest.raises(PermissionDenied):
        consensus_build_enqueue(explainer=imported_seeds, user=reader)
    assert not ConsensusBuild.objects.exists()


def test_restricted_explainer_cannot_be_built_by_an_editor_not_on_it(imported_seeds, editor):
    Explainer.objects.filter(pk=imported_seeds.pk).update(restricted=True)
    imported_seeds.refresh_from_db()
    with pytest.raises(PermissionDenied):
        consensus_build_enqueue(explainer=imported_seeds, user=editor)


def test_editor_starts_a_build_from_the_admin_and_sees_how_it_ended(
    client, imported_seeds, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    changelist = reverse("admin:claims_consensusbuild_changelist")
    page = client.get(changelist)
    assert "Build consensus now" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:claims_consensusbuild_start"), {"explainer": imported_seeds.pk})

    assert response.status_code == 302 and response.url == changelist
    page = client.get(changelist)
    assert "is queued" in page.text
    assert "Succeeded" in page.text and "100 %" in page.text and "3 article(s) read" in page.text
    queue = reverse("admin:claims_consensusentry_changelist")
    assert f'href="{queue}?explainer__id__exact={imported_seeds.pk}&amp;status__exact=proposed">Review queue' in page.text


def test_the_builds_list_reloads_itself_only_while_a_build_is_queued_or_running(client, imported_seeds, editor):
    client.force_login(editor)
    changelist = reverse("admin:claims_consensusbuild_changelist")
    assert 'http-equiv="refresh"' not in client.get(changelist).text
    build = ConsensusBuild.objects.create(explainer=imported_seeds, requested_by=editor)  # queued, no worker yet
    assert '<meta http-equiv="refresh" content="5">' in client.get(changelist).text
    ConsensusBuild.objects.filter(pk=build.pk).update(status="succeeded")
    assert 'http-equiv="refresh"' not in client.get(changelist).text


@pytest.mark.parametrize("chosen", ["abc", "999999", ""])
def test_a_build_link_naming_no_visible_explainer_still_shows_the_list(client, imported_seeds, editor, chosen):
    client.force_login(editor)
    if chosen == "":  # an explainer restricted to others is no more chosen than one that does not exist
        Explainer.objects.filter(pk=imported_seeds.pk).update(restricted=True)
        chosen = str(imported_seeds.pk)
    page = client.get(reverse("admin:claims_consensusbuild_changelist") + f"?build={chosen}")
    assert page.status_code == 200 and "Build consensus now" in page.text
    assert f'<option value="{imported_seeds.pk}" selected>' not in page.text


def test_failed_build_shows_its_error_on_its_admin_page(client, explainer, editor, django_capture_on_commit_callbacks):
    build = enqueue_and_commit(django_capture_on_commit_callbacks, explainer=explainer, user=editor)
    client.force_login(editor)

    page = client.get(reverse("admin:claims_consensusbuild_change", args=[build.pk]))

    assert page.status_code == 200
    assert "has no articles yet" in page.text


def test_build_button_is_refused_without_the_build_permission(client, imported_seeds, reader):
    client.force_login(reader)
    assert "Build consensus now" not in client.get(reverse("admin:claims_consensusbuild_changelist")).text

    response = client.post(reverse("admin:claims_consensusbuild_start"), {"explainer": imported_seeds.pk})

    assert response.status_code == 403
    assert not ConsensusBuild.objects.exists()


def test_build_button_only_answers_post(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:claims_consensusbuild_start")).status_code == 405


ENQUEUE = """
from articles.models import Explainer
from claims.services.builds import consensus_build_enqueue
consensus_build_enqueue(explainer=Explainer.objects.get(slug="anora-ending"), user=None)
"""
REPORT = """
import json
from claims.models import ConsensusBuild
from django_tasks_db.models import DBTaskResult
build = ConsensusBuild.objects.get()
print(json.dumps({"build": [build.status, build.progress, build.error],
                  "tasks": [[r.task_path, r.status] for r in DBTaskResult.objects.all()]}))
"""


def test_database_task_worker_runs_a_queued_build(separate_process_db, seed_paths):
    """The production path: the request queues the job in the database, ``db_worker`` picks it up."""
    env = {**separate_process_db, "DJANGO_SETTINGS_MODULE": "anora_site.settings.dev"}  # database task backend
    steps = [
        ("import_articles", *map(str, seed_paths), "--explainer", "anora-ending", "--title", "Anora"),
        ("shell", "-v0", "-c", ENQUEUE),
        ("db_worker", "--batch", "--no-startup-delay", "--no-reload"),
    ]
    for step in steps:
        result = run_manage(*step, env=env)
        assert result.returncode == 0, (step, result.stdout, result.stderr)

    report = json.loads(run_manage("shell", "-v0", "-c", REPORT, env=env).stdout)

    assert report["build"] == ["succeeded", 100, ""]
    assert report["tasks"] == [["claims.tasks.consensus_build_task", "SUCCESSFUL"]]
