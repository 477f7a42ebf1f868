"""Write the published handbook as Markdown files: the open-data download, and a way to move
the handbook to another installation (import_handbook reads it back)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content.fields import KINDS
from content.handbook import export_handbook


class Command(BaseCommand):
    help = (
        "Write the published handbook (phases, published methods, company profiles, published "
        "experience reports) as Markdown files with front matter into a folder."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove the .md files of an earlier export in the folder first.",
        )

    def handle(self, *args, folder: Path, replace: bool, **options) -> None:
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} är ingen mapp.")
        if folder.exists() and any(folder.iterdir()):
            if not replace:
                raise CommandError(
                    f"Mappen {folder} är inte tom. Välj en ny mapp, eller ange --replace för "
                    "att ersätta en tidigare export."
                )
            # Only an earlier export's files: a method unpublished since must not stay behind.
            for kind in KINDS:
                for path in (folder / kind.folder).glob("*.md"):
                    path.unlink()
        counts = export_handbook(folder)
        self.stdout.write(
            self.style.SUCCESS(
                f"Handboken är exporterad till {folder}: {counts.phases} faser, "
                f"{counts.methods} metoder, {counts.companies} företag, "
                f"{counts.reports} erfarenhetsrapporter."
            )
        )
