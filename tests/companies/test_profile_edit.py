"""Editing a company's profile: only its administrators, every profile field, nothing else."""

import pytest
from django.contrib.messages import get_messages
from django.utils import translation

from companies.forms import CompanyProfileForm
from companies.models import Company
from core.models import AuditAction, AuditEntry
from methods.models import BusinessLine
from tests.factories import CompanyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "stranger", "company_admin", "editor", "superuser"]


def edit_url(company) -> str:
    return f"/foretag/{company.slug}/redigera/"


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def valid_data(**changes) -> dict:
    data = {
        "name": "Kafé Nytt Namn",
        "org_number": "5560360793",
        "legal_form": "ekonomisk-forening",
        "municipality": "Västerås",
        "county": "vastmanland",
        "business_lines": [
            str(BusinessLine.objects.get(slug="cafe-och-restaurang").pk),
            str(BusinessLine.objects.get(slug="catering").pk),
        ],
        "description": "Vi driver ett **café**.\n\n<script>alert(1)</script>",
        "website": "https://www.kafe.example",
        "contact_email": "hej@kafe.example",
        "contact_phone": "021-12 34 56",
        "employees_band": "11-25",
        "participants_band": "1-10",
        "criterion_integration": "on",
        "criterion_reinvests": "on",
        "languages_at_work": "svenska, arabiska",
        "open_to_study_visits": "on",
        "accepts_questions": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def login(client, request):
    def login_as(role: str):
        if role != "anonymous":
            user = request.getfixturevalue(role)
            client.force_login(user)
            return user
        return None

    return login_as


# Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_edit_page_is_only_for_the_companys_admins(client, login, company, role):
    login(role)
    response = client.get(edit_url(company))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"/konto/login/?next=/foretag/{company.slug}/redigera/"
    elif role == "company_admin":
        assert response.status_code == 200
        assert "<h1>Redigera profilen för Kafé Test</h1>" in response.content.decode()
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_only_the_companys_admins_can_save(client, login, company, company_admin, role):
    login(role)
    response = client.post(edit_url(company), valid_data())
    company.refresh_from_db()
    if role == "company_admin":
        assert response.status_code == 302
        assert company.name == "Kafé Nytt Namn"
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert company.name == "Kafé Test"
        assert not company.audit_entries.exists()


def test_admin_of_another_company_cannot_edit(client, company):
    other_admin = UserFactory()
    MembershipFactory(user=other_admin, role="admin")
    client.force_login(other_admin)
    assert client.get(edit_url(company)).status_code == 403
    assert client.post(edit_url(company), valid_data()).status_code == 403


def test_unknown_company_is_404(client, company_admin):
    client.force_login(company_admin)
    assert client.get("/foretag/finns-inte/redigera/").status_code == 404


# The form ------------------------------------------------------------------------------------


def test_form_has_every_profile_field_and_nothing_about_individuals():
    assert list(CompanyProfileForm.base_fields) == [
        "name", "org_number", "legal_form", "municipality", "county", "business_lines",
        "description", "website", "contact_email", "contact_phone", "employees_band",
        "participants_band", "criterion_integration", "criterion_participation",
        "criterion_reinvests", "criterion_independent", "languages_at_work",
        "open_to_study_visits", "study_visit_areas", "study_visit_topics", "accepts_questions",
    ]  # fmt: skip
    model_fields = {
        f.name for f in Company._meta.get_fields() if getattr(f, "editable", False) and f.concrete
    }
    # Everything the company may say about itself; the rest is derived or managed elsewhere.
    assert model_fields - set(CompanyProfileForm.base_fields) == {"slug", "id"}
    for name, field in CompanyProfileForm.base_fields.items():
        text = f"{name} {field.label}".lower()
        assert "hälsa" not in text and "funktionsneds" not in text and "diagnos" not in text


def test_edit_page_shows_every_field_with_labels_and_current_values(client, company_admin):
    company = Company.objects.get(name="Kafé Test")
    company.criterion_participation = True
    company.save()
    client.force_login(company_admin)
    html = client.get(edit_url(company)).content.decode()
    assert '<label for="id_name">Företagets namn:</label>' in html
    assert 'value="Kafé Test"' in html
    assert f'value="{company.org_number}"' in html
    assert "<legend>Branscher</legend>" in html
    assert "<legend>Antal anställda</legend>" in html
    assert "<legend>Kriterier för arbetsintegrerande sociala företag</legend>" in html
    assert (
        '<label for="id_criterion_integration">Huvudsyftet är att integrera människor som står '
        "långt från arbetsmarknaden</label>"
    ) in html
    assert 'name="criterion_participation" id="id_criterion_participation" checked>' in html
    assert '<label for="id_employees_band_0">Vill inte ange</label>' in html
    assert html.count('type="checkbox" name="business_lines"') == BusinessLine.objects.count()


def test_admin_saves_every_field_normalised_and_sanitised(client, company, company_admin):
    client.force_login(company_admin)
    response = client.post(edit_url(company), valid_data())
    assert response.status_code == 302
    assert response["Location"] == f"/foretag/{company.slug}/"
    assert messages_of(response) == ["Företagets profil är sparad."]
    company.refresh_from_db()
    assert company.slug == "kafe-test"  # the address is stable
    assert company.name == "Kafé Nytt Namn"
    assert company.org_number == "556036-0793"
    assert company.legal_form == "ekonomisk-forening"
    assert company.municipality == "Västerås"
    assert company.county == "vastmanland"
    assert sorted(company.business_lines.values_list("slug", flat=True)) == [
        "cafe-och-restaurang",
        "catering",
    ]
    assert company.description_html == "<p>Vi driver ett <strong>café</strong>.</p>\n"
    assert company.website == "https://www.kafe.example"
    assert company.contact_email == "hej@kafe.example"
    assert company.contact_phone == "021-12 34 56"
    assert (company.employees_band, company.participants_band) == ("11-25", "1-10")
    assert (
        company.criterion_integration,
        company.criterion_participation,
        company.criterion_reinvests,
        company.criterion_independent,
    ) == (True, False, True, False)
    assert company.languages_at_work == "svenska, arabiska"
    assert company.open_to_study_visits is True


def test_saving_writes_an_audit_entry_naming_the_changed_fields(client, company, company_admin):
    client.force_login(company_admin)
    data = valid_data(
        name="Kafé Test",
        org_number=company.org_number,
        legal_form=company.legal_form,
        municipality=company.municipality,
        county=company.county,
        business_lines=[],
        description="",
        website="",
        contact_email="",
        contact_phone="",
        employees_band="",
        participants_band="",
        criterion_integration=None,
        criterion_reinvests=None,
        languages_at_work="",
        open_to_study_visits="on",
    )
    client.post(edit_url(company), data)
    entry = company.audit_entries.get()
    assert entry.actor == company_admin
    assert entry.action == AuditAction.SAVED
    assert entry.summary == "Ändrade profilen för Kafé Test: tar emot studiebesök"
    # Stored once, in Swedish: the field's label as its msgid, shown in the reader's language.
    assert (entry.message, entry.params) == (
        "Ändrade profilen för %(company)s: %(fields)s",
        {"company": "Kafé Test", "fields": {"words": ["Tar emot studiebesök"]}},
    )
    with translation.override("en"):
        assert entry.summary == "Changed the profile of Kafé Test: welcomes study visits"


def test_saving_without_changes_writes_no_audit_entry(client, company, company_admin):
    client.force_login(company_admin)
    data = {
        "name": company.name,
        "org_number": company.org_number,
        "legal_form": company.legal_form,
        "municipality": company.municipality,
        "county": company.county,
        "accepts_questions": "on",  # the box is ticked until the company switches it off
    }
    response = client.post(edit_url(company), data)
    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_company_page_links_admins_to_the_edit_page(client, company, member, company_admin):
    link = f'<a href="/foretag/{company.slug}/redigera/">Redigera profilen</a>'
    client.force_login(company_admin)
    assert link in client.get(company.get_absolute_url()).content.decode()
    client.force_login(member)
    assert link not in client.get(company.get_absolute_url()).content.decode()
    client.logout()
    assert link not in client.get(company.get_absolute_url()).content.decode()


# Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("org_number", "error"),
    [
        ("12345", "Organisationsnumret ska ha tio siffror, till exempel 802456-1234."),
        (
            "556036-0794",
            "Organisationsnumret stämmer inte: kontrollsiffran är fel. Kontrollera numret.",
        ),
    ],
)
def test_bad_org_number_is_shown_next_to_the_field_and_everything_kept(
    client, company, company_admin, org_number, error
):
    client.force_login(company_admin)
    response = client.post(edit_url(company), valid_data(org_number=org_number))
    assert response.status_code == 400
    assert response.context["form"].errors == {"org_number": [error]}
    html = response.content.decode()
    assert f'<ul class="field__errors" id="id_org_number_error"><li>{error}</li></ul>' in html
    assert f'value="{org_number}"' in html
    assert 'value="Kafé Nytt Namn"' in html
    assert "Vi driver ett **café**." in html
    assert 'value="hej@kafe.example"' in html
    assert '<h2 class="error-summary__title" id="felsammanfattning-rubrik">Det finns 1 fel' in html
    # The heading keeps the saved name while the typed one waits in the form.
    assert "<h1>Redigera profilen för Kafé Test</h1>" in html
    company.refresh_from_db()
    assert company.name == "Kafé Test"
    assert not AuditEntry.objects.exists()


def test_org_number_of_another_company_is_refused(client, company, company_admin):
    CompanyFactory(org_number="556036-0793")
    client.force_login(company_admin)
    response = client.post(edit_url(company), valid_data(org_number="556036 0793"))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "org_number": ["Ett annat företag i handboken har redan det här organisationsnumret."]
    }


def test_required_fields_and_bad_values_are_reported(client, company, company_admin):
    client.force_login(company_admin)
    response = client.post(
        edit_url(company),
        valid_data(
            name="  ",
            county="atlantis",
            website="inte en adress",
            contact_email="fel",
            employees_band="1000",
        ),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors == {
        "name": ["Detta fält måste fyllas i."],
        "county": [
            "Välj ett giltigt alternativ. atlantis finns inte bland tillgängliga alternativ."
        ],
        "website": ["Fyll i en giltig URL."],
        "contact_email": ["Fyll i en giltig e-postadress."],
        "employees_band": [
            "Välj ett giltigt alternativ. 1000 finns inte bland tillgängliga alternativ."
        ],
    }
