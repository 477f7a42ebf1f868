"""The coordinator overview: where the handbook and the companies stand, in numbers.

It is about both apps, so it lives in companies, which may use methods (never the reverse);
its path (/redaktion/oversikt/) is in companies/urls.py.

Every chart is an accessible inline SVG drawn from the same rows as the table beside it, and
each table can be downloaded as CSV. The counts over the whole handbook are kept per site
version, and the long lists show their first rows, so a view costs the same at any size.
"""

from __future__ import annotations

import csv
import io

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import AuditEntry, SiteVersion
from methods import listindex, searchlog
from methods.models import CompetenceArea, Method, Phase
from methods.permissions import editor_required

from .. import questions
from ..choices import County
from ..models import Company, Effort
from ..services import csv_safe

TABLES = {
    "faser": gettext_lazy("Metoder per fas"),
    "omraden": gettext_lazy("Metoder per kompetensområde"),
    "lan": gettext_lazy("Företag per län"),
    "insatser": gettext_lazy("Pågående insatser per fas"),
    "utan-rapport": gettext_lazy("Publicerade metoder utan erfarenhetsrapport"),
    "att-se-over": gettext_lazy("Metoder som ska ses över"),
    "fragor": gettext_lazy("Frågor och studiebesök mellan företag per månad"),
}


# The two lists of methods are as long as the handbook lets them be; the page shows their
# first rows and says how many there are, the CSV file has them all.
SHOWN_ROWS = 20


def _without_report():
    return (
        Method.objects.published()
        .filter(report_count=0)
        .order_by("title", "pk")
        .values_list("title", "slug")
    )


def _stale(today):
    return (
        Method.objects.published()
        .filter(review_by__lt=today)
        .order_by("review_by", "pk")
        .values_list("title", "slug", "review_by")
    )


def _handbook_figures(today) -> dict:
    """Everything the page counts over the whole handbook, kept per site version (a publish,
    a report or a new review date moves it on) and per day (what is overdue changes at
    midnight). Methods per phase and area and the published total come from the list index
    (methods.listindex), which keeps them as methods change, rather than from a count over the
    handbook."""
    counts = listindex.counts()
    phases = list(Phase.objects.order_by("number"))
    for phase in phases:
        phase.n = counts.get(("fas", str(phase.pk)), 0)
    areas = list(CompetenceArea.objects.order_by("name"))
    for area in areas:
        area.n = counts.get(("omrade", str(area.pk)), 0)
    return {
        "phases": phases,
        "areas": areas,
        "published": counts.get(listindex.ALL, 0),
        "without": (_without_report().count(), list(_without_report()[:SHOWN_ROWS])),
        "stale": (_stale(today).count(), list(_stale(today)[:SHOWN_ROWS])),
    }


def _tables(*, full: str | None = None) -> dict[str, dict]:
    """Each table: heading, column names, rows of (label, value) or longer tuples, and the
    number of rows it has in all. `full`: the one table whose every row is wanted (a CSV)."""
    today = timezone.localdate()
    figures = SiteVersion.objects.cached(
        f"overview:{today.isoformat()}", lambda: _handbook_figures(today)
    )
    counties = dict(County.choices)
    by_county = list(
        Company.objects.values_list("county").annotate(n=Count("pk")).order_by("-n", "county")
    )
    efforts = list(
        Effort.objects.values_list("current_phase__number")
        .annotate(n=Count("pk"), running=Count("pk", filter=Q(finished_at__isnull=True)))
        .order_by()
    )
    running = {number: running for number, _total, running in efforts}
    phases = figures["phases"]
    without_total, without = figures["without"]
    stale_total, stale = figures["stale"]
    if full == "utan-rapport":
        without = list(_without_report())
    if full == "att-se-over":
        stale = list(_stale(today))
    return {
        "faser": {
            "columns": [_("Fas"), _("Metoder")],
            "rows": [(f"{p.number}. {p.display_name}", p.n) for p in phases],
            "chart": True,
        },
        "omraden": {
            "columns": [_("Kompetensområde"), _("Metoder")],
            "rows": [(a.display_name, a.n) for a in figures["areas"]],
            "chart": True,
        },
        "lan": {
            "columns": [_("Län"), _("Företag")],
            "rows": [(str(counties.get(county, county)), n) for county, n in by_county],
            "chart": True,
        },
        "insatser": {
            "columns": [_("Fas"), _("Insatser")],
            "rows": [(f"{p.number}. {p.display_name}", running.get(p.number, 0)) for p in phases],
            "chart": True,
        },
        "utan-rapport": {
            "columns": [_("Metod"), _("Adress")],
            "rows": [(title, f"/metoder/{slug}/") for title, slug in without],
            "total": without_total,
            "chart": False,
        },
        "att-se-over": {
            "columns": [_("Metod"), _("Adress"), _("Granskas senast")],
            # The date itself: the page shows it as "30 nov. 2026", the CSV file as 2026-11-30.
            "rows": [(t, f"/metoder/{s}/", d) for t, s, d in stale],
            "total": stale_total,
            "chart": False,
        },
        # Counts only (companies.questions.monthly_counts, one query): never who asked whom.
        # The chart shows the questions asked; the table has all four columns.
        "fragor": {
            "columns": [
                _("Månad"),
                _("Frågor"),
                _("Besvarade frågor"),
                _("Önskemål om studiebesök"),
                _("Besvarade önskemål om studiebesök"),
            ],
            "rows": [
                (
                    date_format(row["month"], "YEAR_MONTH_FORMAT"),
                    row["questions"],
                    row["questions_answered"],
                    row["visits"],
                    row["visits_answered"],
                )
                for row in questions.monthly_counts(today)
            ],
            "chart": True,
        },
        "totals": {
            "methods": figures["published"],
            "companies": sum(n for _county, n in by_county),
            "efforts": sum(n for _number, n, _running in efforts),
        },
    }


def _bars(rows: list[tuple]) -> list[dict]:
    """Bar geometry for the SVG: width in percent of the largest value."""
    largest = max((row[1] for row in rows), default=0) or 1
    return [
        {"label": row[0], "value": row[1], "width": round(100 * row[1] / largest, 1), "y": i * 28}
        for i, row in enumerate(rows)
    ]


def _csv(slug: str, table: dict) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so spreadsheet programs read å, ä, ö correctly
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(c) for c in table["columns"]])
    writer.writerows([[csv_safe(str(cell)) for cell in row] for row in table["rows"]])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"kompetenshandboken-{slug}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@editor_required
def overview(request: HttpRequest) -> HttpResponse:
    wanted = request.GET.get("csv")
    if wanted:
        if wanted not in TABLES:
            raise Http404
        return _csv(wanted, _tables(full=wanted)[wanted])
    tables = _tables()
    totals = tables.pop("totals")
    sections = [
        {
            "slug": slug,
            "title": TABLES[slug],
            "columns": table["columns"],
            "rows": table["rows"],
            "total": table.get("total", len(table["rows"])),
            "bars": _bars(table["rows"]) if table["chart"] else None,
            "height": 28 * len(table["rows"]),
        }
        for slug, table in tables.items()
    ]
    activity = AuditEntry.objects.select_related("actor")[:15]
    return render(
        request,
        "methods/editorial/overview.html",
        {
            "sections": sections,
            "totals": totals,
            "activity": activity,
            # What readers looked for and found little of (methods.searchlog).
            "search_misses": searchlog.overview(),
        },
    )
