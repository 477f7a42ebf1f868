"""Experience reports: members of a company write them, editors review and publish them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.error_summary import ErrorLink
from core.forms import redisplayed
from core.review import ReviewError
from methods.choices import Status
from methods.models import Method, Phase
from methods.permissions import editor_required
from methods.picker import finds_methods

from .. import permissions, services
from ..models import Company, ExperienceReport
from ..report_forms import ExperienceReportForm

# Writing --------------------------------------------------------------------------------------


def _writable_company(request: HttpRequest, slug: str) -> Company:
    """The company, if the user may write its reports: 404 if unknown, 403 for others."""
    company = get_object_or_404(Company, slug=slug)
    if not permissions.can_write_report(request.user, company):
        raise PermissionDenied
    return company


def _form_page(
    request: HttpRequest, company: Company, report: ExperienceReport, form, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "companies/reports/report_form.html",
        {
            "company": company,
            "report": report,
            "form": form,
            "editable_by_author": report.pk is None
            or report.status in permissions.REPORT_EDITABLE_STATUSES,
        },
        status=status,
    )


def _save(request: HttpRequest, company: Company, report: ExperienceReport) -> HttpResponse:
    """Validate the posted form; save a draft, or save and send it to the editors. The form's
    search for the method shows it again as typed instead."""
    if finds_methods(request, "method"):
        form = redisplayed(ExperienceReportForm, request.POST, instance=report)
        return _form_page(request, company, report, form)
    submitting = "skicka" in request.POST and report.status in permissions.REPORT_EDITABLE_STATUSES
    form = ExperienceReportForm(request.POST, instance=report, submitting=submitting)
    if not form.is_valid():
        return _form_page(request, company, report, form, status=400)
    was_new = report.pk is None
    try:
        with transaction.atomic():
            report = services.save_report(form.save(commit=False), request.user)
            if form.personal_data_confirmed:
                services.record_report_personal_data_confirmed(report, request.user)
            if submitting:
                services.submit_report(
                    report,
                    request.user,
                    confirm_personal_data=form.cleaned_data["confirm_personal_data"],
                )
    except ReviewError as error:
        if was_new:
            report.pk = None  # the transaction was rolled back
        form.add_error(None, str(error))
        return _form_page(request, company, report, form, status=400)
    if submitting:
        messages.success(
            request,
            _("Tack! Rapporten är skickad till redaktionen. Du får ett mejl när den är granskad."),
        )
        return redirect("companies:reports", company.slug)
    if report.status in permissions.REPORT_EDITABLE_STATUSES:
        messages.success(request, _("Utkastet är sparat. Bara ni och redaktionen kan se det."))
        return redirect("companies:report_edit", company.slug, report.pk)
    messages.success(request, _("Ändringarna är sparade."))
    return redirect("companies:report_review", report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest, slug: str) -> HttpResponse:
    company = _writable_company(request, slug)
    report = ExperienceReport(company=company)
    if request.method == "POST":
        return _save(request, company, report)
    initial = {}
    chosen = Method.objects.published().filter(slug=request.GET.get("metod", "")).first()
    if chosen:
        initial["method"] = chosen.pk
    return _form_page(
        request, company, report, ExperienceReportForm(instance=report, initial=initial)
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    company = _writable_company(request, slug)
    report = get_object_or_404(
        ExperienceReport.objects.select_related("method", "author"), pk=pk, company=company
    )
    report.company = company
    if not permissions.can_edit_report(request.user, report):
        messages.info(
            request,
            _(
                "Rapporten ”%(title)s” har status %(status)s och kan inte ändras nu. Hör av er "
                "till redaktionen om något behöver rättas."
            )
            % {"title": report.title, "status": str(report.get_status_display()).lower()},
        )
        return redirect("companies:reports", company.slug)
    if request.method == "POST":
        return _save(request, company, report)
    return _form_page(request, company, report, ExperienceReportForm(instance=report))


@login_required
@require_safe
def report_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The company's own reports in every state, for its members (and editors)."""
    company = _writable_company(request, slug)
    reports = company.experience_reports.select_related("method", "author").order_by(
        "-updated_at", "-pk"
    )
    return render(
        request,
        "companies/reports/report_list.html",
        {
            "company": company,
            "reports": reports,
        },
    )


# Review ---------------------------------------------------------------------------------------


@editor_required
@require_safe
def report_queue(request: HttpRequest) -> HttpResponse:
    """Submitted reports, the one waiting longest first."""
    reports = ExperienceReport.objects.select_related("company", "method", "author")
    return render(
        request,
        "companies/reports/queue.html",
        {
            "queue": reports.filter(status=Status.SUBMITTED).order_by("updated_at", "pk"),
            "waiting_for_authors": reports.filter(status=Status.CHANGES_REQUESTED).order_by(
                "updated_at", "pk"
            ),
        },
    )


def _review_page(
    request: HttpRequest,
    report: ExperienceReport,
    *,
    status: int = 200,
    message_text: str = "",
    refusal: tuple[str, str, str] | None = None,
) -> HttpResponse:
    """The review page; `refusal` is (decision, reason, id of its form or field), shown in the
    error summary, linking to the decisions when that one is no longer offered."""
    services.attach_phase_notes([report], Phase.objects.all())
    transitions = services.REPORT_REVIEW.available(request.user, report)
    page_errors = []
    if refusal:
        name, reason, target = refusal
        page_errors.append(ErrorLink(reason, target if name in transitions else "beslut"))
    return render(
        request,
        "companies/reports/review.html",
        {
            "report": report,
            "findings": services.report_personal_data_findings(report),
            "message_text": message_text,
            "transitions": transitions,
            "page_errors": page_errors,
        },
        status=status,
    )


def _reviewed_report(pk: int) -> ExperienceReport:
    return get_object_or_404(
        ExperienceReport.objects.select_related("company", "method", "author", "trainer"), pk=pk
    )


@editor_required
@require_safe
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_page(request, _reviewed_report(pk))


def _decide(
    request: HttpRequest, pk: int, decision, success: str, *, name: str, target: str
) -> HttpResponse:
    report = _reviewed_report(pk)
    try:
        decision(report)
    except ReviewError as error:
        return _review_page(
            request,
            report,
            status=400,
            message_text=request.POST.get("meddelande", ""),
            refusal=(name, str(error), target),
        )
    messages.success(request, success)
    return redirect("companies:report_queue")


@editor_required
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda report: services.publish_report(
            report, request.user, confirm_personal_data=bool(request.POST.get("bekrafta"))
        ),
        _("Rapporten är publicerad."),
        name="publish",
        target="beslut-publicera",
    )


@editor_required
@require_POST
def report_request_changes(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda report: services.request_report_changes(
            report, request.user, request.POST.get("meddelande", "")
        ),
        _("Skribenten har fått ditt meddelande."),
        name="request_changes",
        target="meddelande",
    )


@editor_required
@require_POST
def report_archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda report: services.archive_report(report, request.user),
        _("Rapporten är arkiverad och visas inte längre i handboken."),
        name="archive",
        target="beslut-arkivera",
    )
