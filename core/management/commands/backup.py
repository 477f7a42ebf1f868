"""Write a backup archive of the database rows and media files. Safe to run from cron."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from core.backup import BackupError, create_backup, default_backup_path


class Command(BaseCommand):
    help = (
        "Write a consistent snapshot of the database and every media file to one .tar.gz "
        "archive (default: backups/kompetenshandboken-YYYYmmdd-HHMMSS.tar.gz under the project "
        "folder). Restore it with `manage.py restore <archive>`."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            help=f"Where to write the archive (default like {default_backup_path()}).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to back up.")

    def handle(self, *args, path=None, database=DEFAULT_DB_ALIAS, **options) -> None:
        try:
            result = create_backup(path, using=database)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        size = result.path.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup skriven till {result.path} ({size} byte): {result.rows} rader i "
                f"{len(result.manifest['row_counts'])} tabeller, {result.files} mediefiler."
            )
        )
