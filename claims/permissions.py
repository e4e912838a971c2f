"""Who may do what: the editorial permissions, and which explainers a person may work on.

Editors review consensus and compose and submit the draft; chief editors also publish or send back.
Every service checks these itself, so a hidden button or a forged request changes nothing.
"""
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from articles.models import Explainer
from articles.permissions import explainer_accessible, explainers_visible  # noqa: F401  (re-exported)

REVIEW = "claims.review_entry"
SUBMIT = "claims.submit_draft"
PUBLISH = "claims.publish_draft"


def can_review(user, explainer: Explainer) -> bool:
    return bool(user) and user.has_perm(REVIEW) and explainer_accessible(user, explainer)


def can_submit(user, explainer: Explainer) -> bool:
    return bool(user) and user.has_perm(SUBMIT) and explainer_accessible(user, explainer)


def can_publish(user, explainer: Explainer) -> bool:
    return bool(user) and user.has_perm(PUBLISH) and explainer_accessible(user, explainer)


def require_review(user, explainer: Explainer) -> None:
    if not can_review(user, explainer):
        raise PermissionDenied(_("Only editors working on “%(explainer)s” can review its entries, conflicts and aliases.")
                               % {"explainer": explainer})


def require_submit(user, explainer: Explainer) -> None:
    if not can_submit(user, explainer):
        raise PermissionDenied(_("Only editors working on “%(explainer)s” can compose and submit it.")
                               % {"explainer": explainer})


def require_publish(user, explainer: Explainer) -> None:
    if not can_publish(user, explainer):
        raise PermissionDenied(_("Only a chief editor can publish “%(explainer)s” or send it back.")
                               % {"explainer": explainer})
