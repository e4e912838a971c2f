"""Which explainers a person may work on: open ones for all editorial staff, restricted ones for the editors
listed on them and for those with ``articles.access_restricted`` (chief editors)."""
from django.db.models import Q, QuerySet

from .models import Explainer

ACCESS_RESTRICTED = "articles.access_restricted"


def explainer_accessible(user, explainer: Explainer) -> bool:
    """Open explainers are open to all editorial staff; restricted ones to their listed editors and chief editors."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return False
    if not explainer.restricted or user.is_superuser or user.has_perm(ACCESS_RESTRICTED):
        return True
    return explainer.editors.filter(pk=user.pk).exists()


def explainers_visible(user) -> QuerySet[Explainer]:
    """The explainers whose sources, entries, conflicts and drafts ``user`` may see."""
    explainers = Explainer.objects.all()
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return explainers.none()
    if user.is_superuser or user.has_perm(ACCESS_RESTRICTED):
        return explainers
    return explainers.filter(Q(restricted=False) | Q(editors=user)).distinct()
