from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anora_site.management.backups import BackupError, database_backup


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the whole database to PATH while the site keeps running: an SQLite file "
        "(SQLite's online backup) or a pg_dump custom-format archive (PostgreSQL). Restore it with `restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Where to write the backup.")
        parser.add_argument("--force", action="store_true", help="Replace PATH if it already exists.")
        parser.add_argument("--database", default="default", help="Which database (default: 'default').")

    def handle(self, *args, path: Path, force: bool, database: str, **options):
        if path.exists() and not force:
            raise CommandError(f"{path} already exists; choose another name or give --force to replace it.")
        try:
            kind = database_backup(path, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the {kind} database to {path} ({path.stat().st_size:,} bytes).")
