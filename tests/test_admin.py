"""Every admin changelist, add and change page answers for a superuser; curators' actions work."""

import pytest
from django.contrib import admin
from django.urls import reverse

from methods.choices import Role, Status
from methods.models import Method, Phase, Revision
from tests.factories import (
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    MethodStepFactory,
)

pytestmark = pytest.mark.django_db

# The project's own models (third-party admin pages are their authors' business).
MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"core", "accounts", "methods", "companies"}
]
# History is written by the system, never added by hand.
APPEND_ONLY = {"methods.Revision", "core.AuditEntry", "companies.ReminderSent"}


@pytest.fixture
def populated(superuser):
    method = MethodFactory()
    MethodStepFactory(method=method, role=Role.PARTICIPANT)
    report = ExperienceReportFactory(method=method)
    MembershipFactory(company=report.company)
    from companies.models import Invitation
    from methods.models import Comment

    Invitation.objects.create(company=report.company, email="ny@example.org", invited_by=superuser)
    Comment.objects.create(method=method, author=superuser, body="Bra metod")
    from methods.services import record_revision

    record_revision(method, superuser, "Test")
    from core.audit import record
    from core.models import AuditAction

    record(superuser, AuditAction.PUBLISHED, "Publicerade %(title)s", {"title": "A"}, target=method)
    from companies.models import Effort, ReminderSent
    from methods.models import Phase

    effort = Effort.objects.create(
        company=report.company, title="Hygien", current_phase=Phase.objects.get(number=1)
    )
    effort.methods.add(method)
    ReminderSent.objects.create(kind="effort-3-months", key=f"{effort.pk}", recipient="a@b.se")
    return method


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_and_change_page_render(admin_client, populated, model):
    info = model._meta.app_label, model._meta.model_name
    changelist = admin_client.get(reverse("admin:{}_{}_changelist".format(*info)))
    assert changelist.status_code == 200
    obj = model._default_manager.first()
    assert obj is not None, f"no {model._meta.label} to open"
    change = admin_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    assert change.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_search_works(admin_client, populated, model):
    info = model._meta.app_label, model._meta.model_name
    response = admin_client.get(reverse("admin:{}_{}_changelist".format(*info)), {"q": "a"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "model", [m for m in MODELS if m._meta.label not in APPEND_ONLY], ids=lambda m: m._meta.label
)
def test_add_page_renders(admin_client, model):
    info = model._meta.app_label, model._meta.model_name
    assert admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200


@pytest.mark.parametrize("name", ["methods_revision", "core_auditentry"])
def test_history_cannot_be_added_by_hand(admin_client, name):
    assert admin_client.get(reverse(f"admin:{name}_add")).status_code == 403


def test_admin_is_closed_to_members_and_editors(client, member, editor):
    for user in (member, editor):
        client.force_login(user)
        response = client.get(reverse("admin:methods_method_changelist"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_publish_action_publishes_and_records_a_revision(client, superuser):
    client.force_login(superuser)
    admin_client = client
    draft = MethodFactory(status=Status.SUBMITTED, published_at=None)
    published = MethodFactory(status=Status.PUBLISHED)
    response = admin_client.post(
        reverse("admin:methods_method_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk, published.pk]},
        follow=True,
    )
    assert "1 metod publicerades." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at is not None
    revision = draft.revisions.get()
    assert (revision.number, revision.author, revision.message) == (1, superuser, "Publicerad")
    assert revision.snapshot["status"] == Status.PUBLISHED
    assert published.revisions.count() == 0


def test_admin_offers_no_bulk_archiving(admin_client):
    """Archiving asks for a reason per method (readers at its address see it): only the
    editors' desk archives, so the admin's action list has no archive action."""
    published = MethodFactory(status=Status.PUBLISHED)
    response = admin_client.get(reverse("admin:methods_method_changelist"))
    actions = [value for value, _label in response.context["action_form"].fields["action"].choices]
    assert "archive_selected" not in actions
    assert "publish_selected" in actions
    admin_client.post(
        reverse("admin:methods_method_changelist"),
        {"action": "archive_selected", "_selected_action": [published.pk]},
    )
    assert Method.objects.get(pk=published.pk).status == Status.PUBLISHED


def test_saving_a_method_in_admin_stores_a_revision_with_its_steps(client, superuser):
    client.force_login(superuser)
    admin_client = client
    method = MethodFactory(title="Före")
    step = MethodStepFactory(method=method, role=Role.SUPERVISOR, text="Visa")
    url = reverse("admin:methods_method_change", args=[method.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "title": "Efter",
            "slug": method.slug,
            "phases": [Phase.objects.get(number=3).pk],
            "target_roles-TOTAL_FORMS": "0",
            "target_roles-INITIAL_FORMS": "0",
            "steps-TOTAL_FORMS": "1",
            "steps-INITIAL_FORMS": "1",
            "steps-0-id": step.pk,
            "steps-0-method": method.pk,
            "steps-0-phase": step.phase_id,
            "steps-0-role": step.role,
            "steps-0-text": "Visa och förklara",
        }
    )
    data.pop("author", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    revision = Revision.objects.get(method=method)
    assert revision.author == superuser
    assert revision.snapshot["title"] == "Efter"
    assert revision.snapshot["steps"] == [
        {"phase": "genomforande", "role": "handledare", "text": "Visa och förklara"}
    ]


def test_company_admin_rejects_invalid_org_number(admin_client):
    response = admin_client.post(
        reverse("admin:companies_company_add"),
        {
            "name": "Felnummer AB",
            "slug": "felnummer",
            "org_number": "556036-0794",
            "legal_form": "ab",
            "municipality": "Umeå",
            "county": "vasterbotten",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "kontrollsiffran är fel" in response.content.decode()


def test_company_admin_stores_org_number_in_one_format(admin_client):
    response = admin_client.post(
        reverse("admin:companies_company_add"),
        {
            "name": "Rätt nummer AB",
            "slug": "ratt-nummer",
            "org_number": "5560360793",
            "legal_form": "ab",
            "municipality": "Umeå",
            "county": "vasterbotten",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    from companies.models import Company

    assert Company.objects.get(slug="ratt-nummer").org_number == "556036-0793"


def test_user_admin_creates_user_with_email_login(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Ny.Person@Example.org",
            "display_name": "Ny Person",
            "usable_password": "true",
            "password1": "ett-bra-losenord-77",
            "password2": "ett-bra-losenord-77",
        },
    )
    assert response.status_code == 302
    from accounts.models import User

    assert User.objects.get(display_name="Ny Person").email == "ny.person@example.org"
