"""The companies' part of a method page: its published experience reports, their statistics,
and which of the user's companies may report on it. Registered with methods.sections from
CompaniesConfig.ready(), so methods shows it without importing companies."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, OuterRef
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest

from core.models import SiteVersion
from methods import suggestions
from methods.models import Method, Phase
from methods.sections import has

from .models import Company, ExperienceReport
from .questions import companies_to_ask
from .services import attach_phase_notes, companies_of, report_statistics


def _all_phases() -> list[Phase]:
    return list(Phase.objects.all())


_UNSHOWN_TEXTS = (
    "search_text",
    "company__description",
    "company__description_html",
    "company__search_text",
    "trainer__description",
    "trainer__description_html",
)


def has_reports() -> Exists:
    """Whether the method has a published experience report, asked in the query that loads it
    (methods.sections.add_method_annotation): most methods have none, and their page then
    runs no query for reports."""
    return Exists(ExperienceReport.objects.published().filter(method=OuterRef("pk")))


def reports_section(request: HttpRequest) -> Callable[[Method], dict]:
    # Members of a company may report how the method worked for them. The same query settles
    # whether the user is an editor, which loading the method asks next.
    user_companies = companies_of(request.user)

    def context(method: Method) -> dict:
        reports = (
            list(
                ExperienceReport.objects.published()
                .filter(method=method)
                .select_related("company", "trainer")
                # The long texts of the report's company and trainer stay out: the page shows
                # their names and addresses.
                .defer(*_UNSHOWN_TEXTS)
                .order_by("-period_start", "-pk")
            )
            if has(method, "has_reports")
            else []
        )
        # Reports may tell about any phase, not only the method's own: one query for all six.
        if reports:
            attach_phase_notes(reports, SiteVersion.objects.cached_structure("phases", _all_phases))
        return {
            "reports": reports,
            "report_stats": report_statistics(reports),
            "report_companies": user_companies if method.is_published else [],
            # "Fråga ett företag som har använt metoden": from the reports already loaded.
            "ask_companies": companies_to_ask(reports, (c["slug"] for c in user_companies))
            if method.is_published
            else [],
        }

    return context


# --- The suggestion lists that reports move ("Används av företag i samma bransch") ------------


def _report_changed(sender, instance: ExperienceReport, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    suggestions.schedule(
        method_ids=[instance.method_id],
        line_ids=instance.company.business_lines.values_list("pk", flat=True),
    )


def _company_lines_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    # Before a clear, while the lines (or companies) about to go can still be read.
    if action not in {"pre_clear", "post_add", "post_remove"}:
        return
    if reverse:  # a line's companies changed
        companies = instance.companies.all() if action == "pre_clear" else pk_set
        lines = [instance.pk]
    else:
        companies = [instance.pk]
        lines = [*(pk_set or []), *instance.business_lines.values_list("pk", flat=True)]
    reported = ExperienceReport.objects.filter(company__in=companies).values_list(
        "method_id", flat=True
    )
    suggestions.schedule(method_ids=reported, line_ids=lines)


def connect_suggestions() -> None:
    """Called from CompaniesConfig.ready()."""
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            _report_changed, sender=ExperienceReport, dispatch_uid=f"suggestions-report-{name}"
        )
    m2m_changed.connect(
        _company_lines_changed,
        sender=Company.business_lines.through,
        dispatch_uid="suggestions-company-lines",
    )
