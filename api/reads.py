"""What the read API reads, and how a row becomes an answer.

Every read starts from the owning app's QuerySet method that decides visibility, asked for a
signed-out reader (api.permissions.api_reader): Method.objects.visible_to, ExperienceReport
.objects.visible_to. The method list takes the list page's facets (methods.filters) and search
(methods.search); like that page it counts from the list index without a search, and loads a
page of rows by id. Each function costs a fixed number of queries, whatever the page size or
the size of the handbook.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.urls import reverse

from companies.choices import County, Factor, HeadcountBand, LegalForm
from companies.models import Company, ExperienceReport
from companies.services import report_statistics
from material.models import Film, FilmKind
from methods import listindex, search
from methods.choices import CostLevel, EvidenceStatus, LearningForm, Licence, Role, TimeBand
from methods.filters import MethodFilter
from methods.models import (
    LIST_ROW_FIELDS,
    BusinessLine,
    CompetenceArea,
    Method,
    MethodStep,
    Phase,
)
from trainers.choices import TeachingLanguage, TrainerEntity, TrainerKind, TrainingFormat
from trainers.models import Trainer

from .permissions import api_reader

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# As the list page (methods.views.listing.FEW_METHODS): up to this many methods through the
# filters, the page query names them by id from the list index instead of filtering.
FEW_METHODS = 1000
# The API's own order for syncing: least recently changed first, so a client that walks the
# pages with updated_since meets every change once.
CHANGED = "andrad"
# What a list item shows: a list row's columns (with_list_data) and when it last changed.
ROW_FIELDS = [*LIST_ROW_FIELDS, "updated_at"]


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def api_url(name: str, **kwargs) -> str:
    return site_url(reverse(f"api:{name}", kwargs=kwargs or None))


def choice(choices, value: str) -> dict:
    return {"value": value, "label": str(choices(value).label)}


def optional_choice(choices, value: str) -> dict | None:
    return choice(choices, value) if value else None


def term(row) -> dict:
    return {"slug": row.slug, "name": row.name, "name_en": row.name_en}


def phase_ref(phase: Phase) -> dict:
    return {
        "number": phase.number,
        "slug": phase.slug,
        "name": phase.name,
        "name_en": phase.name_en,
    }


@dataclass(frozen=True)
class Paging:
    number: int
    size: int

    @property
    def start(self) -> int:
        return (self.number - 1) * self.size

    def envelope(self, request, count: int, results: list) -> dict:
        pages = max(1, math.ceil(count / self.size))

        def link(number: int) -> str | None:
            if number < 1 or number > pages:
                return None
            params = QueryDict(mutable=True)
            params.update(request.GET)
            params["page"] = str(number)
            return site_url(request.path) + "?" + params.urlencode()

        return {
            "count": count,
            "page": self.number,
            "page_size": self.size,
            "pages": pages,
            "next": link(self.number + 1) if self.start + len(results) < count else None,
            "previous": link(self.number - 1) if self.number > 1 else None,
            "results": results,
        }


# Films -------------------------------------------------------------------------------------


def films_by_owner(model, ids) -> dict[int, list[dict]]:
    """The films of these methods, phases or trainers (owners readers can see), by owner id,
    in the order the pages show them: one query however many owners and films. Captions are
    not loaded, only whether there are any (they have their own address)."""
    if not ids:
        return {}
    meta = model._meta
    rows = (
        Film.objects.filter(
            owner_type__app_label=meta.app_label,
            owner_type__model=meta.model_name,
            owner_id__in=ids,
        )
        .only("owner_id", "kind", "title", "minutes", "file", "transcript", "url")
        .annotate(has_captions=ExpressionWrapper(~Q(captions=""), output_field=BooleanField()))
        .order_by("created_at", "pk")
    )
    found: dict[int, list[dict]] = {}
    for film in rows:
        found.setdefault(film.owner_id, []).append(film_item(film))
    return found


def film_item(film: Film) -> dict:
    return {
        "title": film.title,
        "minutes": film.minutes,
        "kind": choice(FilmKind, film.kind),
        "video_url": site_url(film.video_url()) if film.is_upload else film.url,
        "captions_url": site_url(film.captions_url()) if film.has_captions else None,
        "transcript": film.transcript,
    }


# Phases ------------------------------------------------------------------------------------


def phases(slug: str | None = None) -> list[dict]:
    """Every phase (or the one with this slug) with its guide, checklist and films: three
    queries (two when there is no such phase)."""
    rows = Phase.objects.prefetch_related("checklist_items").order_by("number")
    if slug is not None:
        rows = rows.filter(slug=slug)
    rows = list(rows)
    films = films_by_owner(Phase, [phase.pk for phase in rows])
    return [
        {
            **phase_ref(phase),
            "summary": phase.summary,
            "guide": phase.guide,
            "guide_html": phase.guide_html,
            "checklist": [item.text for item in phase.checklist_items.all()],
            "films": films.get(phase.pk, []),
            "updated_at": phase.updated_at,
            "url": site_url(phase.get_absolute_url()),
            "methods_api_url": api_url("methods") + "?" + urlencode({"fas": phase.slug}),
        }
        for phase in rows
    ]


# Methods -----------------------------------------------------------------------------------


def readable_methods(request) -> QuerySet:
    """The methods the API shows: what a signed-out reader sees (published, not binned)."""
    return Method.objects.visible_to(api_reader(request))


def method_page(request, paging: Paging, updated_since: datetime | None) -> dict:
    """A page of the method list with the list page's facets and search: four queries for the
    rows (ids, methods, phases, areas) and at most one count."""
    parsed = search.parse_query(request.GET.get("q"))
    method_filter = MethodFilter(request.GET, searching=bool(parsed))
    base = readable_methods(request)
    total = None
    if parsed:
        methods = method_filter.apply(search.search_methods(base, parsed))
    elif updated_since is not None:
        methods = method_filter.apply(base).filter(updated_at__gte=updated_since)
    else:
        # Counted by the list index; few enough methods named by id (as the list page).
        _facets, total, shown = method_filter.indexed_counts()
        if shown is not None and total <= FEW_METHODS:
            methods = base.filter(pk__in=listindex.members(shown))
        else:
            methods = method_filter.apply(base)
    if request.GET.get("sort") == CHANGED:
        methods = methods.order_by("updated_at", "pk")
    else:
        methods = method_filter.order(methods)
    if total is None:
        total = methods.count()
    window = slice(paging.start, paging.start + paging.size)
    if parsed:
        # Ranked by the search: the page's rows straight from it.
        rows = methods.with_list_data().only(*ROW_FIELDS)[window]
    else:
        # The page's ids by the order's index, then only those rows (as the list page).
        ids = methods.values("pk")[window]
        rows = (
            Method.objects.filter(pk__in=ids)
            .with_list_data()
            .only(*ROW_FIELDS)
            .order_by(*methods.query.order_by)
        )
    results = [method_item(method) for method in rows]
    return paging.envelope(request, total, results)


def method_item(method: Method) -> dict:
    return {
        "id": method.pk,
        "slug": method.slug,
        "title": method.title,
        "summary": method.summary,
        "learning_form": choice(LearningForm, method.learning_form),
        "phases": [phase_ref(phase) for phase in method.phases.all()],
        "competence_areas": [term(area) for area in method.competence_areas.all()],
        "report_count": method.report_count,
        "published_at": method.published_at,
        "updated_at": method.updated_at,
        "url": site_url(method.get_absolute_url()),
        "api_url": api_url("method", slug=method.slug),
    }


def method_detail(request, slug: str) -> dict | None:
    """One method with every public field, its role-by-phase matrix and what its published
    experience reports add up to, and its films: nine queries, or one when there is no such
    method."""
    method = (
        readable_methods(request)
        .defer("search_text", "search_vector")
        .select_related("author", "company", "external_trainer_phase")
        .prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("number")),
            Prefetch("steps", queryset=MethodStep.objects.select_related("phase")),
            Prefetch("competence_areas", queryset=CompetenceArea.objects.order_by("name")),
            Prefetch("business_lines", queryset=BusinessLine.objects.order_by("name")),
            "target_roles",
        )
        .filter(slug=slug)
        .first()
    )
    if method is None:
        return None
    method_phases = list(method.phases.all())
    reports = list(
        ExperienceReport.objects.visible_to(api_reader(request))
        .filter(method=method)
        .only("recommend_score", "helping_factors", "hindering_factors")
    )
    figures = report_statistics(reports)
    steps = sorted(
        method.steps.all(), key=lambda s: (s.phase.number, Role.values.index(s.role), s.pk)
    )
    return {
        **method_item(method),
        "easy_read": method.easy_read,
        "easy_read_html": method.easy_read_html,
        "purpose": method.purpose,
        "body": method.body,
        "body_html": method.body_html,
        "business_lines": [term(line) for line in method.business_lines.all()],
        "target_roles": [choice(Role, role) for role in method.target_role_values()],
        "prerequisites": method.prerequisites,
        "adaptation_language": method.adaptation_language,
        "adaptation_reading": method.adaptation_reading,
        "adaptation_health": method.adaptation_health,
        "prep_minutes": method.prep_minutes,
        "delivery_minutes": method.delivery_minutes,
        "followup_minutes": method.followup_minutes,
        "total_minutes": method.total_minutes,
        "time_band": choice(TimeBand, method.time_band),
        "group_size_min": method.group_size_min,
        "group_size_max": method.group_size_max,
        "cost_level": choice(CostLevel, method.cost_level),
        "internal_hours": float(method.internal_hours),
        "materials": method.materials,
        "needs_external_trainer": method.needs_external_trainer,
        "external_trainer_phase": (
            phase_ref(method.external_trainer_phase) if method.external_trainer_phase else None
        ),
        "indicators": {
            "reaction": method.indicator_reaction,
            "learning": method.indicator_learning,
            "behaviour": method.indicator_behaviour,
            "results": method.indicator_results,
        },
        "evidence_status": choice(EvidenceStatus, method.evidence_status),
        "source": method.source,
        "licence": choice(Licence, method.licence),
        "contact": method.contact,
        "author_name": method.author.public_name if method.author else "",
        "company": company_ref(method.company) if method.company else None,
        "review_by": method.review_by,
        "steps": [
            {
                "phase": step.phase.slug,
                "role": choice(Role, step.role),
                "text": step.text,
                "text_html": step.text_html,
            }
            for step in steps
        ],
        "matrix": [
            {
                "phase": phase_ref(row["phase"]),
                "cells": [
                    {
                        "role": choice(Role, role),
                        "text": cell.text if cell else None,
                        "text_html": cell.text_html if cell else None,
                    }
                    for role, cell in zip(Role.values, row["cells"], strict=True)
                ],
            }
            for row in method.role_phase_matrix(method_phases)
        ],
        "report_figures": {
            "count": figures["count"],
            "average_score": figures["average_score"],
            "top_helping": [{"label": lbl, "count": n} for lbl, n in figures["top_helping"]],
            "top_hindering": [{"label": lbl, "count": n} for lbl, n in figures["top_hindering"]],
        },
        "films": films_by_owner(Method, [method.pk]).get(method.pk, []),
        "reports_api_url": api_url("reports") + "?" + urlencode({"method": method.slug}),
    }


# Companies ---------------------------------------------------------------------------------


def company_ref(company: Company) -> dict:
    return {
        "slug": company.slug,
        "name": company.name,
        "url": site_url(company.get_absolute_url()),
        "api_url": api_url("company", slug=company.slug),
    }


def _companies() -> QuerySet:
    return (
        Company.objects.defer("search_text")
        .prefetch_related(
            Prefetch("business_lines", queryset=BusinessLine.objects.order_by("name"))
        )
        .order_by("name", "pk")
    )


def company_item(company: Company) -> dict:
    return {
        **company_ref(company),
        "org_number": company.org_number,
        "legal_form": choice(LegalForm, company.legal_form),
        "municipality": company.municipality,
        "county": choice(County, company.county),
        "business_lines": [term(line) for line in company.business_lines.all()],
        "description": company.description,
        "description_html": company.description_html,
        "website": company.website,
        "contact_email": company.contact_email,
        "contact_phone": company.contact_phone,
        "employees_band": optional_choice(HeadcountBand, company.employees_band),
        "participants_band": optional_choice(HeadcountBand, company.participants_band),
        "criteria": {
            "integration": company.criterion_integration,
            "participation": company.criterion_participation,
            "reinvests": company.criterion_reinvests,
            "independent": company.criterion_independent,
        },
        "languages_at_work": company.languages_at_work,
        "open_to_study_visits": company.open_to_study_visits,
        "updated_at": company.updated_at,
    }


def company_page(request, paging: Paging, updated_since: datetime | None) -> dict:
    """A page of the company directory's public profiles: three queries."""
    companies = _companies()
    if updated_since is not None:
        companies = companies.filter(updated_at__gte=updated_since)
    total = companies.count()
    rows = companies[paging.start : paging.start + paging.size]
    return paging.envelope(request, total, [company_item(c) for c in rows])


def company_detail(request, slug: str) -> dict | None:
    """One company's public profile with its published methods: three queries."""
    company = (
        _companies()
        .prefetch_related(
            Prefetch(
                "methods",
                queryset=readable_methods(request)
                .only("title", "slug", "company")
                .order_by("title", "pk"),
                to_attr="readable_methods",
            )
        )
        .filter(slug=slug)
        .first()
    )
    if company is None:
        return None
    return {
        **company_item(company),
        "methods": [method_link(m) for m in company.readable_methods],
        "reports_api_url": api_url("reports") + "?" + urlencode({"company": company.slug}),
    }


# Experience reports ------------------------------------------------------------------------


def method_link(method: Method) -> dict:
    return {
        "slug": method.slug,
        "title": method.title,
        "url": site_url(method.get_absolute_url()),
        "api_url": api_url("method", slug=method.slug),
    }


def readable_reports(request) -> QuerySet:
    """Published reports on methods readers can see, in their public form (no author, no
    consent record): what the method page and the company profile show."""
    return (
        ExperienceReport.objects.visible_to(api_reader(request))
        .filter(method__in=readable_methods(request))
        .select_related("method", "company")
        .only(
            *[
                f.name
                for f in ExperienceReport._meta.concrete_fields
                if f.name not in {"search_text", "author", "consent_recorded_at", "effort"}
            ],
            "method__title",
            "method__slug",
            "company__name",
            "company__slug",
        )
    )


def report_item(report: ExperienceReport, phases_by_slug: dict[str, Phase]) -> dict:
    notes = report.phase_notes or {}
    phase_notes = [
        {"phase": phase.slug, "number": phase.number, "text": str(notes[phase.slug])}
        for phase in sorted(phases_by_slug.values(), key=lambda p: p.number)
        if str(notes.get(phase.slug) or "").strip()
    ]
    factors = set(Factor.values)
    return {
        "id": report.pk,
        "title": report.title,
        "method": method_link(report.method),
        "company": company_ref(report.company),
        "period_start": report.period_start,
        "period_end": report.period_end,
        "context": report.context,
        "adaptations": report.adaptations,
        "phase_notes": phase_notes,
        "outcomes": {
            "reaction": report.outcome_reaction,
            "learning": report.outcome_learning,
            "behaviour": report.outcome_behaviour,
            "results": report.outcome_results,
        },
        "helped": report.helped,
        "hindered": report.hindered,
        "helping_factors": [
            choice(Factor, v) for v in report.helping_factors or [] if v in factors
        ],
        "hindering_factors": [
            choice(Factor, v) for v in report.hindering_factors or [] if v in factors
        ],
        "hours_spent": float(report.hours_spent) if report.hours_spent is not None else None,
        "cost_sek": report.cost_sek,
        "used_external_trainer": report.used_external_trainer,
        "external_trainer_notes": report.external_trainer_notes,
        "recommend_score": report.recommend_score,
        "published_at": report.published_at,
        "url": site_url(report.method.get_absolute_url()) + f"#rapport-{report.pk}",
        "api_url": api_url("report", pk=report.pk),
    }


def _phases_by_slug() -> dict[str, Phase]:
    return {phase.slug: phase for phase in Phase.objects.only("number", "slug")}


def report_page(
    request, paging: Paging, method: str | None, company: str | None, updated_since
) -> dict:
    """A page of published reports, latest period first, optionally of one method or one
    company: three queries (count, rows, phases)."""
    reports = readable_reports(request)
    if method:
        reports = reports.filter(method__slug=method)
    if company:
        reports = reports.filter(company__slug=company)
    if updated_since is not None:
        reports = reports.filter(updated_at__gte=updated_since)
    reports = reports.order_by("-period_start", "-pk")
    total = reports.count()
    rows = list(reports[paging.start : paging.start + paging.size])
    phases_by_slug = _phases_by_slug() if rows else {}
    return paging.envelope(request, total, [report_item(r, phases_by_slug) for r in rows])


def report_detail(request, pk: int) -> dict | None:
    report = readable_reports(request).filter(pk=pk).first()
    if report is None:
        return None
    return report_item(report, _phases_by_slug())


# Trainers ----------------------------------------------------------------------------------


def readable_trainers(request) -> QuerySet:
    """The approved profiles (Trainer.objects.visible_to a signed-out reader), in their public
    form: never the account, the contact address or the editors' message."""
    return (
        Trainer.objects.visible_to(api_reader(request))
        .only(
            "name",
            "slug",
            "entity",
            "kind",
            "summary",
            "description",
            "description_html",
            "counties",
            "languages",
            "formats",
            "website",
            "approved_at",
            "updated_at",
        )  # fmt: skip
        .prefetch_related(
            Prefetch("competence_areas", queryset=CompetenceArea.objects.order_by("name")),
            Prefetch(
                "methods",
                queryset=readable_methods(request).only("title", "slug").order_by("title", "pk"),
                to_attr="readable_methods",
            ),
        )
        .order_by("name", "pk")
    )


def _choices(choices, values) -> list[dict]:
    known = set(choices.values)
    return [choice(choices, v) for v in values or [] if v in known]


def trainer_item(trainer: Trainer, films: dict[int, list[dict]]) -> dict:
    return {
        "slug": trainer.slug,
        "name": trainer.name,
        "entity": choice(TrainerEntity, trainer.entity),
        "kind": choice(TrainerKind, trainer.kind),
        "summary": trainer.summary,
        "description": trainer.description,
        "description_html": trainer.description_html,
        "competence_areas": [term(area) for area in trainer.competence_areas.all()],
        "counties": _choices(County, trainer.counties),
        "languages": _choices(TeachingLanguage, trainer.languages),
        "formats": _choices(TrainingFormat, trainer.formats),
        "methods": [method_link(m) for m in trainer.readable_methods],
        "films": films.get(trainer.pk, []),
        "website": trainer.website,
        "approved_at": trainer.approved_at,
        "updated_at": trainer.updated_at,
        "url": site_url(trainer.get_absolute_url()),
        "api_url": api_url("trainer", slug=trainer.slug),
    }


def trainer_page(request, paging: Paging, updated_since: datetime | None) -> dict:
    """A page of approved trainer profiles by name: five queries (count, rows, areas,
    methods, films)."""
    trainers = readable_trainers(request)
    if updated_since is not None:
        trainers = trainers.filter(updated_at__gte=updated_since)
    total = trainers.count()
    rows = list(trainers[paging.start : paging.start + paging.size])
    films = films_by_owner(Trainer, [trainer.pk for trainer in rows])
    return paging.envelope(request, total, [trainer_item(t, films) for t in rows])


def trainer_detail(request, slug: str) -> dict | None:
    """One approved trainer's public profile: four queries, or one when there is none."""
    trainer = readable_trainers(request).filter(slug=slug).first()
    if trainer is None:
        return None
    return trainer_item(trainer, films_by_owner(Trainer, [trainer.pk]))
