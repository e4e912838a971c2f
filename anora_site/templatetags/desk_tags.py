"""Template helpers for the editors' desk (the admin's front page)."""
from django import template

from claims import permissions
from claims.services.drafts import drafts_in_review

register = template.Library()


@register.simple_tag
def awaiting_review(user) -> dict:
    """The drafts submitted for review that ``user`` may see, and whether ``user`` may publish them."""
    if not user.has_perm("claims.view_draft"):
        return {"drafts": [], "can_publish": False}
    return {"drafts": drafts_in_review(user), "can_publish": user.has_perm(permissions.PUBLISH)}
