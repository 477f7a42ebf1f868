"""Questions and study-visit requests between companies: asking, answering, and the reads the
pages need (the method page's companies to ask, a company's inbox, the asker's list on Min
sida, the editors' monthly counts).

Both mails link into the portal and name people by display name only: neither side ever sees
the other's e-mail address (the asker is told who answered, the company who asked).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from core.notifications import notify
from methods.models import Method

from .choices import MembershipRole, QuestionKind
from .models import Company, ExperienceReport, Question

# How many months the editors' overview counts back (this month included).
OVERVIEW_MONTHS = 12


def shown_name(user) -> str:
    """How one side is named to the other: the display name, never any part of an address
    (User.public_name falls back to the part before the @)."""
    if user is None:
        return _("en tidigare medlem")
    return user.display_name or _("en medlem i Kompetenshandboken")


def _admin_addresses(company: Company) -> list[str]:
    return list(
        company.memberships.filter(role=MembershipRole.ADMIN, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )


@transaction.atomic
def ask(company: Company, asker, kind: str, body: str, method: Method | None = None) -> Question:
    """Store the question and mail the company's admins a link to it."""
    question = Question.objects.create(
        company=company, asker=asker, kind=kind, body=body, method=method
    )
    notify(
        _admin_addresses(company),
        "question_asked",
        {
            "question": question,
            "company": company,
            "asker": shown_name(asker),
            "kind": QuestionKind(kind).label,
            "method": method,
            "question_url": settings.SITE_URL + question.get_absolute_url(),
        },
    )
    return question


@transaction.atomic
def answer(question: Question, by, text: str) -> Question:
    """Store the answer and mail the asker a link to it."""
    question.answer = text
    question.answered_by = by
    question.answered_at = timezone.now()
    question.save()
    asker = question.asker
    if asker.is_active:
        notify(
            [asker.email],
            "question_answered",
            {
                "question": question,
                "company": question.company,
                "answerer": shown_name(by),
                "kind": question.get_kind_display(),
                "question_url": settings.SITE_URL + question.get_absolute_url(),
            },
        )
    return question


# Reading ------------------------------------------------------------------------------------


def companies_to_ask(reports: Iterable[ExperienceReport], own_slugs: Iterable[str]) -> list:
    """The companies of these (published) reports that take questions, each once, by name,
    leaving out the user's own companies. From the reports already loaded: no query."""
    own = set(own_slugs)
    found: dict[int, Company] = {}
    for report in reports:
        company = report.company
        if company.accepts_questions and company.slug not in own:
            found.setdefault(company.pk, company)
    return sorted(found.values(), key=lambda company: company.name.casefold())


def reported_methods(company: Company):
    """The published methods the company has published a report on: what a question may be
    about."""
    return (
        Method.objects.published()
        .filter(
            pk__in=ExperienceReport.objects.published().filter(company=company).values("method_id")
        )
        .only("title", "slug")
        .order_by("title", "pk")
    )


def inbox(company: Company):
    """The company's questions, open ones first, newest first."""
    return (
        Question.objects.filter(company=company)
        .select_related("asker", "method")
        .only(
            "kind",
            "body",
            "created_at",
            "answered_at",
            "company_id",
            "asker__display_name",
            "method__title",
            "method__slug",
        )
        # Unanswered before answered, then newest first.
        .order_by(F("answered_at").asc(nulls_first=True), "-created_at", "-pk")
    )


def asked_by(user):
    """The questions the user has asked, newest first."""
    return (
        Question.objects.filter(asker=user)
        .select_related("company", "method")
        .only(
            "kind",
            "body",
            "created_at",
            "answered_at",
            "answer_html",
            "company__name",
            "company__slug",
            "method__title",
            "method__slug",
        )
        .order_by("-created_at", "-pk")
    )


def _months_back(today, count: int) -> list[tuple[int, int]]:
    """(year, month) of this month and the count - 1 before it, newest first."""
    months = []
    year, month = today.year, today.month
    for _i in range(count):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


def monthly_counts(today=None) -> list[dict]:
    """Per month, newest first, the last OVERVIEW_MONTHS months (a month without any is
    there with zeros): how many questions and study-visit requests were asked, and how many
    of those have been answered. One query; counts only, nothing about who asked whom."""
    today = today or timezone.localdate()
    months = _months_back(today, OVERVIEW_MONTHS)
    first_year, first_month = months[-1]
    since = timezone.make_aware(datetime(first_year, first_month, 1))
    question = Q(kind=QuestionKind.QUESTION)
    visit = Q(kind=QuestionKind.STUDY_VISIT)
    answered = Q(answered_at__isnull=False)
    rows = (
        Question.objects.filter(created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(
            questions=Count("pk", filter=question),
            questions_answered=Count("pk", filter=question & answered),
            visits=Count("pk", filter=visit),
            visits_answered=Count("pk", filter=visit & answered),
        )
        .order_by("month")
    )
    found = {(row["month"].year, row["month"].month): row for row in rows}
    zero = {"questions": 0, "questions_answered": 0, "visits": 0, "visits_answered": 0}
    return [
        {**zero, **found.get((year, month), {}), "month": date(year, month, 1)}
        for year, month in months
    ]
