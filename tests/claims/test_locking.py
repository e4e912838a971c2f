"""Optimistic locking: a versioned save only wins if nobody saved the row since it was read."""
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection

from articles.locking import EXPLAINER_BUSY
from articles.models import Article, Explainer
from articles.services import files_import
from claims.models import ConsensusEntry
from claims.services.consensus import consensus_build
from claims.services.locking import STALE_ENTRY, save_versioned
from claims.services.review import entry_approve
from tests.conftest import DATA_DIR


@pytest.mark.django_db
def test_the_conditional_update_refuses_a_save_that_lost_the_race(entries, editor):
    """Even when the version check passed on read, the UPDATE only wins if the row is still at that version."""
    stale = ConsensusEntry.objects.get(pk=entries[0].pk)
    ConsensusEntry.objects.filter(pk=stale.pk).update(version=5)
    with pytest.raises(ValidationError, match="changed by someone else"):
        save_versioned(stale, stale=STALE_ENTRY, statement="lost")
    assert ConsensusEntry.objects.get(pk=stale.pk).statement.startswith("Anora marries")


# The explainer's write lock (articles/locking.py): a consensus build and editors' changes meet in one order.

_postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL-only: SQLite has no row locks; its IMMEDIATE transactions already queue writers",
)


def _dev_topic_half_built(slug: str):
    """An explainer built from three bridge-closure articles, with two more imported since (so the next build
    regroups entries); returns it and its proposed entries."""
    paths = sorted((DATA_DIR / "eval" / "dev" / "adela_bridge").glob("*.txt"))
    explainer = Explainer.objects.create(slug=slug, title=slug)
    files_import(explainer=explainer, paths=[str(p) for p in paths[:3]])
    consensus_build(explainer=explainer)
    files_import(explainer=explainer, paths=[str(p) for p in paths[3:]])
    return explainer, list(ConsensusEntry.objects.filter(explainer=explainer, status="proposed").order_by("position"))


def _during_a_build(explainer, action, *, hold: float):
    """Run ``action`` in another thread while a consensus build holds the explainer's lock for ``hold`` seconds;
    returns (what the build raised, what the action returned or raised)."""
    inside, outcome = threading.Event(), {}

    def progress(done, total, message):
        if not inside.is_set():
            inside.set()
            time.sleep(hold)

    def build():
        try:
            consensus_build(explainer=Explainer.objects.get(pk=explainer.pk), progress=progress)
        except Exception as error:  # noqa: BLE001 - reported, and asserted to be None
            outcome["build"] = error
        finally:
            connection.close()

    def act():
        inside.wait(30)
        try:
            outcome["action"] = action()
        except Exception as error:  # noqa: BLE001 - the test looks at which kind it is
            outcome["action"] = error
        finally:
            connection.close()

    _together(build, act)
    return outcome.get("build"), outcome.get("action")


def _together(*jobs) -> None:
    """Run ``jobs`` in threads of their own (each with its own database connection) and wait for all of them."""
    threads = [threading.Thread(target=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)


@_postgres_only
@pytest.mark.django_db(transaction=True)
def test_approving_while_a_build_runs_waits_for_it_instead_of_deadlocking(settings):
    """The build used to lose with "deadlock detected": the approval locked the entry, then waited on the
    explainer (its audit row) while the build held the explainer and wanted the entry."""
    settings.CONSENSUS_BACKEND = "lexical"
    explainer, proposed = _dev_topic_half_built("bridge")
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")

    def approve_five():
        results = []
        for entry in proposed[:5]:
            try:
                results.append(entry_approve(entry=ConsensusEntry.objects.get(pk=entry.pk), user=boss).pk)
            except ConsensusEntry.DoesNotExist:
                results.append("gone")
            except ValidationError as error:
                results.append(" ".join(error.messages))
        return results

    build_error, results = _during_a_build(explainer, approve_five, hold=1.5)

    assert build_error is None
    assert isinstance(results, list), results  # not a database error
    approved = set(ConsensusEntry.objects.filter(explainer=explainer, status="approved").values_list("pk", flat=True))
    for result in results:
        assert result in approved or result == "gone" or "no longer exists" in result or "someone else" in result
    assert not Article.objects.filter(explainer=explainer, needs_extraction=True).exists(), "the build committed"


@_postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_edit_or_import_during_a_long_build_is_refused_clearly_and_changes_nothing(settings, tmp_path):
    settings.CONSENSUS_BACKEND = "lexical"
    settings.EXPLAINER_LOCK_WAIT = 0.3
    explainer, proposed = _dev_topic_half_built("bridge")
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    entry = proposed[0]
    late = tmp_path / "late.txt"
    late.write_text("A late article about the bridge.\n\nThe council met again on Friday to discuss the repairs.\n")

    def approve_then_import():
        try:
            entry_approve(entry=entry, user=boss)
        except ValidationError as error:
            refused = " ".join(error.messages)
        return refused, files_import(explainer=explainer, paths=[str(late)])

    build_error, (refused, outcomes) = _during_a_build(explainer, approve_then_import, hold=2)

    assert build_error is None
    assert refused == str(EXPLAINER_BUSY)
    assert [(o.status, o.reason) for o in outcomes] == [("rejected", str(EXPLAINER_BUSY))]
    assert not Article.objects.filter(explainer=explainer, origin="late.txt").exists()
    assert not ConsensusEntry.objects.filter(explainer=explainer, status="approved").exists()


@_postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_build_that_waited_for_the_lock_reads_the_articles_as_they_are_then(settings):
    """A re-import committed while the build waited used to be missed: the build had listed the articles before
    taking the lock, so it kept the old claims (pointing into text that was gone) and marked the article built."""
    from django.db import transaction

    from articles.locking import explainer_lock
    from articles.services import article_import
    from claims.models import Claim

    settings.CONSENSUS_BACKEND = "lexical"
    explainer, _proposed = _dev_topic_half_built("bridge")
    consensus_build(explainer=explainer)
    article = explainer.articles.order_by("id").first()
    holding, outcome = threading.Event(), {}

    def reimport_while_holding_the_lock():
        try:
            with transaction.atomic():
                explainer_lock(explainer.pk)
                holding.set()
                time.sleep(1)
                changed = "A new opening line, written since.\n\n" + article.raw_text
                outcome["import"] = article_import(explainer=explainer, origin=article.origin, data=changed.encode())
        finally:
            connection.close()

    def build_when_it_is_held():
        holding.wait(30)
        try:
            outcome["build"] = consensus_build(explainer=Explainer.objects.get(pk=explainer.pk))
        finally:
            connection.close()

    _together(reimport_while_holding_the_lock, build_when_it_is_held)

    assert outcome["import"].status == "updated"
    assert outcome["build"].articles_read == 1
    article.refresh_from_db()
    assert not article.needs_extraction
    for claim in Claim.objects.filter(article=article):
        assert article.body[claim.start:claim.end] == claim.text


@_postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_batch_during_a_build_waits_once_then_refuses_the_rest_at_once(settings, tmp_path, monkeypatch):
    """Each file of an upload used to wait the whole EXPLAINER_LOCK_WAIT in turn; and a wait of 0 (PostgreSQL's
    "for ever") must still refuse rather than hang behind the build."""
    import articles.services

    settings.CONSENSUS_BACKEND = "lexical"
    settings.EXPLAINER_LOCK_WAIT = 0
    explainer, _proposed = _dev_topic_half_built("bridge")
    paths = []
    for number in range(3):
        path = tmp_path / f"late-{number}.txt"
        path.write_text(f"Late article {number}.\n\nThe council met on day {number} to discuss the repairs.\n")
        paths.append(str(path))
    attempts = []
    real_lock = articles.services.explainer_lock
    monkeypatch.setattr(articles.services, "explainer_lock", lambda *a, **k: (attempts.append(a), real_lock(*a, **k)))

    build_error, outcomes = _during_a_build(explainer, lambda: files_import(explainer=explainer, paths=paths), hold=2)

    assert build_error is None
    assert [(o.status, o.busy, o.reason) for o in outcomes] == [("rejected", True, str(EXPLAINER_BUSY))] * 3
    assert len(attempts) == 1, "only the first file waited for the lock"
    assert not Article.objects.filter(explainer=explainer, origin__startswith="late-").exists()


@_postgres_only
@pytest.mark.django_db(transaction=True)
def test_deleting_a_source_or_the_explainer_during_a_build_is_refused_with_a_message(settings):
    """Both were server errors: the article's delete raised the refusal through the admin's delete view; the
    explainer's delete took no lock and failed on the build's new claims (IntegrityError)."""
    from django.test import Client

    settings.CONSENSUS_BACKEND = "lexical"
    settings.EXPLAINER_LOCK_WAIT = 0.3
    explainer, _proposed = _dev_topic_half_built("bridge")
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    article = explainer.articles.order_by("id").first()

    def delete_both():
        client = Client()
        client.force_login(boss)
        return [client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"}, follow=True),
                client.post(f"/admin/articles/explainer/{explainer.pk}/delete/", {"post": "yes"}, follow=True)]

    build_error, responses = _during_a_build(explainer, delete_both, hold=2)

    assert build_error is None
    for response in responses:
        assert response.status_code == 200
        assert str(EXPLAINER_BUSY) in [str(m) for m in response.context["messages"]]
    assert Article.objects.filter(pk=article.pk).exists() and Explainer.objects.filter(pk=explainer.pk).exists()


@_postgres_only
@pytest.mark.django_db(transaction=True)
def test_asking_for_a_build_while_one_runs_is_refused_at_once(settings):
    """The request used to wait for the whole running build (its row is locked while it records progress)."""
    from django.db import transaction

    from claims.models import ConsensusBuild
    from claims.services.builds import consensus_build_enqueue

    explainer = Explainer.objects.create(slug="busy", title="Busy")
    running = ConsensusBuild.objects.create(explainer=explainer, status=ConsensusBuild.Status.RUNNING)
    holding = threading.Event()

    def record_progress_for_a_while():
        try:
            with transaction.atomic():
                ConsensusBuild.objects.filter(pk=running.pk).update(progress=50)
                holding.set()
                time.sleep(3)
        finally:
            connection.close()

    thread = threading.Thread(target=record_progress_for_a_while)
    thread.start()
    holding.wait(10)
    started = time.monotonic()
    with pytest.raises(ValidationError, match="already running"):
        consensus_build_enqueue(explainer=explainer, user=None)
    waited = time.monotonic() - started
    thread.join(10)
    assert waited < 1.5


@_postgres_only
@pytest.mark.django_db(transaction=True)
def test_deleting_a_person_waits_for_a_running_build(settings):
    """Deleting a person clears their name from the entries they decided, rows the build may be rewriting in
    another order (a deadlock, on PostgreSQL). The deletion used to go ahead at once; it now waits for the
    build's lock, as every service does, and both finish."""
    settings.CONSENSUS_BACKEND = "lexical"
    explainer, proposed = _dev_topic_half_built("bridge")
    leaver = get_user_model().objects.create_user("leaver", password="pw", is_staff=True)
    decided = [e.pk for e in proposed[:5]]
    ConsensusEntry.objects.filter(pk__in=decided).update(status="approved", decided_by=leaver)

    def delete():
        started = time.monotonic()
        get_user_model().objects.get(pk=leaver.pk).delete()
        return time.monotonic() - started

    build_error, waited = _during_a_build(explainer, delete, hold=2)

    assert build_error is None
    assert isinstance(waited, float) and waited >= 1.5, f"the deletion went ahead during the build ({waited})"
    assert not get_user_model().objects.filter(pk=leaver.pk).exists()
    assert not ConsensusEntry.objects.filter(decided_by__isnull=False).exists()
    assert ConsensusEntry.objects.filter(pk__in=decided, status="approved").count() == 5


@_postgres_only
@pytest.mark.django_db(transaction=True)
def test_deleting_a_person_behind_a_long_build_is_a_try_again_page_and_deletes_nothing(settings):
    from django.test import Client

    settings.CONSENSUS_BACKEND = "lexical"
    settings.EXPLAINER_LOCK_WAIT = 0.3
    explainer, _proposed = _dev_topic_half_built("bridge")
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    leaver = get_user_model().objects.create_user("leaver", password="pw", is_staff=True)

    def delete_in_admin():
        client = Client()
        client.force_login(boss)
        return client.post(f"/admin/auth/user/{leaver.pk}/delete/", {"post": "yes"})

    build_error, response = _during_a_build(explainer, delete_in_admin, hold=2)

    assert build_error is None
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert get_user_model().objects.filter(pk=leaver.pk).exists()
