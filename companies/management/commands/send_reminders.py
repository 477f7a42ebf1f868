"""Follow-up reminders; safe to run as often as cron likes.

- 3 and 6 months after an effort's delivery ended, its responsible members (or, if none are
  named, the company's admins) are asked how what they learned is used in daily work.
- Authors of published methods past their review-by date are asked to look them over.

Each reminder is recorded under a unique key before it is queued, so a second run the same day,
or a run on a second server, sends nothing twice.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from companies.choices import MembershipRole
from companies.models import Effort, ReminderSent
from core.notifications import notify
from methods.models import Method

FOLLOW_UP_MONTHS = (3, 6)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 August + 6 months = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _claim(kind: str, key: str, recipient: str) -> bool:
    """Record the reminder; False if it was already sent."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(kind=kind, key=key, recipient=recipient)
    except IntegrityError:
        return False
    return True


def effort_reminders(today: date) -> int:
    sent = 0
    efforts = (
        Effort.objects.filter(delivery_ended_on__isnull=False)
        .select_related("company")
        .prefetch_related("responsible_members", "methods")
    )
    for effort in efforts:
        recipients = [u.email for u in effort.responsible_members.all() if u.is_active]
        if not recipients:
            recipients = list(
                effort.company.memberships.filter(
                    role=MembershipRole.ADMIN, user__is_active=True
                ).values_list("user__email", flat=True)
            )
        for months in FOLLOW_UP_MONTHS:
            due = add_months(effort.delivery_ended_on, months)
            if today < due:
                continue
            kind = f"effort-{months}-months"
            for email in recipients:
                if _claim(kind, str(effort.pk), email):
                    notify(
                        [email],
                        "effort_follow_up",
                        {"effort": effort, "months": months, "methods": list(effort.methods.all())},
                    )
                    sent += 1
    return sent


def review_reminders(today: date) -> int:
    sent = 0
    stale = Method.objects.published().filter(review_by__lte=today).select_related("author")
    for method in stale:
        if not method.author or not method.author.is_active or not method.author.email:
            continue
        if _claim("review-due", f"{method.pk}:{method.review_by.isoformat()}", method.author.email):
            notify([method.author.email], "review_due", {"method": method})
            sent += 1
    return sent


class Command(BaseCommand):
    help = "Send follow-up and review reminders that are due (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="Run as if today were DATE.")

    def handle(self, *args, **options) -> None:
        today = options["date"] or timezone.localdate()
        with transaction.atomic():
            efforts = effort_reminders(today)
            reviews = review_reminders(today)
        self.stdout.write(
            self.style.SUCCESS(
                f"Påminnelser skickade: {efforts} om insatser, {reviews} om granskning."
            )
        )
