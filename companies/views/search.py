"""The site-wide search page: methods, companies and experience reports, each group with its
count. It lives in companies because it searches both apps (companies may use methods)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.pagecache import cache_anonymous_page
from methods import search, searchlog
from methods.models import Method
from methods.views.reading import search_limited

from ..models import Company, ExperienceReport

# Each group of the search page shows this many; the method list shows the rest.
SEARCH_GROUP_SIZE = 10
# The query parameter that turns spelling correction off.
EXACT_PARAMETER = "exakt"


@require_safe
@cache_anonymous_page
@search_limited
def search_page(request: HttpRequest) -> HttpResponse:
    """Results grouped as methods, companies and experience reports, each with its count."""
    # "Sök i stället på ...": the words exactly as typed, no correction.
    exact = request.GET.get(EXACT_PARAMETER) == "1"
    parsed = search.parse_query(request.GET.get("q"), correct=not exact)
    context: dict = {"query": parsed.text, "truncated": parsed.truncated, "parsed": parsed}
    if parsed:
        methods = search.search_methods(Method.objects.published(), parsed)
        companies = search.filter_by_text(Company.objects.all(), parsed)
        reports = search.filter_by_text(ExperienceReport.objects.published(), parsed)
        top_methods, method_count = _first_and_count(
            methods.with_list_data(with_text=True).order_by("-rank", "title", "pk")
        )
        top_companies, company_count = _first_and_count(companies.order_by("name", "pk"))
        top_reports, report_count = _first_and_count(
            reports.select_related("company", "method").order_by("-period_start", "pk")
        )
        context.update(
            {
                "method_count": method_count,
                "method_rows": [
                    (m, search.highlight(m.summary + " " + m.body, parsed)) for m in top_methods
                ],
                "company_count": company_count,
                "companies": top_companies,
                "report_count": report_count,
                "report_rows": [
                    (r, search.highlight(r.context + " " + r.outcome_behaviour, parsed))
                    for r in top_reports
                ],
                "list_querystring": urlencode({"q": parsed.text}),
                # Filled by the search itself, so read after it ran.
                "corrected_words": list(dict.fromkeys(parsed.corrections.values())),
                "exact_querystring": urlencode({"q": parsed.text, EXACT_PARAMETER: "1"}),
            }
        )
    response = render(request, "methods/search.html", context)
    if parsed:
        # Few methods found: counted for the editors (methods.searchlog).
        return searchlog.count_if_thin(response, parsed.text, context["method_count"])
    return response


def _first_and_count(queryset) -> tuple[list, int]:
    """The first SEARCH_GROUP_SIZE rows and how many there are in all, in one query: the
    matching is done once, not once to count and again to show."""
    if not search.is_postgresql():
        # SQLite computes a window by copying every matching row, texts and all, before the
        # limit (and then looks each row's relevance up without an index): 4 s for 2,400 hits
        # at 10,000 methods, against 0.25 s for the page and a count. Always counted, even when
        # the page is short, so the page costs the same queries at any handbook size.
        return list(queryset[:SEARCH_GROUP_SIZE]), queryset.count()
    rows = list(queryset.annotate(total_matches=Window(Count("pk")))[:SEARCH_GROUP_SIZE])
    return rows, (rows[0].total_matches if rows else 0)
