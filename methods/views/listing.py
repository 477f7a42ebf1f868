"""The handbook's lists: the start page, the phase guides and the method list with its
facets. Views stay thin: reads come from QuerySet methods."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.pagecache import cache_anonymous_page

from .. import search
from ..choices import Status
from ..filters import MethodFilter
from ..models import Method, Phase
from .reading import search_limited

# The phase guide shows this many methods and links to the filtered list for the rest.
PHASE_PAGE_METHODS = 12


@require_safe
@cache_anonymous_page
def home(request: HttpRequest) -> HttpResponse:
    phases = Phase.objects.annotate(
        method_count=Count(
            "methods",
            filter=Q(methods__status=Status.PUBLISHED, methods__deleted_at__isnull=True),
        )
    ).order_by("number")  # Meta.ordering does not apply to aggregate queries
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


@require_safe
@cache_anonymous_page
def phase_detail(request: HttpRequest, slug: str) -> HttpResponse:
    phase = get_object_or_404(Phase.objects.prefetch_related("checklist_items"), slug=slug)
    phases = list(Phase.objects.all())
    index = next(i for i, p in enumerate(phases) if p.pk == phase.pk)
    in_phase = Method.objects.published().for_phase(phase)
    # A guide page, not a list: the best-documented methods, and a link to all of them.
    methods = in_phase.with_list_data().order_by("-report_count", "title")[:PHASE_PAGE_METHODS]
    return render(
        request,
        "methods/phase_detail.html",
        {
            "phase": phase,
            "phases": phases,
            "previous_phase": phases[index - 1] if index > 0 else None,
            "next_phase": phases[index + 1] if index + 1 < len(phases) else None,
            "methods": methods,
            "method_total": in_phase.count(),
        },
    )


@require_safe
@search_limited
@cache_anonymous_page
def method_list(request: HttpRequest) -> HttpResponse:
    parsed = search.parse_query(request.GET.get("q"))
    method_filter = MethodFilter(request.GET, searching=bool(parsed))
    base = Method.objects.published()
    if parsed:
        base = search.search_methods(base, parsed)
    methods = method_filter.order(method_filter.apply(base).with_list_data(with_text=bool(parsed)))
    page = Paginator(methods, settings.METHODS_PER_PAGE).get_page(request.GET.get("sida"))
    if parsed:
        rows = [(m, search.highlight(m.summary + " " + m.body, parsed)) for m in page.object_list]
    else:
        rows = [(m, None) for m in page.object_list]
    return render(
        request,
        "methods/method_list.html",
        {
            "page": page,
            "rows": rows,
            "filter": method_filter,
            "facets": method_filter.facet_views(base, search_key=repr(parsed.groups)),
            "parsed": parsed,
            "query": parsed.text,
            "querystring_without_page": method_filter.querystring(
                q=parsed.text, sort=request.GET.get("sort", "")
            ),
        },
    )
