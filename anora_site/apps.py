from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "anora_site"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from django.db import transaction
        from django.db.models.signals import pre_delete

        from articles.models import Explainer
        from articles.signals import explainer_renamed
        from claims.models import Revision
        from claims.signals import explainer_published

        from .cache import invalidate_explainer

        def forget_pages(sender, slug: str, **kwargs) -> None:
            invalidate_explainer(slug)

        explainer_published.connect(forget_pages, dispatch_uid="anora_site.invalidate_explainer", weak=False)

        def forget_renamed(sender, explainer, old_slug: str, **kwargs) -> None:
            """Once a rename commits, the old address stops answering from the cache (so it can send readers
            on) and the new one stops remembering it had nothing published."""
            numbers = list(Revision.objects.filter(explainer=explainer).values_list("number", flat=True))
            new_slug = explainer.slug
            transaction.on_commit(lambda: (invalidate_explainer(old_slug, numbers),
                                           invalidate_explainer(new_slug, numbers)))

        explainer_renamed.connect(forget_renamed, dispatch_uid="anora_site.forget_renamed", weak=False)

        def forget_deleted(sender, instance, **kwargs) -> None:
            """A deleted explainer's pages, its earlier revisions' included, go as soon as the deletion commits
            (a take-down must not wait for the cache to expire)."""
            numbers = list(Revision.objects.filter(explainer=instance).values_list("number", flat=True))
            slug = instance.slug
            transaction.on_commit(lambda: invalidate_explainer(slug, numbers))

        pre_delete.connect(forget_deleted, sender=Explainer, dispatch_uid="anora_site.forget_deleted", weak=False)
