from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Claims and consensus")

    def ready(self) -> None:
        from articles.signals import article_changed
        from claims.audit import article_changed_record

        article_changed.connect(article_changed_record, dispatch_uid="claims.audit.article_changed")
