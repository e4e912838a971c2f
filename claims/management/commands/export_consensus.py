import json

from django.core.management.base import BaseCommand, CommandError

from articles.models import Explainer
from claims.services.consensus import consensus_export


class Command(BaseCommand):
    help = "Print an explainer's articles, consensus entries and conflicts as JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The explainer's slug.")

    def handle(self, *args, slug, **options):
        explainer = Explainer.objects.filter(slug=slug).first()
        if explainer is None:
            raise CommandError(f"There is no explainer “{slug}”.")
        self.stdout.write(json.dumps(consensus_export(explainer=explainer), ensure_ascii=False, indent=2))
