"""Deleting one's own account: what stays in the handbook, what goes, and who may do it."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from accounts import services
from accounts.models import User
from companies.models import Company, Effort, ExperienceReport, Invitation, Membership
from core.models import AuditAction, AuditEntry
from methods.choices import CommentState, Status
from methods.models import Comment, CommentReport, Method, Phase, Revision
from methods.workflow import start_new_version
from tests.factories import (
    PASSWORD,
    CompanyFactory,
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/konto/radera/"
WRONG = "Lösenordet stämmer inte. Skriv samma lösenord som när du loggar in."


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def contributions(member, company):
    """Everything `member` has made, and some of other people's beside it."""
    other = UserFactory(display_name="Olle Annan")
    made = {
        "published": MethodFactory(title="Publicerad", author=member),
        "archived": MethodFactory(title="Arkiverad", author=member, status=Status.ARCHIVED),
        "draft": MethodFactory(title="Utkast", author=member, status=Status.DRAFT),
        "submitted": MethodFactory(title="Inskickad", author=member, status=Status.SUBMITTED),
        "changes": MethodFactory(title="Ändras", author=member, status=Status.CHANGES_REQUESTED),
        "binned_draft": MethodFactory(
            title="Slängt utkast", author=member, status=Status.DRAFT, deleted_at=timezone.now()
        ),
        "others": MethodFactory(title="Olles metod", author=other),
    }
    made["copy"] = start_new_version(made["others"], member)  # a working copy of Olle's method
    made["report_published"] = ExperienceReportFactory(
        company=company, method=made["others"], author=member, title="Publicerad rapport"
    )
    for status in [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.ARCHIVED]:
        made[f"report_{status}"] = ExperienceReportFactory(
            company=company,
            method=made["others"],
            author=member,
            title=f"Rapport {status}",
            status=status,
            consent_to_publish=False,
        )
    made["report_others"] = ExperienceReportFactory(
        company=company, method=made["others"], author=other, title="Olles rapport"
    )
    made["comment_visible"] = Comment.objects.create(
        method=made["others"], author=member, body="Bra metod!"
    )
    made["comment_reported"] = Comment.objects.create(
        method=made["others"], author=member, body="Anmäld men synlig", state="reported"
    )
    made["comment_hidden"] = Comment.objects.create(
        method=made["others"], author=member, body="Dold", state=CommentState.HIDDEN
    )
    made["comment_binned"] = Comment.objects.create(
        method=made["others"], author=member, body="I papperskorgen", deleted_at=timezone.now()
    )
    made["comment_others"] = Comment.objects.create(
        method=made["others"], author=other, body="Olles kommentar"
    )
    CommentReport.objects.create(comment=made["comment_others"], reporter=member)
    made["effort"] = Effort.objects.create(
        company=company,
        title="Insatsen",
        current_phase=Phase.objects.get(number=1),
        created_by=member,
    )
    made["effort"].responsible_members.set([member, other])
    Invitation.objects.create(company=CompanyFactory(), email=member.email)
    AuditEntry.objects.create(actor=member, action=AuditAction.SAVED, message="Något")
    return made


# Permissions and the page --------------------------------------------------------------------


def test_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/konto/radera/"
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/konto/radera/"


@pytest.mark.parametrize("role", ["member", "stranger", "company_admin", "editor", "superuser"])
def test_every_signed_in_user_can_delete_only_their_own_account(client, request, role):
    user = request.getfixturevalue(role)
    bystander = UserFactory()
    if role == "company_admin":
        # The company needs another administrator first.
        MembershipFactory(user=bystander, company=user.companies.get(), role="admin")
    client.force_login(user)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"password": PASSWORD, "user": bystander.pk})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert User.objects.filter(pk=bystander.pk).exists()


def test_confirmation_page_explains_what_happens(client, member, contributions):
    client.force_login(member)
    response = client.get(URL)
    html = response.content.decode()
    assert "<h1>Radera mitt konto</h1>" in html
    assert response.context["summary"] == {
        "methods_kept": 2,
        "methods_deleted": 5,
        "reports_kept": 1,
        "reports_deleted": 4,
        "comments_kept": 2,
        "comments_deleted": 2,
        "memberships": 1,
    }
    assert (
        "5 metoder som inte är publicerade (utkast, inskickade eller med begärda ändringar)."
        in (html)
    )
    assert "4 erfarenhetsrapporter som inte är publicerade." in html
    assert "Ditt medlemskap i 1 företag." in html
    assert "2 publicerade metoder." in html
    assert "1 publicerad erfarenhetsrapport." in html
    assert "Ditt namn tas bort: det står ”tidigare medlem” i stället." in html
    assert '<label for="id_password">Ditt lösenord:</label>' in html
    assert '<button type="submit">Radera mitt konto för alltid</button>' in html


def test_profile_page_links_to_deletion(client, member):
    client.force_login(member)
    html = client.get("/konto/profil/").content.decode()
    assert '<a href="/konto/radera/">Radera mitt konto</a>' in html


# Deleting ------------------------------------------------------------------------------------


def test_deleting_keeps_published_content_without_author_and_removes_the_rest(
    client, member, company, contributions
):
    made = contributions
    member_pk, email = member.pk, member.email
    client.force_login(member)
    response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert messages_of(response) == [
        "Ditt konto är raderat. Tack för att du har varit med och byggt handboken."
    ]
    assert not User.objects.filter(pk=member_pk).exists()
    assert SESSION_KEY not in client.session

    # Methods: published and archived stay, signed by nobody; everything unpublished is gone.
    assert sorted(Method.objects.values_list("title", "author__display_name")) == [
        ("Arkiverad", None),
        ("Olles metod", "Olle Annan"),
        ("Publicerad", None),
    ]
    assert not Method.objects.filter(working_copy_of=made["others"]).exists()
    assert not Revision.objects.filter(method_id=made["copy"].pk).exists()

    # Reports: the published one stays without author; the rest of the member's are gone.
    assert sorted(ExperienceReport.objects.values_list("title", "author__display_name")) == [
        ("Olles rapport", "Olle Annan"),
        ("Publicerad rapport", None),
    ]

    # Comments shown on the page stay, without author; hidden and binned ones are gone.
    assert sorted(Comment.objects.values_list("body", "author__display_name")) == [
        ("Anmäld men synlig", None),
        ("Bra metod!", None),
        ("Olles kommentar", "Olle Annan"),
    ]
    assert not CommentReport.objects.exists()

    # Memberships, addresses and invitations to the address are gone.
    assert not Membership.objects.filter(user_id=member_pk).exists()
    assert list(company.memberships.values_list("user", flat=True)) == []
    assert not EmailAddress.objects.filter(email=email).exists()
    assert not EmailAddress.objects.filter(user_id=member_pk).exists()
    assert not Invitation.objects.filter(email=email).exists()

    # What others own stays, with the member's part emptied.
    effort = Effort.objects.get(pk=made["effort"].pk)
    assert effort.created_by is None
    assert [u.display_name for u in effort.responsible_members.all()] == ["Olle Annan"]
    assert AuditEntry.objects.get(message="Något").actor is None
    assert Company.objects.filter(pk=company.pk).exists()


def test_published_content_shows_former_member(client, member, contributions):
    client.force_login(member)
    client.post(URL, {"password": PASSWORD})
    html = client.get(contributions["published"].get_absolute_url()).content.decode()
    assert "<dt>Skriven av</dt><dd>tidigare medlem</dd>" in html
    html = client.get(contributions["others"].get_absolute_url()).content.decode()
    assert "<strong>tidigare medlem</strong>" in html


def test_other_sessions_end_too(client, member):
    other_device = Client()
    other_device.force_login(member)
    assert other_device.get("/konto/profil/").status_code == 200
    client.force_login(member)
    client.post(URL, {"password": PASSWORD})
    response = other_device.get("/konto/profil/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/konto/profil/"


def test_deleted_user_cannot_sign_in(client, member):
    email = member.email
    client.force_login(member)
    client.post(URL, {"password": PASSWORD})
    assert not client.login(username=email, password=PASSWORD)


# Refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("password", "error"), [("fel-losenord", WRONG), ("", None)])
def test_wrong_password_is_refused_with_400(client, member, contributions, password, error):
    client.force_login(member)
    response = client.post(URL, {"password": password})
    assert response.status_code == 400
    error = error or "Skriv ditt lösenord för att radera kontot."
    assert response.context["form"].errors == {"password": [error]}
    html = response.content.decode()
    assert f'<ul class="field__errors" id="id_password_error"><li>{error}</li></ul>' in html
    assert 'value="fel-losenord"' not in html  # passwords are never sent back
    assert User.objects.filter(pk=member.pk).exists()
    assert Method.objects.filter(author=member).count() == 7
    assert Membership.objects.filter(user=member).exists()
    assert client.session[SESSION_KEY] == str(member.pk)


def test_last_admin_of_a_company_is_refused(client, company, company_admin):
    client.force_login(company_admin)
    message = (
        "Du är den enda företagsadministratören för Kafé Test. Gör någon annan till "
        "administratör under Hantera medlemmar först. Sedan kan du radera ditt konto."
    )
    response = client.get(URL)
    html = response.content.decode()
    assert message in html
    assert '<a href="/foretag/kafe-test/medlemmar/">Hantera medlemmar i Kafé Test</a>' in html
    assert 'name="password"' not in html

    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.filter(pk=company_admin.pk).exists()
    assert Membership.objects.filter(user=company_admin, role="admin").exists()


def test_admin_can_delete_once_another_admin_exists(client, company, member, company_admin):
    Membership.objects.filter(user=member).update(role="admin")
    client.force_login(company_admin)
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert list(company.memberships.values_list("user", "role")) == [(member.pk, "admin")]


def test_service_refuses_the_last_admin_and_changes_nothing(company, company_admin):
    draft = MethodFactory(author=company_admin, status=Status.DRAFT)
    with pytest.raises(services.AccountDeletionRefused):
        services.delete_account(company_admin)
    assert Method.objects.filter(pk=draft.pk).exists()
    assert User.objects.filter(pk=company_admin.pk).exists()


def test_get_and_post_only(client, member):
    client.force_login(member)
    assert client.put(URL).status_code == 405
