"""The companies' part of a method page: its published experience reports, their statistics,
and which of the user's companies may report on it. Registered with methods.sections from
CompaniesConfig.ready(), so methods shows it without importing companies."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from core.models import SiteVersion
from methods.models import Method, Phase

from .models import ExperienceReport
from .services import attach_phase_notes, companies_of, report_statistics


def _all_phases() -> list[Phase]:
    return list(Phase.objects.all())


def reports_section(request: HttpRequest) -> Callable[[Method], dict]:
    # Members of a company may report how the method worked for them. The same query settles
    # whether the user is an editor, which loading the method asks next.
    user_companies = companies_of(request.user)

    def context(method: Method) -> dict:
        reports = list(
            ExperienceReport.objects.published()
            .filter(method=method)
            .select_related("company")
            .order_by("-period_start", "-pk")
        )
        # Reports may tell about any phase, not only the method's own: one query for all six.
        if reports:
            attach_phase_notes(reports, SiteVersion.objects.cached_structure("phases", _all_phases))
        return {
            "reports": reports,
            "report_stats": report_statistics(reports),
            "report_companies": user_companies if method.is_published else [],
        }

    return context
