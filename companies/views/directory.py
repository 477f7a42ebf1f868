"""Company directory and profiles."""

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_GET

from methods.choices import Status
from methods.models import Method

from .. import services
from ..choices import County
from ..models import Company, ExperienceReport


@require_GET
def company_list(request: HttpRequest) -> HttpResponse:
    companies = Company.objects.prefetch_related("business_lines").annotate(
        report_count=Count(
            "experience_reports",
            filter=Q(experience_reports__status=Status.PUBLISHED),
            distinct=True,
        )
    )
    county = request.GET.get("lan", "")
    if county in County.values:
        companies = companies.filter(county=county)
    else:
        county = ""
    return render(
        request,
        "companies/company_list.html",
        {"companies": companies, "counties": County.choices, "selected_county": county},
    )


@require_GET
def company_detail(request: HttpRequest, slug: str) -> HttpResponse:
    company = get_object_or_404(
        Company.objects.prefetch_related(
            "business_lines",
            Prefetch(
                "methods",
                queryset=Method.objects.published().order_by("title"),
                to_attr="published_methods",
            ),
            Prefetch(
                "experience_reports",
                queryset=ExperienceReport.objects.published().select_related("method"),
                to_attr="published_reports",
            ),
        ),
        slug=slug,
    )
    return render(
        request,
        "companies/company_detail.html",
        {"company": company, "is_company_admin": services.is_company_admin(request.user, company)},
    )


urlpatterns = [
    path("", company_list, name="list"),
]
detail_urlpatterns = [
    path("<slug:slug>/", company_detail, name="detail"),
]
