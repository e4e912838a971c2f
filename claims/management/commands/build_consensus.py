import sys
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Explainer
from claims.audit import Verb, audit_record
from claims.services.consensus import consensus_build


class Command(BaseCommand):
    help = "Extract claims from new or changed articles and rebuild proposed consensus entries and conflicts."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The explainer's slug.")

    def handle(self, *args, slug, **options):
        explainer = Explainer.objects.filter(slug=slug).first()
        if explainer is None:
            raise CommandError(f"There is no explainer “{slug}”. Import articles into it first (import_articles).")
        started = time.monotonic()
        interactive = sys.stdout.isatty()

        def progress(done: int, total: int, message: str) -> None:
            line = f"[{done}/{total}] {message}"
            if interactive:
                self.stdout.write(f"\r{line:<78}", ending="")
            else:
                self.stdout.write(line)

        try:
            with transaction.atomic():  # the build and its audit entry are saved together, or neither is
                summary = consensus_build(explainer=explainer, progress=progress)
                audit_record(explainer=explainer, actor=None, verb=Verb.BUILD_SUCCEEDED,
                             note=f"Command line: {summary}")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if interactive:
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Consensus for “{slug}”: {summary} ({time.monotonic() - started:.1f} s)."))
