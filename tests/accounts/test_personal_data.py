"""Downloading one's own data from Min sida: everything the portal holds, no secrets, one's own
only, with a fixed number of queries."""

from __future__ import annotations

import json
from datetime import date

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.personal_data import COVERED, personal_data
from companies.models import Effort, EffortCheck, Invitation, ReminderSent
from core import audit
from core.models import AuditAction
from methods.choices import Status
from methods.models import Comment, CommentReport, Method, Phase
from methods.services import record_revision
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/konto/mina-uppgifter/"
TOTP_SECRET = "JBSWY3DPEHPK3PXPHEMLIGHET"
RECOVERY_SEED = "aterstallningsfro-hemligt-123"


def user_relations() -> set[tuple[str, str]]:
    """Every concrete relation to the user model in any installed app, Django's own
    many-to-many tables included."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return {
        (model._meta.label, field.name)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is user_model
    }


def test_every_relation_to_the_user_is_in_the_export():
    relations = user_relations()
    assert ("methods.Comment", "author") in relations  # the walk finds them
    missing = relations - COVERED.keys()
    assert not missing, (
        f"{sorted(missing)} point at the user: add them to accounts.personal_data "
        "(the export and COVERED)"
    )
    assert COVERED.keys() - relations == set(), "COVERED names a relation that is gone"


def build_person(n: int = 1):
    """A person with n of everything the portal can hold about them, in a company of theirs,
    beside a colleague whose data must stay out of the person's export."""
    phase = Phase.objects.get(number=3)
    person = UserFactory(email=f"person{n}@example.org", display_name="Petra Person")
    colleague = UserFactory(display_name="Kalle Kollega")
    company = CompanyFactory(name=f"Kafé Export {n}")
    MembershipFactory(user=person, company=company, role="admin")
    MembershipFactory(user=colleague, company=company, role="member")
    person.emailaddress_set.create(email=f"privat{n}@example.org", verified=False)
    Authenticator.objects.create(user=person, type="totp", data={"secret": TOTP_SECRET})
    Authenticator.objects.create(
        user=person, type="recovery_codes", data={"seed": RECOVERY_SEED, "used_mask": 0}
    )
    person.user_permissions.add(Permission.objects.get(codename="view_method"))
    colleague_method = MethodFactory(author=colleague, title=f"Kollegans metod {n}")
    for i in range(n):
        method = MethodFactory(
            author=person, title=f"Min metod {n}-{i}", status=Status.DRAFT, body=f"Brödtext {i}"
        )
        record_revision(method, person, message=f"Första utkastet {i}")
        record_revision(colleague_method, person, message=f"Rättade stavfel {i}")
        decided = MethodFactory(author=colleague, title=f"Granskad {n}-{i}")
        Method.objects.filter(pk=decided.pk).update(
            personal_data_confirmed_by=person, easy_read_override_by=person
        )
        Comment.objects.create(method=colleague_method, author=person, body=f"Min kommentar {i}")
        other_comment = Comment.objects.create(
            method=colleague_method, author=colleague, body=f"Kollegans kommentar {i}"
        )
        CommentReport.objects.create(comment=other_comment, reporter=person, reason="Otrevligt")
        ExperienceReportFactory(
            company=company,
            method=colleague_method,
            author=person,
            title=f"Min rapport {i}",
            helping_factors=["arbetsplats-ledning"] if i == 0 else [],
        )
        created = Effort.objects.create(
            company=company, title=f"Min insats {i}", current_phase=phase, created_by=person
        )
        named = Effort.objects.create(
            company=company,
            title=f"Kollegans insats {i}",
            current_phase=phase,
            created_by=colleague,
        )
        named.responsible_members.add(person)
        Effort.objects.create(
            company=company, title=f"Annan insats {i}", current_phase=phase, created_by=colleague
        )
        EffortCheck.objects.create(
            effort=created, phase=phase, item_key=f"checklist:{i}", label=f"Boka lokal {i}",
            checked_by=person,
        )  # fmt: skip
        Invitation.objects.create(
            company=company, email=f"ny{n}-{i}@example.org", invited_by=person
        )
        Invitation.objects.create(
            company=CompanyFactory(name=f"Bjöd in mig {n}-{i}"),
            email=f"privat{n}@example.org",
            invited_by=colleague,
        )
        ReminderSent.objects.create(kind="effort-3-months", key=f"{n}-{i}", recipient=person.email)
        ReminderSent.objects.create(kind="review-due", key=f"{n}-{i}", recipient=colleague.email)
        audit.record(
            person, AuditAction.SUBMITTED, "Skickade in %(title)s", {"title": f"Min metod {i}"}
        )
        audit.record(colleague, AuditAction.SAVED, "Sparade %(title)s", {"title": "Hemligt"})
        LogEntry.objects.create(
            user=person,
            content_type=ContentType.objects.get_for_model(Method),
            object_id=str(method.pk),
            object_repr=method.title,
            action_flag=CHANGE,
            change_message="Ändrade titel.",
        )
    return person, colleague


def download(client, user) -> tuple:
    client.force_login(user)
    response = client.get(URL)
    return response, json.loads(response.content)


def test_the_download_holds_everything_about_the_person(client):
    person, colleague = build_person()
    response, data = download(client, person)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="kompetenshandboken-mina-uppgifter-{today}.json"'
    )
    assert "no-store" in response["Cache-Control"]

    account = data["account"]
    assert account["email"] == "person1@example.org"
    assert account["display_name"] == "Petra Person"
    assert account["is_editor"] is False
    assert account["permissions"] == ["methods.view_method"]
    assert account["email_addresses"] == [
        {"email": "person1@example.org", "verified": True, "primary": True},
        {"email": "privat1@example.org", "verified": False, "primary": False},
    ]
    assert account["two_factor"]["enabled"] is True
    assert [m["type"] for m in account["two_factor"]["methods"]] == ["recovery_codes", "totp"]
    assert date.fromisoformat(account["date_joined"][:10]) <= timezone.localdate()

    assert [(m["company"], m["role"], m["role_label"]) for m in data["memberships"]] == [
        ("Kafé Export 1", "admin", "Företagsadministratör")
    ]
    [method] = data["methods"]
    assert (method["title"], method["status"], method["status_label"], method["body"]) == (
        "Min metod 1-0",
        "draft",
        "Utkast",
        "Brödtext 0",
    )
    assert [(r["number"], r["message"]) for r in method["revisions"]] == [(1, "Första utkastet 0")]
    assert method["revisions"][0]["snapshot"]["title"] == "Min metod 1-0"
    assert [(r["method"], r["message"]) for r in data["revisions_of_other_methods"]] == [
        ("Kollegans metod 1", "Rättade stavfel 0")
    ]
    assert [d["method"] for d in data["method_decisions"]] == ["Granskad 1-0", "Granskad 1-0"]
    assert [(c["method"], c["body"], c["state"]) for c in data["comments"]] == [
        ("Kollegans metod 1", "Min kommentar 0", "visible")
    ]
    assert [(r["method"], r["reason"]) for r in data["comment_reports"]] == [
        ("Kollegans metod 1", "Otrevligt")
    ]
    [report] = data["experience_reports"]
    assert (report["title"], report["company"], report["status_label"]) == (
        "Min rapport 0",
        "Kafé Export 1",
        "Publicerad",
    )
    assert report["helping_factors"] == ["arbetsplats-ledning"]
    assert report["helping_factors_labels"] == ["Ledningens stöd och prioritering"]
    assert [
        (e["title"], e["created_by_you"], e["you_are_responsible"]) for e in data["efforts"]
    ] == [("Min insats 0", True, False), ("Kollegans insats 0", False, True)]
    assert [(c["effort"], c["item"]) for c in data["effort_checks"]] == [
        ("Min insats 0", "Boka lokal 0")
    ]
    assert [i["email"] for i in data["invitations_sent"]] == ["ny1-0@example.org"]
    assert [(i["company"], i["invited_by"]) for i in data["invitations_received"]] == [
        ("Bjöd in mig 1-0", "Kalle Kollega")
    ]
    assert [r["kind"] for r in data["reminders_received"]] == ["effort-3-months"]
    assert [(a["action"], a["summary"]) for a in data["audit_log"]] == [
        ("submitted", "Skickade in Min metod 0")
    ]
    assert [(a["object"], a["action"]) for a in data["admin_log"]] == [("Min metod 1-0", "changed")]
    assert data["export"]["format_version"] == 1


def test_the_download_has_no_secrets_and_nothing_of_anyone_else(client):
    person, colleague = build_person()
    response, _data = download(client, person)
    text = response.content.decode()
    assert person.password not in text and "md5$" not in text
    for secret in (TOTP_SECRET, RECOVERY_SEED, '"data"', "secret", "seed"):
        assert secret not in text
    for theirs in ("Kollegans kommentar", "Annan insats", colleague.email, "review-due", "Hemligt"):
        assert theirs not in text


def test_the_number_of_queries_does_not_grow_with_the_data(django_assert_num_queries):
    small, _ = build_person(1)
    large, _ = build_person(4)
    # user groups, permissions, editor check, addresses, authenticators, methods, revisions,
    # decisions, comments, comment reports, reports, efforts, checks, invitations sent and
    # received, reminders, audit log, admin log, memberships, questions asked and answered,
    # trainer profile
    # + the films and the links to material the user added (material)
    with django_assert_num_queries(23):
        few = personal_data(small)
    with django_assert_num_queries(23):
        many = personal_data(large)
    assert (len(few["comments"]), len(many["comments"])) == (1, 4)
    assert len(many["methods"]) == 4 and all(len(m["revisions"]) == 1 for m in many["methods"])


def test_signed_out_the_download_asks_to_sign_in(client):
    response = client.get(URL)
    assert (response.status_code, response["Location"]) == (302, f"/konto/login/?next={URL}")


def test_the_download_is_get_only(client, member):
    client.force_login(member)
    assert client.post(URL).status_code == 405


def test_min_sida_offers_the_download_with_an_explanation(client, member):
    client.force_login(member)
    html = client.get("/konto/profil/").content.decode()
    assert '<h2 id="profile-data-heading">Dina uppgifter</h2>' in html
    assert "Du kan ladda ner allt som Kompetenshandboken sparar om dig" in html
    assert f'<a href="{URL}">Ladda ner mina uppgifter (JSON)</a>' in html
