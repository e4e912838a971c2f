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

        def forget_on_commit(explainer, *slugs: str) -> None:
            """Once the change commits, forget the explainer's pages under ``slugs``, every revision's included."""
            numbers = list(Revision.objects.filter(explainer=explainer).values_list("number", flat=True))
            transaction.on_commit(lambda: [invalidate_explainer(slug, numbers) for slug in slugs])

        def forget_renamed(sender, explainer, old_slug: str, **kwargs) -> None:
            """Once a rename commits, the old address stops answering from the cache (so it can send readers
            on) and the new one stops remembering it had nothing published."""
            forget_on_commit(explainer, old_slug, explainer.slug)

        explainer_renamed.connect(forget_renamed, dispatch_uid="anora_site.forget_renamed", weak=False)

        def forget_deleted(sender, instance, **kwargs) -> None:
            """A deleted explainer's pages, its earlier revisions' included, go as soon as the deletion commits
            (a take-down must not wait for the cache to expire)."""
            forget_on_commit(instance, instance.slug)

        pre_delete.connect(forget_deleted, sender=Explainer, dispatch_uid="anora_site.forget_deleted", weak=False)
