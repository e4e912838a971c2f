import sys
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Explainer
from claims.audit import Verb, audit_record
from claims.models import ConsensusBuild
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

        began = timezone.now()
        try:
            with transaction.atomic():  # the build, its audit entry and its row are saved together, or none is
                summary = consensus_build(explainer=explainer, progress=progress)
                audit_record(explainer=explainer, actor=None, verb=Verb.BUILD_SUCCEEDED,
                             note=f"Command line: {summary}")
                # Listed among the desk's Consensus builds with those the worker ran, as it changed the same rows.
                ConsensusBuild.objects.create(
                    explainer=explainer, status=ConsensusBuild.Status.SUCCEEDED, progress=100,
                    message=f"Command line: {summary}"[:500], started_at=began, finished_at=timezone.now(),
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if interactive:
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Consensus for “{slug}”: {summary} ({time.monotonic() - started:.1f} s)."))
