from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Claims and consensus")

    def ready(self) -> None:
        from articles.signals import article_changed
        from claims.receivers import article_changed_received

        article_changed.connect(article_changed_received, dispatch_uid="claims.receivers.article_changed")
