"""Check the links to other material and mark those that no longer answer; run nightly by cron
(docs/deploy.md). Each check is bounded (material/linkcheck.py): timeouts, a size limit, no
redirect loops, http and https only, public addresses only. Links checked less than
--min-age-hours ago are left for the next run, so a second run the same night does nothing."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import F, Q
from django.utils import timezone

from core.models import SiteVersion
from material import linkcheck
from material.models import MaterialLink
from material.services import record_check


class Command(BaseCommand):
    help = "Kontrollera länkarna till annat material och markera döda länkar."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many links.")
        parser.add_argument("--min-age-hours", type=int, default=20)

    def handle(self, *args, limit: int, min_age_hours: int, **options) -> None:
        due = timezone.now() - timedelta(hours=min_age_hours)
        links = MaterialLink.objects.links().filter(
            Q(checked_at__isnull=True) | Q(checked_at__lt=due)
        )
        checked = dead = changed = 0
        for link in links.order_by(F("checked_at").asc(nulls_first=True), "pk")[:limit]:
            was_dead = link.dead_since is not None
            result = linkcheck.check(link.url)
            record_check(link, result)
            checked += 1
            dead += not result.alive
            changed += was_dead == result.alive
        if changed:
            # The method pages say which links do not answer: cached copies are retired.
            SiteVersion.objects.bump()
        self.stdout.write(f"Checked {checked} links, {dead} dead.")
