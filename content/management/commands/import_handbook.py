"""Read a folder written by export_handbook into this installation.

Idempotent: phases, companies and methods are found by their slugs, experience reports by
company, method and title, and updated; running it twice changes nothing the second time.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content.fields import ContentError
from content.handbook import import_handbook


class Command(BaseCommand):
    help = "Load a handbook exported with export_handbook (safe to run again)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options) -> None:
        if not folder.is_dir():
            raise CommandError(f"{folder} är ingen mapp.")
        try:
            with transaction.atomic():
                counts = import_handbook(folder)
        except ContentError as error:
            raise CommandError(f"Inget importerades. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Handboken är importerad från {folder}: {counts.phases} faser, "
                f"{counts.methods} metoder, {counts.companies} företag, "
                f"{counts.reports} erfarenhetsrapporter."
            )
        )
