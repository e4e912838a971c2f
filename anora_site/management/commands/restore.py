from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from anora_site.management.backups import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Replace ALL data in the database with a backup written by `backup`. On PostgreSQL it happens in one "
        "transaction: everything is replaced or nothing is. The cache is cleared afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The backup file to restore.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Do not ask for confirmation.")
        parser.add_argument("--database", default="default", help="Which database (default: 'default').")

    def handle(self, *args, path: Path, interactive: bool, database: str, **options):
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        name = connections[database].settings_dict["NAME"]
        if interactive:
            answer = input(f"This replaces everything in the database {name} with {path}. Type 'yes' to go on: ")
            if answer != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            kind = database_restore(path, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the {kind} database {name} from {path}.")
