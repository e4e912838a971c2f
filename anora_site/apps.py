from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "anora_site"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from claims.signals import explainer_published

        from .cache import invalidate_explainer

        def forget_pages(sender, slug: str, **kwargs) -> None:
            invalidate_explainer(slug)

        explainer_published.connect(forget_pages, dispatch_uid="anora_site.invalidate_explainer", weak=False)
