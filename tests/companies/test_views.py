import datetime

import pytest
from django.utils import timezone

from companies.models import ExperienceReport
from methods.choices import Status
from methods.models import BusinessLine, CompetenceArea
from tests.factories import CompanyFactory, ExperienceReportFactory, MethodFactory

pytestmark = pytest.mark.django_db


def test_directory_lists_companies_with_their_published_report_counts(client):
    cafe = CompanyFactory(name="Kafé Ett", municipality="Umeå", county="vasterbotten")
    cafe.business_lines.set([BusinessLine.objects.get(slug="cafe-och-restaurang")])
    CompanyFactory(name="Städ Två")
    ExperienceReportFactory(company=cafe)
    ExperienceReportFactory(company=cafe, status=Status.DRAFT)
    response = client.get("/foretag/")
    assert [(c.name, c.report_count) for c in response.context["companies"]] == [
        ("Kafé Ett", 1),
        ("Städ Två", 0),
    ]
    html = response.content.decode()
    assert "Umeå, Västerbottens län" in html
    assert "Café och restaurang" in html


def test_directory_filters_by_county_and_ignores_unknown_values(client):
    CompanyFactory(name="Norr", county="norrbotten")
    CompanyFactory(name="Syd", county="skane")
    response = client.get("/foretag/", {"lan": "skane"})
    assert [c.name for c in response.context["companies"]] == ["Syd"]
    response = client.get("/foretag/", {"lan": "atlantis"})
    assert [c.name for c in response.context["companies"]] == ["Norr", "Syd"]


@pytest.mark.parametrize("count", [2, 12])
def test_directory_query_count_is_constant(client, django_assert_num_queries, count):
    for _ in range(count):
        company = CompanyFactory()
        company.business_lines.set(BusinessLine.objects.all()[:2])
    with django_assert_num_queries(3):  # + the site version (page cache)
        client.get("/foretag/")


def test_profile_shows_facts_published_methods_and_reports_only(client):
    company = CompanyFactory(
        name="Returbaren",
        org_number="556036-0793",
        description="Vi säljer **second hand**.",
        open_to_study_visits=True,
        criterion_integration=True,
    )
    MethodFactory(title="Vår metod", company=company)
    MethodFactory(title="Vårt utkast", company=company, status=Status.DRAFT)
    ExperienceReportFactory(company=company, title="Publicerad rapport")
    ExperienceReportFactory(company=company, title="Hemlig rapport", status=Status.DRAFT)
    response = client.get(company.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Returbaren</h1>" in html
    assert "556036-0793" in html
    assert "Vi säljer <strong>second hand</strong>." in html
    assert "Tar emot studiebesök" in html
    assert "Vår metod" in html and "Vårt utkast" not in html
    assert "Publicerad rapport" in html and "Hemlig rapport" not in html


def test_profile_never_shows_members(client, company, member):
    html = client.get(company.get_absolute_url()).content.decode()
    assert member.email not in html
    assert member.display_name not in html


def test_unknown_company_is_404(client):
    assert client.get("/foretag/finns-inte/").status_code == 404


@pytest.mark.parametrize("count", [1, 8])
def test_profile_query_count_is_constant(client, django_assert_num_queries, count):
    company = CompanyFactory()
    ExperienceReportFactory.create_batch(count, company=company)
    with django_assert_num_queries(5):  # + the site version (page cache)
        client.get(company.get_absolute_url())


@pytest.mark.parametrize("count", [1, 5])
def test_profile_of_a_company_taking_study_visits_reads_its_areas_once(
    client, django_assert_num_queries, count
):
    company = CompanyFactory(open_to_study_visits=True)
    company.study_visit_areas.set(CompetenceArea.objects.all()[:count])
    with django_assert_num_queries(6):  # + "Vi tar emot studiebesök om"
        response = client.get(company.get_absolute_url())
    assert len(response.context["company"].shown_study_visit_areas) == count


def many_reports(company, count: int) -> None:
    """Published reports in bulk, each a day earlier than the one before."""
    method = MethodFactory()
    ExperienceReport.objects.bulk_create(
        ExperienceReport(
            company=company, method=method, title=f"Rapport {i:03d}",
            period_start=datetime.date(2026, 6, 1) - datetime.timedelta(days=i),
            period_end=datetime.date(2026, 6, 2), context="Så gick det.",
            recommend_score=4, status=Status.PUBLISHED, consent_to_publish=True,
            consent_recorded_at=timezone.now(),
        )
        for i in range(count)
    )  # fmt: skip


@pytest.mark.parametrize("who, extra", [("member", 0), ("member", 100), ("company_admin", 100)])
def test_signed_in_profile_query_count_does_not_grow(
    client, request, company, django_assert_num_queries, who, extra
):
    many_reports(company, 3)
    many_reports(CompanyFactory(), extra)  # another company's reports do not matter
    many_reports(company, extra)
    client.force_login(request.getfixturevalue(who))
    # session, user (with the editor check), company, its lines, its methods, a page of its
    # reports (with their total), the user's role (asked once for both questions); for its
    # admins the open questions to the company (their inbox, a page and its total in one query)
    with django_assert_num_queries(8 if who == "company_admin" else 7):
        response = client.get(company.get_absolute_url())
    assert response.context["reports"].total == 3 + extra
    assert len(response.context["reports"]) == min(20, 3 + extra)
    assert response.context["can_follow"] is True
    assert response.context["is_company_admin"] is (who == "company_admin")


def test_profile_shows_a_page_of_reports_at_a_time(client, company):
    many_reports(company, 25)
    html = client.get(company.get_absolute_url()).content.decode()
    assert "Rapport 019" in html and "Rapport 020" not in html
    assert 'href="?rapporter=2#company-reports-heading" rel="next"' in html
    html = client.get(company.get_absolute_url(), {"rapporter": 2}).content.decode()
    assert "Rapport 020" in html and "Rapport 024" in html and "Rapport 019" not in html
    assert "21–25 av 25" in html
