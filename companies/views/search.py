"""The site-wide search page: methods, companies and experience reports, each group with its
count. It lives in companies because it searches both apps (companies may use methods)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.pagecache import cache_anonymous_page
from methods import search
from methods.models import Method
from methods.views.reading import search_limited

from ..models import Company, ExperienceReport

# Each group of the search page shows this many; the method list shows the rest.
SEARCH_GROUP_SIZE = 10


@require_safe
@search_limited
@cache_anonymous_page
def search_page(request: HttpRequest) -> HttpResponse:
    """Results grouped as methods, companies and experience reports, each with its count."""
    parsed = search.parse_query(request.GET.get("q"))
    context: dict = {"query": parsed.text, "truncated": parsed.truncated, "parsed": parsed}
    if parsed:
        methods = search.search_methods(Method.objects.published(), parsed)
        companies = search.filter_by_text(Company.objects.all(), parsed).order_by("name")
        reports = search.filter_by_text(ExperienceReport.objects.published(), parsed)
        top_methods = list(
            methods.with_list_data(with_text=True).order_by("-rank", "title")[:SEARCH_GROUP_SIZE]
        )
        top_reports = list(
            reports.select_related("company", "method").order_by("-period_start")[
                :SEARCH_GROUP_SIZE
            ]
        )
        context.update(
            {
                "method_count": methods.count(),
                "method_rows": [
                    (m, search.highlight(m.summary + " " + m.body, parsed)) for m in top_methods
                ],
                "company_count": companies.count(),
                "companies": companies[:SEARCH_GROUP_SIZE],
                "report_count": reports.count(),
                "report_rows": [
                    (r, search.highlight(r.context + " " + r.outcome_behaviour, parsed))
                    for r in top_reports
                ],
                "list_querystring": urlencode({"q": parsed.text}),
            }
        )
    return render(request, "methods/search.html", context)
