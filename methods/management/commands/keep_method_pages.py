"""Render the kept parts of the method pages (methods.keptpage) that are missing or were
rendered by an earlier release. migrate queues the same work for the task worker; this runs it
at once (after a restore, or to see how long it takes). Safe to run any time."""

from django.core.management.base import BaseCommand

from methods import keptpage
from methods.models import Method


class Command(BaseCommand):
    help = "Render the method pages' kept parts that are missing or out of date."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="every published method, not only the missing"
        )

    def handle(self, *args, **options) -> None:
        ids = None
        if options["all"]:
            ids = list(Method.objects.published().values_list("pk", flat=True))
        kept = keptpage.keep(ids)
        self.stdout.write(f"Kept the page parts of {kept} published methods.")
