import pytest

from methods.choices import Status
from methods.models import BusinessLine
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
