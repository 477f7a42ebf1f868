"""A company's own profile and data: its administrators edit the profile and download
everything the handbook holds about the company."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .. import services
from ..forms import CompanyProfileForm
from ..models import Company
from .members import _admin_company


@login_required
@require_http_methods(["GET", "POST"])
def company_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Company admins: every field of the profile, in one form."""
    company = _admin_company(request, slug)
    # The form writes what was typed into the instance while validating; the page's heading
    # and links keep the saved name.
    saved_name = company.name
    if request.method == "POST":
        form = CompanyProfileForm(request.POST, instance=company)
        if form.is_valid():
            with transaction.atomic():
                company = form.save()
                if form.has_changed():
                    labels = [form.fields[name].label for name in form.changed_data]
                    services.record_profile_saved(company, request.user, labels)
            messages.success(request, _("Företagets profil är sparad."))
            return redirect(company)
    else:
        form = CompanyProfileForm(instance=company)
    return render(
        request,
        "companies/company_form.html",
        {"company": company, "company_name": saved_name, "form": form},
        status=400 if form.is_bound else 200,
    )


def _export_filename(company: Company, extension: str) -> str:
    return f"{company.slug}-uppgifter-{timezone.localdate().isoformat()}.{extension}"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@never_cache
@login_required
@require_GET
def export_json(request: HttpRequest, slug: str) -> HttpResponse:
    """Company admins: everything about the company as one JSON document."""
    company = _admin_company(request, slug)
    document = services.company_export(company)
    content = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    services.record_export(company, request.user, "JSON")
    return _attachment(
        content.encode(), "application/json; charset=utf-8", _export_filename(company, "json")
    )


@never_cache
@login_required
@require_GET
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Company admins: the same data as a ZIP of CSV files, one per table."""
    company = _admin_company(request, slug)
    content = services.export_zip(services.company_export(company))
    services.record_export(company, request.user, "CSV")
    return _attachment(content, "application/zip", _export_filename(company, "zip"))
