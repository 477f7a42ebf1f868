"""Replace the database rows and media files with those of a backup archive."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from core.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive written by `manage.py backup`: every row of the backed-up "
        "models is replaced (in one transaction) and the media files are written back. The "
        "database must be migrated to the same migrations as when the backup was taken."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", help="The .tar.gz archive to restore.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (for scripts)."
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="The database to restore into."
        )

    def handle(self, *args, archive, yes=False, database=DEFAULT_DB_ALIAS, **options) -> None:
        try:
            manifest = read_manifest(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest.get("row_counts", {}).values())
        self.stdout.write(
            f"Arkivet {archive} togs {manifest.get('created_at')} "
            f"({manifest.get('database_vendor')}, Django {manifest.get('django_version')}): "
            f"{rows} rader, {len(manifest.get('media', {}))} mediefiler."
        )
        if not yes:
            self.stdout.write(
                "ALLA rader i databasens handboksdata ersätts med arkivets. Skriv 'ja' för att "
                "fortsätta: ",
                ending="",
            )
            self.stdout.flush()
            try:
                answer = input()
            except EOFError:
                answer = ""
            if answer.strip().lower() not in {"ja", "yes", "j", "y"}:
                raise CommandError("Avbrutet: ingenting återställdes (använd --yes i skript).")
        try:
            result = restore_backup(archive, using=database)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc

        self.stdout.write(
            self.style.SUCCESS(
                f"Återställt: {result.rows} rader i {len(manifest['row_counts'])} tabeller "
                f"({result.objects} objekt), {result.files} mediefiler med verifierad sha256."
            )
        )
        for label, count in sorted(manifest["row_counts"].items()):
            self.stdout.write(f"  {label}: {count}", style_func=None)
        if result.extra_files:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(result.extra_files)} mediefiler finns kvar som inte ingick i backupen "
                    "(de lämnades orörda): " + ", ".join(result.extra_files[:10])
                )
            )
