"""The demo handbook: complete, valid and idempotent."""

import io
from datetime import date
from decimal import Decimal
from importlib import import_module

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from companies.models import Company, ExperienceReport, Membership
from companies.validators import normalize_org_number
from content.management.commands.seed_demo import DEMO_PASSWORD
from methods.choices import LearningForm, Role, Status
from methods.models import (
    ChecklistItem,
    Method,
    MethodStep,
    MethodTargetRole,
    Phase,
    Revision,
)

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


def test_seed_loads_the_demo_files_as_the_python_data_did():
    # The demo moved from Python dictionaries to content/demo/: the same rows, field for field.
    seed()
    # Users and addresses: the ten of users.yaml and the six demo trainers' accounts.
    assert counts() == (18, 146, 51, 7, 8, 15, 16, 16, 18)
    assert Method.objects.published().count() == 16
    today = timezone.localdate()

    method = Method.objects.get(slug="visa-gor-ova")
    assert (method.title, method.status, method.author.email, method.company) == (
        "Visa – gör – öva: demonstration och övning i arbetet",
        Status.PUBLISHED,
        "redaktor@kompetenshandboken.example",
        None,
    )
    assert (method.internal_hours, method.time_band, method.review_by) == (
        Decimal("2.5"),
        "halvdag",
        date(today.year + 1, today.month, 1),
    )
    assert (method.evidence_status, method.report_count) == ("utvarderad", 2)
    assert method.body.startswith(
        "## Så går det till\n\n1. **Välj en uppgift och dela upp den.** Skriv ner 4–8 steg, "
        "till exempel hur man startar diskmaskinen eller moppar ett trapphus."
    )
    assert method.easy_read.startswith(
        "Du lär dig en uppgift i tre steg.\n\n- **Visa.** Handledaren gör uppgiften. Du tittar."
    )
    assert sorted(method.phases.values_list("slug", flat=True)) == [
        "efterarbete", "genomforande", "tillampning",
    ]  # fmt: skip
    step = method.steps.get(phase__slug="efterarbete", role=Role.PARTICIPANT)
    assert step.text_html == "<p>Berättar vad som gick bra och vilket steg som var svårast.</p>"
    assert [r.message for r in method.revisions.all()] == ["Demohandboken"]

    hygiene = Method.objects.get(slug="livsmedelshygien-med-extern-utbildare")
    assert (hygiene.company.slug, hygiene.external_trainer_phase.slug) == (
        "kafe-kompassen",
        "genomforande",
    )
    assert sorted(hygiene.business_lines.values_list("slug", flat=True)) == [
        "cafe-och-restaurang", "catering",
    ]  # fmt: skip
    assert Method.objects.get(slug="larlogg-med-bilder").status == Status.SUBMITTED

    company = Company.objects.get(slug="kafe-kompassen")
    assert (company.name, company.org_number, company.county, company.contact_phone) == (
        "Kafé Kompassen",
        "769612-3459",
        "orebro",
        "070-174 06 05",
    )
    assert company.description.endswith("som vi sedan följer upp i det dagliga arbetet.")

    report = ExperienceReport.objects.get(company=company, method=hygiene)
    assert (report.title, report.author.email, report.period_start, report.period_end) == (
        "Hygienutbildning som faktiskt ändrade rutinerna i köket",
        "foretagsadmin@kompetenshandboken.example",
        date(2025, 2, 3),
        date(2025, 4, 11),
    )
    assert (report.hours_spent, report.cost_sek, report.recommend_score) == (Decimal("46"), 7800, 4)
    assert report.helping_factors == [
        "upplagg-ovning", "upplagg-bilder", "arbetsplats-tillfallen", "arbetsplats-ledning",
    ]  # fmt: skip
    # A set: PostgreSQL keeps a JSON object's keys in its own order (shortest first).
    assert set(report.phase_notes) == {
        "behov-och-mal", "forankring", "genomforande", "efterarbete", "tillampning", "utvardering",
    }  # fmt: skip
    assert sorted(Membership.objects.values_list("user__email", "company__slug", "role")) == [
        ("amina.hassan@kompetenshandboken.example", "rent-och-klart", "admin"),
        ("erik.sandberg@kompetenshandboken.example", "traden", "admin"),
        ("foretagsadmin@kompetenshandboken.example", "kafe-kompassen", "admin"),
        ("jonas.berglund@kompetenshandboken.example", "grona-hander", "admin"),
        ("leila.karimi@kompetenshandboken.example", "hamnlagret", "admin"),
        ("medlem@kompetenshandboken.example", "kafe-kompassen", "member"),
        ("petter.ohman@kompetenshandboken.example", "hyvelbanken", "admin"),
        ("sara.lindqvist@kompetenshandboken.example", "returbaren", "admin"),
    ]


def test_phase_files_hold_the_phases_as_the_migrations_made_them():
    migration = import_module("methods.migrations.0002_seed_phases_and_areas")
    # 0017 gave the guides' quotations Swedish quotation marks.
    quotes = import_module("methods.migrations.0017_vocabulary_in_english")
    before = {p.slug: (p.updated_at, p.guide_html) for p in Phase.objects.all()}
    seed()
    for data in migration.PHASES:
        phase = Phase.objects.get(slug=data["slug"])
        guide = quotes.guide_with_swedish_quotes(data["guide"])
        assert (phase.number, phase.name, phase.name_en, phase.summary, phase.guide) == (
            data["number"], data["name"], data["name_en"], data["summary"], guide,
        )  # fmt: skip
        assert list(phase.checklist_items.values_list("text", flat=True)) == data["checklist"]
        # Nothing changed, so nothing was saved.
        assert (phase.updated_at, phase.guide_html) == before[phase.slug]


def test_seed_puts_a_changed_checklist_back_in_place():
    item = ChecklistItem.objects.filter(phase__number=1).order_by("position").first()
    original = item.text
    item.text = "Ändrad punkt"
    item.save()
    seed()
    item.refresh_from_db()  # the same row: efforts refer to checklist items by id
    assert item.text == original


def test_seed_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError) as refused:
        call_command("seed_demo", stdout=io.StringIO())
    assert str(refused.value) == (
        "seed_demo refuses to run in production (DJANGO_DEBUG is off): it creates a superuser "
        "and editors with the published demo password. For a throwaway demo installation run it "
        "with --force-demo-in-production."
    )
    assert not get_user_model().objects.filter(is_superuser=True).exists()
    assert Method.objects.count() == 0


def test_seed_runs_in_production_only_when_forced(settings):
    settings.PRODUCTION = True
    call_command("seed_demo", "--force-demo-in-production", stdout=io.StringIO())
    assert get_user_model().objects.get(email="admin@kompetenshandboken.example").is_superuser


def test_seed_never_resets_the_password_of_an_existing_account():
    users = get_user_model().objects
    own = users.create_user(email="admin@kompetenshandboken.example", password="mitt-eget-Lösen-1")
    seed()
    seed()
    own.refresh_from_db()
    assert own.check_password("mitt-eget-Lösen-1")
    assert not own.check_password(DEMO_PASSWORD)
    # The accounts seed_demo created itself do get the demo password.
    assert users.get(email="medlem@kompetenshandboken.example").check_password(DEMO_PASSWORD)
