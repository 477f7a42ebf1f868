"""The demo handbook: complete, valid and idempotent."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command

from companies.models import Company, ExperienceReport, Membership
from companies.validators import normalize_org_number
from methods.choices import LearningForm, Role, Status
from methods.management.commands.seed_demo import DEMO_PASSWORD
from methods.models import Method, MethodStep, MethodTargetRole, Phase, Revision

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> tuple:
    return tuple(
        model.objects.count()
        for model in (
            Method, MethodStep, MethodTargetRole, Company, Membership, ExperienceReport,
            get_user_model(), EmailAddress, Revision,
        )
    )  # fmt: skip


def test_seed_twice_creates_no_duplicates():
    seed()
    first = counts()
    output = seed()
    assert counts() == first
    assert "lösenord för alla: " + DEMO_PASSWORD in output
    assert "medlem@kompetenshandboken.example" in output


def test_demo_handbook_covers_every_phase_role_and_learning_form():
    seed()
    published = Method.objects.published()
    assert published.count() >= 15
    assert set(Phase.objects.filter(methods__in=published).values_list("slug", flat=True)) == set(
        Phase.objects.values_list("slug", flat=True)
    )
    assert set(published.values_list("learning_form", flat=True)) == set(LearningForm.values)
    assert set(
        MethodStep.objects.filter(method__in=published).values_list("role", flat=True)
    ) == set(Role.values)
    for method in Method.objects.all():
        assert method.easy_read_html, method.slug
        assert method.body_html, method.slug
        assert method.steps.exists(), method.slug
        # every phase of the method has at least a participant and a supervisor step
        for phase in method.phases.all():
            roles = set(method.steps.filter(phase=phase).values_list("role", flat=True))
            assert {Role.PARTICIPANT, Role.SUPERVISOR} <= roles, (method.slug, phase.slug)


def test_demo_has_unpublished_methods_for_the_editor_queue():
    seed()
    assert Method.objects.filter(status=Status.SUBMITTED).exists()
    assert Method.objects.filter(status=Status.DRAFT).exists()


def test_demo_companies_and_reports_are_valid():
    seed()
    companies = Company.objects.all()
    assert companies.count() >= 5
    assert companies.values("county").distinct().count() >= 3
    for company in companies:
        assert normalize_org_number(company.org_number) == company.org_number
        company.full_clean()
    reports = ExperienceReport.objects.published()
    assert reports.count() >= 10
    for report in reports:
        assert report.consent_to_publish
        assert Membership.objects.filter(user=report.author, company=report.company).exists()


def test_demo_users_have_the_documented_roles_and_can_log_in(client):
    seed()
    users = get_user_model().objects
    assert users.get(email="admin@kompetenshandboken.example").is_superuser
    assert users.get(email="redaktor@kompetenshandboken.example").is_editor
    admin_membership = Membership.objects.get(
        user__email="foretagsadmin@kompetenshandboken.example"
    )
    assert (admin_membership.company.slug, admin_membership.role) == ("kafe-kompassen", "admin")
    member = Membership.objects.get(user__email="medlem@kompetenshandboken.example")
    assert (member.company.slug, member.role) == ("kafe-kompassen", "member")
    response = client.post(
        "/konto/login/",
        {"login": "medlem@kompetenshandboken.example", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
