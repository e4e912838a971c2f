"""What the claims app does when another app reports a change (connected in ``ClaimsConfig.ready``)."""
from django.utils.translation import gettext as _

from articles.locking import every_explainer_lock
from claims.audit import Verb, audit_record
from claims.services.consensus import article_claims_forget
from claims.services.drafts import reopen_draft

_VERBS = {
    "imported": Verb.ARTICLE_IMPORTED,
    "updated": Verb.ARTICLE_UPDATED,
    "details edited": Verb.ARTICLE_DETAILS_EDITED,
    "deleted": Verb.ARTICLE_DELETED,
    "fragment restored": Verb.FRAGMENT_RESTORED,
    "fragment removed again": Verb.FRAGMENT_REMOVED,
}


def article_changed_received(sender, *, article, change: str, user=None, note: str = "", **kwargs) -> None:
    """An import, an update, a restored fragment or a deletion (``articles.signals.article_changed``, sent inside
    the change's transaction): audit it, forget a deleted source's claims, and send a submitted or published
    draft back, as the sources readers would see changed (and the claims must be built again before the next
    submission)."""
    audit_record(explainer=article.explainer_id, actor=user, verb=_VERBS[change], note=note,
                 data={"article": article.pk, "origin": article.origin, "change": change})
    if change == "deleted":
        article_claims_forget(article=article)
    reopen_draft(article.explainer, user, reason=_("A source changed: %(origin)s (%(change)s).")
                 % {"origin": article.origin, "change": change})


def explainer_renamed_received(sender, *, explainer, old_slug: str, user=None, **kwargs) -> None:
    """An explainer got a new public address (``articles.signals.explainer_renamed``, inside the rename's
    transaction): audit it. Nothing readers see changes but the address, so no draft goes back."""
    audit_record(explainer=explainer, actor=user, verb=Verb.EXPLAINER_RENAMED, note=f"{old_slug} → {explainer.slug}",
                 data={"old": old_slug, "new": explainer.slug})


def user_deleting(sender, *, instance, **kwargs) -> None:
    """A person is being deleted (``pre_delete``, inside the deletion's transaction): the deletion clears their
    name from entries, conflicts, aliases, drafts and revisions with UPDATEs a running build may be making to
    the same rows in another order, which PostgreSQL would end as a deadlock. So it follows the one lock order
    first: every explainer's lock, in id order. Behind a running build it waits ``EXPLAINER_LOCK_WAIT`` seconds
    and is then refused as busy (the site answers "try again" with a 503), nothing deleted."""
    every_explainer_lock()
