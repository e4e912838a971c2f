"""Writes that touch several models, one module per concept: consensus builds, revisions, and the editorial
workflow (``review`` of entries, ``conflicts``, ``aliases``, ``drafts``, ``publishing``, with the shared
version check in ``locking``).

Every workflow function is one verb, done the same way: check permission and the current state (refuse with a
message a person can act on), set the new state with who and when, save it with a conditional UPDATE on the
row's ``version`` (so of two people saving at once, the second is refused instead of overwriting), write the
audit entry, then run side effects once the transaction commits. Admin views, actions, the demo command and
tests all go through these functions; none of them sets a status field itself.
"""
