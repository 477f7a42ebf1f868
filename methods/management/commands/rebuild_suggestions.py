"""Compute every published method's suggestion lists (methods.suggestions): after the
migration that creates the read model, after a restore or a bulk load. Safe to run any time;
readers meanwhile get the lists as they were."""

from django.core.management.base import BaseCommand

from methods import suggestions


class Command(BaseCommand):
    help = "Compute the method pages' suggestion lists for every published method."

    def handle(self, *args, **options) -> None:
        def report(done: int, total: int) -> None:
            self.stdout.write(f"  {done} of {total} methods")

        kept = suggestions.rebuild(report=report if options["verbosity"] > 1 else None)
        self.stdout.write(f"Suggestion lists kept for {kept} published methods.")
