"""Recompute every method's search text and vector, e.g. after a change to the normalisation."""

from django.core.management.base import BaseCommand

from methods.models import Method
from methods.services import refresh_search_index


class Command(BaseCommand):
    help = "Rebuild the search index of every method."

    def handle(self, *args, **options) -> None:
        count = 0
        for method in Method.objects.prefetch_related("competence_areas", "business_lines"):
            refresh_search_index(method)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Sökindexet är uppdaterat för {count} metoder."))
