from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Claims and consensus")

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import pre_delete

        from articles.signals import article_changed, explainer_renamed
        from claims.receivers import article_changed_received, explainer_renamed_received, user_deleting

        article_changed.connect(article_changed_received, dispatch_uid="claims.receivers.article_changed")
        explainer_renamed.connect(explainer_renamed_received, dispatch_uid="claims.receivers.explainer_renamed")
        pre_delete.connect(user_deleting, sender=settings.AUTH_USER_MODEL,
                           dispatch_uid="claims.receivers.user_deleting")
