"""The explainer's write lock: the one lock order every service that changes an explainer's content follows.

A consensus build holds its explainer's row lock for its whole run, then rewrites entries, conflicts and the
draft. An editor's service that changed an entry first and only then touched the explainer (an audit row's
foreign key waits on that lock) closed a cycle with it, and PostgreSQL killed one of the two with "deadlock
detected". So every such service, the build included, takes this lock first, before any other row lock or
write: explainer, then draft, then entries. Editors' services wait at most ``settings.EXPLAINER_LOCK_WAIT``
seconds and are then refused with :data:`EXPLAINER_BUSY`, so a web request never hangs behind a long build.

SQLite has no row locks: its transactions take the database's write lock when they begin (``transaction_mode
IMMEDIATE`` in the settings), which already serialises writers, so there the lock is a no-op.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext_lazy

from articles.models import Explainer

EXPLAINER_BUSY = gettext_lazy(
    "A consensus build or another editor's change to this explainer is still running; nothing was changed. "
    "Try again in a minute."
)
BUSY = "explainer_busy"  # the refusal's code: callers working through a batch stop at the first one
_LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout runs out


def is_busy(error: Exception) -> bool:
    """Whether ``error`` means "try again later", not a refusal of the change itself: this lock's refusal, or
    SQLite's "database is locked" after its busy timeout (a long build holds its one write lock)."""
    if isinstance(error, OperationalError):
        return "database is locked" in str(error)
    return getattr(error, "code", None) == BUSY


def refusal_text(error: ValidationError | OperationalError) -> str:
    """What to tell the editor about a refusal (``is_busy`` ones all read the same)."""
    return str(EXPLAINER_BUSY) if is_busy(error) else " ".join(error.messages)


def explainer_lock(explainer_id: int, *, wait: bool = True) -> None:
    """Take the explainer's write lock for the rest of the current transaction.

    ``wait=True`` (editors, imports) waits up to ``settings.EXPLAINER_LOCK_WAIT`` seconds, then raises
    ``ValidationError(EXPLAINER_BUSY)`` with the caller's transaction still usable; ``wait=False`` is for the
    build itself, which waits as long as it takes (editors' services hold the lock for a moment only).
    """
    _lock(Explainer.objects.filter(pk=explainer_id), wait=wait)


def every_explainer_lock() -> None:
    """Take every explainer's write lock, in id order, in one query, waiting as ``explainer_lock`` does: for a
    change that touches rows of any explainer (deleting a person clears their name from all of them)."""
    _lock(Explainer.objects.order_by("pk"), wait=True)


def _lock(explainers, *, wait: bool) -> None:
    rows = explainers.select_for_update(no_key=True).values_list("pk", flat=True)
    if connection.vendor != "postgresql" or not wait:
        list(rows)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout')")
        (previous,) = cursor.fetchone()
        # At least 1 ms: a lock_timeout of 0 would mean waiting for ever.
        waiting = f"{max(1, round(settings.EXPLAINER_LOCK_WAIT * 1000))}ms"
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [waiting])
    try:
        with transaction.atomic():  # a savepoint: a refusal leaves the caller's transaction usable
            list(rows)
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
            raise ValidationError(EXPLAINER_BUSY, code=BUSY) from None
        raise
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])
