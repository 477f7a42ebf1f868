"""The coordinator overview: where the handbook and the companies stand, in numbers.

It is about both apps, so it lives in companies, which may use methods (never the reverse);
its path (/redaktion/oversikt/) is in companies/urls.py.

Every chart is an accessible inline SVG drawn from the same rows as the table beside it, and
each table can be downloaded as CSV.
"""

from __future__ import annotations

import csv
import io

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import AuditEntry
from methods.choices import Status
from methods.models import CompetenceArea, Method, Phase
from methods.permissions import editor_required

from ..choices import County
from ..models import Company, Effort
from ..services import csv_safe

PUBLISHED = Q(methods__status=Status.PUBLISHED, methods__deleted_at__isnull=True)
TABLES = {
    "faser": gettext_lazy("Metoder per fas"),
    "omraden": gettext_lazy("Metoder per kompetensområde"),
    "lan": gettext_lazy("Företag per län"),
    "insatser": gettext_lazy("Pågående insatser per fas"),
    "utan-rapport": gettext_lazy("Publicerade metoder utan erfarenhetsrapport"),
    "att-se-over": gettext_lazy("Metoder som ska ses över"),
}


def _tables() -> dict[str, dict]:
    """Each table: heading, column names, and rows of (label, value) or longer tuples."""
    today = timezone.localdate()
    counties = dict(County.choices)
    phases = Phase.objects.annotate(n=Count("methods", filter=PUBLISHED)).order_by("number")
    areas = CompetenceArea.objects.annotate(n=Count("methods", filter=PUBLISHED)).order_by("name")
    by_county = Company.objects.values("county").annotate(n=Count("pk")).order_by("-n", "county")
    running = dict(
        Effort.objects.filter(finished_at__isnull=True)
        .values_list("current_phase__number")
        .annotate(n=Count("pk"))
    )
    published = Method.objects.published()
    without = published.filter(report_count=0).order_by("title").values_list("title", "slug")
    stale = (
        published.filter(review_by__lt=today)
        .order_by("review_by")
        .values_list("title", "slug", "review_by")
    )
    return {
        "faser": {
            "columns": [_("Fas"), _("Metoder")],
            "rows": [(f"{p.number}. {p.display_name}", p.n) for p in phases],
            "chart": True,
        },
        "omraden": {
            "columns": [_("Kompetensområde"), _("Metoder")],
            "rows": [(a.display_name, a.n) for a in areas],
            "chart": True,
        },
        "lan": {
            "columns": [_("Län"), _("Företag")],
            "rows": [(str(counties.get(r["county"], r["county"])), r["n"]) for r in by_county],
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
            "chart": False,
        },
        "att-se-over": {
            "columns": [_("Metod"), _("Adress"), _("Granskas senast")],
            # The date itself: the page shows it as "30 nov. 2026", the CSV file as 2026-11-30.
            "rows": [(t, f"/metoder/{s}/", d) for t, s, d in stale],
            "chart": False,
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
    tables = _tables()
    wanted = request.GET.get("csv")
    if wanted:
        if wanted not in tables:
            raise Http404
        return _csv(wanted, tables[wanted])
    sections = [
        {
            "slug": slug,
            "title": TABLES[slug],
            "columns": table["columns"],
            "rows": table["rows"],
            "bars": _bars(table["rows"]) if table["chart"] else None,
            "height": 28 * len(table["rows"]),
        }
        for slug, table in tables.items()
    ]
    totals = {
        "methods": Method.objects.published().count(),
        "companies": Company.objects.count(),
        "efforts": Effort.objects.count(),
    }
    activity = AuditEntry.objects.select_related("actor")[:15]
    return render(
        request,
        "methods/editorial/overview.html",
        {"sections": sections, "totals": totals, "activity": activity},
    )
