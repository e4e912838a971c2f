"""Optimistic locking: a versioned save only wins if nobody saved the row since it was read."""
import pytest
from django.core.exceptions import ValidationError

from claims.models import ConsensusEntry
from claims.services.locking import STALE_ENTRY, save_versioned

pytestmark = pytest.mark.django_db


def test_the_conditional_update_refuses_a_save_that_lost_the_race(entries, editor):
    """Even when the version check passed on read, the UPDATE only wins if the row is still at that version."""
    stale = ConsensusEntry.objects.get(pk=entries[0].pk)
    ConsensusEntry.objects.filter(pk=stale.pk).update(version=5)
    with pytest.raises(ValidationError, match="changed by someone else"):
        save_versioned(stale, stale=STALE_ENTRY, statement="lost")
    assert ConsensusEntry.objects.get(pk=stale.pk).statement.startswith("Anora marries")
