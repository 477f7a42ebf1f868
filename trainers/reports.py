"""The experience reports that name a trainer, for the trainer's profile: a page of the latest
and the count and average recommendation of all of them, in two queries at any number."""

from __future__ import annotations

from django.db.models import Avg, Count

from companies.models import ExperienceReport
from methods.models import Method

from .models import Trainer

PROFILE_REPORTS = 20


def trainer_reports(trainer: Trainer) -> tuple[list[ExperienceReport], dict]:
    # A report on a draft or binned method would name a page readers cannot see.
    reports = ExperienceReport.objects.published().filter(
        trainer=trainer, method__in=Method.objects.published()
    )
    stats = reports.aggregate(count=Count("pk"), average_score=Avg("recommend_score"))
    latest = list(
        reports.select_related("company", "method")
        .only(
            "title",
            "recommend_score",
            "period_start",
            "company__name",
            "company__slug",
            "method__title",
            "method__slug",
        )
        .order_by("-period_start", "-pk")[:PROFILE_REPORTS]
    )
    return latest, stats
