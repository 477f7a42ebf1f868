"""The demo's knowledge between companies (content/demo/questions/questions.yaml): what each
company offers to show on a study visit, and questions asked and answered between companies.

Loaded after the companies, methods and reports, by seed_demo. Idempotent: a question is found
by its company, asker and text, so running the seed again changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from django.utils import timezone

from companies.choices import QuestionKind
from companies.models import Company, Question
from methods.models import CompetenceArea, Method

from .fields import ContentError
from .files import load_yaml

FILE = Path("questions") / "questions.yaml"


def _moment(day: datetime.date) -> datetime.datetime:
    """A demo date at ten in the morning, the site's time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _company(slug: str) -> Company:
    company = Company.objects.filter(slug=slug).first()
    if company is None:
        raise ContentError(f"{FILE}: there is no company {slug!r}")
    return company


def load_questions(folder: Path, person: Callable) -> int:
    """Load the study-visit offers and the questions; the number of questions.

    `person(display_name)` finds a demo account by its display name (users.yaml)."""
    data = load_yaml((folder / FILE).read_text(encoding="utf-8"))
    for offer in data.get("study_visits") or []:
        company = _company(offer["company"])
        areas = list(CompetenceArea.objects.filter(slug__in=offer.get("areas") or []))
        if len(areas) != len(offer.get("areas") or []):
            raise ContentError(f"{FILE}: unknown competence area for {offer['company']!r}")
        company.open_to_study_visits = True
        company.study_visit_topics = offer.get("topics") or ""
        company.save()
        company.study_visit_areas.set(areas)
    rows = data.get("questions") or []
    for row in rows:
        company = _company(row["company"])
        if row["kind"] not in QuestionKind.values:
            raise ContentError(f"{FILE}: unknown kind {row['kind']!r}")
        method = None
        if row.get("method"):
            method = Method.objects.filter(slug=row["method"]).first()
            if method is None:
                raise ContentError(f"{FILE}: there is no method {row['method']!r}")
        question, _created = Question.objects.update_or_create(
            company=company,
            asker=person(row["asker"]),
            body=row["body"],
            defaults={
                "kind": row["kind"],
                "method": method,
                "answer": row.get("answer") or "",
                "answered_by": person(row["answered_by"]) if row.get("answered_by") else None,
                "answered_at": _moment(row["answered"]) if row.get("answered") else None,
            },
        )
        # The dates the demo tells of (created_at is set on the first save).
        Question.objects.filter(pk=question.pk).update(created_at=_moment(row["asked"]))
    return len(rows)
