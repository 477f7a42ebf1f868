"""Recompute every method's search text and vector, e.g. after a change to the normalisation,
and on SQLite fill the full-text indexes again from their tables (methods.search_sqlite)."""

from django.core.management.base import BaseCommand

from methods import search_sqlite
from methods.models import Method
from methods.services import refresh_search_index


class Command(BaseCommand):
    help = "Rebuild the search index of every method."

    def handle(self, *args, **options) -> None:
        count = 0
        for method in Method.objects.prefetch_related("competence_areas", "business_lines"):
            refresh_search_index(method)
            count += 1
        search_sqlite.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Sökindexet är uppdaterat för {count} metoder."))
