"""Remove the counts of searches that found little once they are a year old. Safe to run from
cron (daily); nothing else ever deletes them."""

from django.core.management.base import BaseCommand

from methods.searchlog import KEEP_DAYS, purge


class Command(BaseCommand):
    help = f"Remove counts of searches that found little older than {KEEP_DAYS} days."

    def handle(self, *args, **options) -> None:
        count = purge()
        self.stdout.write(
            self.style.SUCCESS(f"Tog bort {count} dagsräkningar äldre än {KEEP_DAYS} dagar.")
        )
