from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.models import Explainer
from articles.services import explainer_discard_if_empty, explainer_for_import, files_import


class Command(BaseCommand):
    help = "Import article files and folders (.txt, .md, .html) into an explainer."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders to import.")
        parser.add_argument("--explainer", required=True, help="Slug of the explainer to import into.")
        parser.add_argument("--title", help="Title for the explainer, creating it if it does not exist yet.")

    def handle(self, *args, paths, explainer, title, **options):
        existed = Explainer.objects.filter(slug=explainer).exists()
        try:
            target = explainer_for_import(slug=explainer, title=title)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        outcomes = files_import(explainer=target, paths=paths)
        counts = {"imported": 0, "unchanged": 0, "updated": 0, "rejected": 0}
        for outcome in outcomes:
            counts[outcome.status] += 1
            line = f"{outcome.status:<9} {outcome.label}"
            if outcome.reason:
                line += f": {outcome.reason}"
            if outcome.kept:
                line += f" (kept the corrected {outcome.kept_text})"
            style = self.style.ERROR if outcome.rejected else self.style.SUCCESS
            self.stdout.write(style(line) if outcome.status != "unchanged" else line)
        summary = ", ".join(f"{n} {status}" for status, n in counts.items())
        self.stdout.write(f"{len(outcomes)} file(s) for “{target.slug}”: {summary}.")
        if not existed and explainer_discard_if_empty(target):
            self.stdout.write(f"No file was imported, so the explainer “{target.slug}” was not created.")
        if counts["rejected"]:
            raise CommandError(f"{counts['rejected']} file(s) rejected; nothing was saved for them.")
