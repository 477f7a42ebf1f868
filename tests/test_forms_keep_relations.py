"""No form drops a relation it did not show.

For every form that saves relations, and every role that may save it, the page is fetched as
that role and sent back exactly as the browser would send it, untouched. Nothing stored may
change: not the company a method comes from (an editor saving a member's method used to clear
it), not its areas, lines, roles, phases or steps, not a report's method once that method is
no longer published.
"""

from __future__ import annotations

import pytest

from companies.models import BusinessLine, ExperienceReport
from methods import workflow
from methods.choices import Role, Status
from methods.models import CompetenceArea, Method, MethodStep, Phase
from methods.wizard import STEP_SLUGS
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    UserFactory,
    make_editor,
)
from tests.formpage import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    company = CompanyFactory(name="Kafé Källan")
    company.business_lines.set(BusinessLine.objects.order_by("pk")[:2])
    author = UserFactory(display_name="Ali Författare")
    co_member = UserFactory(display_name="Cleo Kollega")
    company_admin = UserFactory(display_name="Ada Admin")
    MembershipFactory(user=author, company=company, role="member")
    MembershipFactory(user=co_member, company=company, role="member")
    MembershipFactory(user=company_admin, company=company, role="admin")
    # The editor belongs to a company of their own, which must not be offered for the member's
    # method, nor replace its company.
    editor = make_editor(display_name="Eva Redaktör")
    MembershipFactory(user=editor, company=CompanyFactory(name="Redaktionens ASF"))
    superuser = UserFactory(display_name="Super", is_staff=True, is_superuser=True)
    return {
        "company": company,
        "author": author,
        "co_member": co_member,
        "company_admin": company_admin,
        "editor": editor,
        "superuser": superuser,
    }


def method_state(method: Method) -> dict:
    method = Method.objects.get(pk=method.pk)
    return {
        "company": method.company_id,
        "competence_areas": sorted(method.competence_areas.values_list("pk", flat=True)),
        "business_lines": sorted(method.business_lines.values_list("pk", flat=True)),
        "target_roles": sorted(method.target_roles.values_list("role", flat=True)),
        "phases": sorted(method.phases.values_list("pk", flat=True)),
        "steps": sorted(
            MethodStep.objects.filter(method=method).values_list("phase", "role", "text")
        ),
        "external_trainer_phase": method.external_trainer_phase_id,
        "fields": {
            name: getattr(method, name)
            for name in ("title", "summary", "purpose", "body", "learning_form", "easy_read",
                         "cost_level", "internal_hours", "prep_minutes", "licence", "contact")
        },
    }  # fmt: skip


@pytest.fixture
def members_method(people):
    method = MethodFactory(
        title="Kaffe i rätt ordning",
        author=people["author"],
        company=people["company"],
        status=Status.DRAFT,
        competence_areas=list(CompetenceArea.objects.order_by("pk")[:2]),
        business_lines=list(BusinessLine.objects.order_by("pk")[:1]),
        roles=[Role.PARTICIPANT, Role.SUPERVISOR],
        phases=[Phase.objects.get(number=1), Phase.objects.get(number=3)],
        needs_external_trainer=True,
        external_trainer_phase=Phase.objects.get(number=3),
        internal_hours="4.5",
        purpose="Rad ett\nRad två",  # as a text area is stored (core.forms)
    )
    for number, role in ((1, Role.MANAGEMENT), (3, Role.SUPERVISOR)):
        MethodStep.objects.create(
            method=method, phase=Phase.objects.get(number=number), role=role, text="Gör så här."
        )
    return method


STEPS = [slug for slug in STEP_SLUGS if slug != "granska"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("role", ["author", "editor", "superuser"])
def test_method_steps_keep_everything_they_were_not_asked_to_change(
    client, people, members_method, step, role
):
    client.force_login(people[role])
    url = f"/metoder/{members_method.slug}/redigera/{step}/"
    page = client.get(url)
    assert page.status_code == 200
    before = method_state(members_method)
    response = client.post(url, form_data(page.content.decode(), url))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert method_state(members_method) == before


@pytest.mark.parametrize("role", ["author", "editor"])
def test_company_field_offers_the_authors_companies(client, people, members_method, role):
    client.force_login(people[role])
    page = client.get(f"/metoder/{members_method.slug}/redigera/grund/").content.decode()
    assert "Kafé Källan" in page
    assert "Redaktionens ASF" not in page


def test_method_keeps_a_company_its_author_has_left(client, people, members_method):
    """The author left the company; the method still names it until someone changes that."""
    people["company"].memberships.filter(user=people["author"]).delete()
    client.force_login(people["editor"])
    url = f"/metoder/{members_method.slug}/redigera/grund/"
    page = client.get(url)
    client.post(url, form_data(page.content.decode(), url))
    assert Method.objects.get(pk=members_method.pk).company == people["company"]


def test_company_profile_keeps_its_lines(client, people):
    company = people["company"]
    client.force_login(people["company_admin"])
    url = f"/foretag/{company.slug}/redigera/"
    page = client.get(url)
    before = sorted(company.business_lines.values_list("pk", flat=True))
    response = client.post(url, form_data(page.content.decode(), url))
    assert response.status_code == 302
    assert sorted(company.business_lines.values_list("pk", flat=True)) == before


@pytest.mark.parametrize(
    ("role", "status"),
    [("author", Status.DRAFT), ("co_member", Status.DRAFT), ("editor", Status.DRAFT),
     ("editor", Status.SUBMITTED)],
)  # fmt: skip
def test_report_keeps_a_method_that_is_no_longer_published(client, people, role, status):
    method = MethodFactory(title="Arkiverad metod", status=Status.PUBLISHED)
    report = ExperienceReportFactory(
        company=people["company"], author=people["author"], method=method, status=status
    )
    Method.objects.filter(pk=method.pk).update(status=Status.ARCHIVED)
    client.force_login(people[role])
    url = f"/foretag/{people['company'].slug}/rapporter/{report.pk}/redigera/"
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, form_data(page.content.decode(), url))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ExperienceReport.objects.get(pk=report.pk).method_id == method.pk


def test_conflict_page_compares_like_with_like_in_words(client, people, members_method):
    """Two people open step 1; one saves; the other saves the same roles and areas. The
    conflict page lists only what really differs, each side in words."""
    url = f"/metoder/{members_method.slug}/redigera/grund/"
    client.force_login(people["author"])
    data = form_data(client.get(url).content.decode(), url)

    def other_save(m: Method) -> None:
        m.title = "Kaffe i rätt ordning, version två"
        m.save()

    workflow.save_version(members_method, members_method.version, people["editor"], other_save, "")
    response = client.post(url, data)
    assert response.status_code == 409
    rows = response.context["conflict"]["rows"]
    assert [(str(r["label"]), r["saved"], r["typed"]) for r in rows] == [
        ("Titel", "Kaffe i rätt ordning, version två", "Kaffe i rätt ordning")
    ]


def test_conflict_page_shows_list_fields_as_labels(client, people, members_method):
    url = f"/metoder/{members_method.slug}/redigera/grund/"
    client.force_login(people["author"])
    data = form_data(client.get(url).content.decode(), url)
    data["target_roles"] = [Role.MANAGEMENT]

    def other_save(m: Method) -> None:
        m.save()

    workflow.save_version(members_method, members_method.version, people["editor"], other_save, "")
    response = client.post(url, data)
    rows = response.context["conflict"]["rows"]
    assert [(r["saved"], r["typed"]) for r in rows] == [
        (f"{Role.PARTICIPANT.label}\n{Role.SUPERVISOR.label}", str(Role.MANAGEMENT.label))
    ]


@pytest.mark.parametrize("role", ["author", "editor"])
def test_method_cannot_be_given_a_company_the_author_does_not_belong_to(
    client, people, members_method, role
):
    """An attacker's post names another company's id: refused with a message, nothing saved,
    and what was typed is still in the form."""
    other = CompanyFactory(name="Någon annans ASF")
    client.force_login(people[role])
    url = f"/metoder/{members_method.slug}/redigera/grund/"
    data = form_data(client.get(url).content.decode(), url)
    data["company"] = [str(other.pk)]
    data["title"] = ["Ny titel som inte ska sparas"]
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Välj ett giltigt alternativ" in page
    assert "Ny titel som inte ska sparas" in page
    method = Method.objects.get(pk=members_method.pk)
    assert (method.company, method.title) == (people["company"], "Kaffe i rätt ordning")
