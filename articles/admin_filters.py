"""An admin list filter by explainer that offers only the explainers the person may see.

Django's own related-field filter lists every row of the related table, so the sidebar of any change list
would name restricted explainers to all staff. Every change list filtered by explainer uses this one.
"""
from django.contrib import admin

from .permissions import explainers_visible


class VisibleExplainerFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        return [(explainer.pk, str(explainer)) for explainer in explainers_visible(request.user).order_by("title")]
