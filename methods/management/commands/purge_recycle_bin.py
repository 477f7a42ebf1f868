"""Permanently delete what has lain in the recycle bin too long. Safe to run from cron."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from methods.services import purge_from_bin


class Command(BaseCommand):
    help = (
        "Permanently delete methods and comments that were moved to the recycle bin more than "
        "--days days ago (default: settings.RECYCLE_BIN_DAYS). Each is logged as purged."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.RECYCLE_BIN_DAYS,
            help="Delete items deleted longer ago than this many days "
            f"(default {settings.RECYCLE_BIN_DAYS}).",
        )

    def handle(self, *args, days: int, **options) -> None:
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        count = purge_from_bin(days)
        self.stdout.write(
            self.style.SUCCESS(
                f"Raderade {count} objekt ur papperskorgen "
                f"(borttagna för mer än {days} dagar sedan)."
            )
        )
