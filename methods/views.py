"""Reading pages of the handbook. Views stay thin: reads come from QuerySet methods."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from .choices import Role, Status
from .filters import MethodFilter
from .models import Method, MethodStep, Phase
from .rendering import render_markdown

SEARCH_MAX_LENGTH = 200


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    phases = Phase.objects.annotate(
        method_count=Count(
            "methods",
            filter=Q(methods__status=Status.PUBLISHED, methods__deleted_at__isnull=True),
        )
    )
    recent = Method.objects.published().with_list_data().recent()[:6]
    return render(
        request,
        "methods/home.html",
        {
            "phases": phases,
            "recent_methods": recent,
            "method_count": Method.objects.published().count(),
        },
    )


@require_GET
def phase_detail(request: HttpRequest, slug: str) -> HttpResponse:
    phase = get_object_or_404(Phase.objects.prefetch_related("checklist_items"), slug=slug)
    phases = list(Phase.objects.all())
    index = next(i for i, p in enumerate(phases) if p.pk == phase.pk)
    methods = Method.objects.published().for_phase(phase).with_list_data().order_by("title")
    return render(
        request,
        "methods/phase_detail.html",
        {
            "phase": phase,
            "phases": phases,
            "previous_phase": phases[index - 1] if index > 0 else None,
            "next_phase": phases[index + 1] if index + 1 < len(phases) else None,
            "methods": methods,
        },
    )


@require_GET
def method_list(request: HttpRequest) -> HttpResponse:
    method_filter = MethodFilter(request.GET)
    methods = method_filter.apply(Method.objects.published()).with_list_data()
    paginator = Paginator(methods.order_by("title", "pk"), settings.METHODS_PER_PAGE)
    page = paginator.get_page(request.GET.get("sida"))
    return render(
        request,
        "methods/method_list.html",
        {
            "page": page,
            "methods": page.object_list,
            "filter": method_filter,
            "querystring_without_page": method_filter.querystring(),
        },
    )


def _role_phase_matrix(method: Method, phases: list[Phase]) -> list[dict]:
    """Rows of the role-by-phase matrix: each of the method's phases with one cell per role."""
    steps = {(s.phase_id, s.role): s for s in method.steps.all()}
    rows = []
    for phase in phases:
        cells = [steps.get((phase.pk, role)) for role in Role.values]
        if any(cells):
            rows.append({"phase": phase, "cells": cells})
    return rows


@require_GET
def method_detail(request: HttpRequest, slug: str) -> HttpResponse:
    from companies.models import ExperienceReport

    queryset = (
        Method.objects.visible_to(request.user)
        .select_related("author", "company", "external_trainer_phase")
        .prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("number")),
            "competence_areas",
            "business_lines",
            "target_roles",
            Prefetch("steps", queryset=MethodStep.objects.select_related("phase")),
        )
    )
    method = get_object_or_404(queryset, slug=slug)
    method_phases = list(method.phases.all())
    reports = list(
        ExperienceReport.objects.published()
        .filter(method=method)
        .select_related("company")
        .order_by("-period_start", "-pk")
    )
    easy_read = request.GET.get("version") == "lattlast" and bool(method.easy_read_html)
    return render(
        request,
        "methods/method_detail.html",
        {
            "method": method,
            "method_phases": method_phases,
            "roles": Role.choices,
            "matrix": _role_phase_matrix(method, method_phases),
            "reports": reports,
            "easy_read": easy_read,
        },
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """A plain search in titles and summaries (the full-text search replaces it later)."""
    from companies.models import Company

    raw = request.GET.get("q", "")
    query = raw.strip()[:SEARCH_MAX_LENGTH]
    truncated = len(raw.strip()) > SEARCH_MAX_LENGTH
    methods = companies = []
    if query:
        methods = list(
            Method.objects.published()
            .filter(Q(title__icontains=query) | Q(summary__icontains=query))
            .with_list_data()
            .order_by("title")[:50]
        )
        companies = list(
            Company.objects.filter(
                Q(name__icontains=query) | Q(municipality__icontains=query)
            ).order_by("name")[:20]
        )
    return render(
        request,
        "methods/search.html",
        {"query": query, "truncated": truncated, "methods": methods, "companies": companies},
    )


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


@login_required
@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The markdownx live preview, through the same sanitising renderer as stored text."""
    content = request.POST.get("content")
    if content is None:
        return HttpResponseBadRequest("content saknas")
    return HttpResponse(render_markdown(content[:100_000]))


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the error may be the database itself.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)
