"""Template helpers for the editors' desk (the admin's front page)."""
from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from claims import permissions
from claims.services.drafts import drafts_in_review

register = template.Library()


def waited(since) -> str:
    """How long a submission has waited, in words: "just now" for under a minute, else "3 hours ago"."""
    if since is None:
        return ""
    if timezone.now() - since < timedelta(minutes=1):
        return _("just now")
    return _("%(time)s ago") % {"time": timesince(since)}


@register.simple_tag
def awaiting_review(user) -> dict:
    """The drafts submitted for review that ``user`` may see, how long each has waited, and whether ``user`` may
    publish them."""
    if not user.has_perm("claims.view_draft"):
        return {"drafts": [], "can_publish": False}
    drafts = [{"draft": draft, "waited": waited(draft.submitted_at)} for draft in drafts_in_review(user)]
    return {"drafts": drafts, "can_publish": user.has_perm(permissions.PUBLISH)}
