"""Company members: the admin's member page, invitations and the rules around them."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from companies import services
from companies.models import Invitation, Membership
from core.models import AuditAction, AuditEntry
from tests.factories import CompanyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "stranger", "company_admin", "editor", "superuser"]
BAD_CHOICE = "Välj ett giltigt alternativ. kung finns inte bland tillgängliga alternativ."


@pytest.fixture
def login(client, request):
    """Sign the test client in as one of the conftest users (or nobody)."""

    def login_as(role: str):
        if role != "anonymous":
            user = request.getfixturevalue(role)
            client.force_login(user)
            return user
        return None

    return login_as


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def make_invitation(company, email="ny@example.org", role="member", **kwargs) -> Invitation:
    return Invitation.objects.create(company=company, email=email, role=role, **kwargs)


def members_url(company) -> str:
    return f"/foretag/{company.slug}/medlemmar/"


# Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_members_page_is_only_for_the_companys_admins(client, login, company, role):
    login(role)
    response = client.get(members_url(company))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"/konto/login/?next=/foretag/{company.slug}/medlemmar/"
    elif role == "company_admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        html = response.content.decode()
        assert "<h1>Du har inte behörighet till den här sidan</h1>" in html
        assert "Medlemmar i Kafé Test" not in html


def test_members_page_of_an_unknown_company_is_404(client, company_admin):
    client.force_login(company_admin)
    assert client.get("/foretag/finns-inte/medlemmar/").status_code == 404


def test_admin_of_another_company_is_refused(client, company):
    other_admin = UserFactory()
    MembershipFactory(user=other_admin, role="admin")
    client.force_login(other_admin)
    assert client.get(members_url(company)).status_code == 403


def test_forbidden_page_links_superusers_to_django_admin(client, company, superuser):
    client.force_login(superuser)
    html = client.get(members_url(company)).content.decode()
    assert '<a href="/admin/">Till administrationen</a>' in html


def _action(name, company, member):
    """(url, data) for each POST action on the member page, aimed at `member` of `company`."""
    membership = Membership.objects.get(user=member, company=company)
    if name == "invite":
        return members_url(company), {"email": "ny@example.org", "role": "member"}
    if name == "role":
        return f"{members_url(company)}{membership.pk}/roll/", {f"m{membership.pk}-role": "admin"}
    if name == "remove":
        return f"{members_url(company)}{membership.pk}/ta-bort/", {}
    invitation = make_invitation(company, email="vantar@example.org")
    return f"/foretag/{company.slug}/inbjudningar/{invitation.pk}/aterkalla/", {}


def _state(company):
    return (
        sorted(company.memberships.values_list("user__email", "role")),
        sorted(company.invitations.values_list("email", flat=True)),
    )


@pytest.mark.parametrize("action", ["invite", "role", "remove", "cancel"])
@pytest.mark.parametrize("role", ROLES)
def test_member_actions_are_only_for_the_companys_admins(
    client, login, company, member, company_admin, role, action, django_capture_on_commit_callbacks
):
    url, data = _action(action, company, member)
    before = _state(company)
    login(role)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/login/?next=")
        assert _state(company) == before
    elif role == "company_admin":
        assert response.status_code == 302
        assert response["Location"] == members_url(company)
        assert _state(company) != before
    else:
        assert response.status_code == 403
        assert _state(company) == before


@pytest.mark.parametrize("action", ["role", "remove", "cancel"])
def test_admin_cannot_act_on_another_companys_rows(client, company, company_admin, action):
    other = CompanyFactory()
    other_member = UserFactory()
    MembershipFactory(user=other_member, company=other)
    url, data = _action(action, other, other_member)
    before = _state(other)
    client.force_login(company_admin)
    # Another company's member or invitation under this company's address does not exist.
    url = url.replace(f"/foretag/{other.slug}/", f"/foretag/{company.slug}/")
    assert client.post(url, data).status_code == 404
    assert _state(other) == before


@pytest.mark.parametrize("url_name", ["", "1/roll/", "1/ta-bort/"])
def test_member_page_actions_reject_other_methods(client, company, company_admin, url_name):
    client.force_login(company_admin)
    url = members_url(company) + url_name
    assert client.put(url).status_code == 405
    if url_name:
        assert client.get(url).status_code == 405


# The page ------------------------------------------------------------------------------------


def test_members_page_lists_members_and_pending_invitations(client, company, company_admin):
    make_invitation(company, email="vantar@example.org", role="admin")
    make_invitation(company, email="klar@example.org", accepted_at=timezone.now())
    make_invitation(
        company,
        email="gammal@example.org",
        expires_at=timezone.make_aware(timezone.datetime(2024, 3, 5, 12)),
    )
    client.force_login(company_admin)
    response = client.get(members_url(company))
    assert [(m.user.public_name, m.role) for m in response.context["memberships"]] == [
        ("Ada Admin", "admin"),
        ("Mira Medlem", "member"),
    ]
    assert [i.email for i in response.context["invitations"]] == [
        "gammal@example.org",
        "vantar@example.org",
    ]
    html = response.content.decode()
    assert "<h1>Medlemmar i Kafé Test</h1>" in html
    assert "<td>Ada Admin (du)</td>" in html
    assert "<td>Mira Medlem</td>" in html
    assert '<label for="id_m' in html and "Roll för Mira Medlem" in html
    assert "<td>Företagsadministratör</td>" in html  # the pending admin invitation
    assert "Gick ut 5 mars 2024" in html
    assert "klar@example.org" not in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_company_page_links_to_member_page_for_its_admins_only(client, company, company_admin):
    link = f'<a href="/foretag/{company.slug}/medlemmar/">Hantera medlemmar</a>'
    client.force_login(company_admin)
    assert link in client.get(company.get_absolute_url()).content.decode()
    client.force_login(Membership.objects.filter(company=company, role="member").get().user)
    assert link not in client.get(company.get_absolute_url()).content.decode()
    client.logout()
    assert link not in client.get(company.get_absolute_url()).content.decode()


@pytest.mark.parametrize("size", [2, 12])
def test_members_page_query_count_is_constant(
    client, company, company_admin, django_assert_num_queries, size
):
    for n in range(size):
        MembershipFactory(company=company)
        make_invitation(company, email=f"vantar{n}@example.org")
    client.force_login(company_admin)
    # session, user (with the editor group the header asks), company, admin check,
    # memberships, invitations
    with django_assert_num_queries(6):
        response = client.get(members_url(company))
    assert len(response.context["memberships"]) == size + 2


# Inviting ------------------------------------------------------------------------------------


def test_invite_sends_mail_with_link_and_records_it(
    client, company, company_admin, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://handbok.example"
    client.force_login(company_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(members_url(company), {"email": " Ny@Example.org ", "role": "admin"})
    assert response.status_code == 302
    assert response["Location"] == members_url(company)
    assert messages_of(response) == ["En inbjudan har skickats till ny@example.org."]
    invitation = Invitation.objects.get()
    assert (invitation.company, invitation.email, invitation.role) == (
        company,
        "ny@example.org",
        "admin",
    )
    assert invitation.invited_by == company_admin
    assert invitation.accepted_at is None
    assert len(invitation.token) >= 40
    expected_expiry = timezone.now() + timedelta(days=14)
    assert abs((invitation.expires_at - expected_expiry).total_seconds()) < 60

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["ny@example.org"]
    assert mail.subject == "[Kompetenshandboken] Du är inbjuden till Kafé Test i Kompetenshandboken"
    link = f"https://handbok.example/foretag/inbjudan/{invitation.token}/"
    assert f"\n{link}\n" in mail.body
    assert "Ada Admin har bjudit in dig att bli företagsadministratör i Kafé Test" in mail.body
    expiry = timezone.localtime(invitation.expires_at)
    months = ["jan.", "feb.", "mars", "april", "maj", "juni", "juli", "aug.", "sep.", "okt.",
              "nov.", "dec."]  # fmt: skip
    date = f"{expiry.day} {months[expiry.month - 1]} {expiry.year}"
    assert f"Länken gäller till och med {date} och kan bara användas en gång." in mail.body
    assert "&" not in mail.body  # plain text, nothing escaped

    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target, entry.scope) == (
        company_admin,
        AuditAction.INVITED,
        company,
        company,
    )
    assert entry.summary == "Bjöd in ny@example.org till Kafé Test som företagsadministratör"


def test_invite_page_shows_the_pending_invitation_afterwards(client, company, company_admin):
    client.force_login(company_admin)
    response = client.post(
        members_url(company), {"email": "ny@example.org", "role": "member"}, follow=True
    )
    html = response.content.decode()
    assert "<td>ny@example.org</td>" in html
    assert (
        '<p class="message message--success">En inbjudan har skickats till ny@example.org.</p>'
        in html
    )


def test_second_invitation_to_the_same_address_replaces_the_first(
    client, company, company_admin, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(company_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(members_url(company), {"email": "ny@example.org", "role": "member"})
    first = Invitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(members_url(company), {"email": "NY@example.org", "role": "admin"})
    second = Invitation.objects.get()
    assert second.pk != first.pk and second.token != first.token
    assert second.role == "admin"
    assert len(mailoutbox) == 2
    assert client.get(f"/foretag/inbjudan/{first.token}/").status_code == 404
    assert client.get(f"/foretag/inbjudan/{second.token}/").status_code == 200


def test_invitation_in_another_company_is_left_alone(company, company_admin):
    other = make_invitation(CompanyFactory(), email="ny@example.org")
    services.invite(company, "ny@example.org", "member", company_admin)
    assert Invitation.objects.filter(pk=other.pk).exists()
    assert Invitation.objects.count() == 2


def test_inviting_a_member_is_refused_next_to_the_field(
    client, company, company_admin, member, mailoutbox
):
    client.force_login(company_admin)
    response = client.post(members_url(company), {"email": member.email.upper(), "role": "admin"})
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        '<ul class="field__errors" id="id_email_error"><li>'
        f"{member.email} är redan medlem i företaget. Ändra rollen i listan i stället.</li></ul>"
    ) in html
    assert f'value="{member.email.upper()}"' in html
    assert Invitation.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    assert mailoutbox == []


def test_invite_service_refuses_members_too(company, company_admin, member):
    with pytest.raises(services.AlreadyMemberError, match="är redan medlem i Kafé Test"):
        services.invite(company, member.email, "member", company_admin)


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"email": "inte-en-adress", "role": "member"}, "email", "Fyll i en giltig e-postadress."),
        ({"email": "", "role": "member"}, "email", "Detta fält måste fyllas i."),
        ({"email": "ny@example.org", "role": "kung"}, "role", BAD_CHOICE),
    ],
)
def test_invite_bad_input_is_shown_next_to_the_field_and_kept(
    client, company, company_admin, data, field, error
):
    client.force_login(company_admin)
    response = client.post(members_url(company), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<ul class="field__errors" id="id_{field}_error"><li>{error}</li></ul>' in html
    assert f'value="{data["email"]}"' in html or not data["email"]
    assert 'aria-invalid="true"' in html
    assert Invitation.objects.count() == 0


def test_cancel_invitation_removes_it(client, company, company_admin):
    invitation = make_invitation(company, email="vantar@example.org")
    client.force_login(company_admin)
    response = client.post(f"/foretag/{company.slug}/inbjudningar/{invitation.pk}/aterkalla/")
    assert response.status_code == 302
    assert messages_of(response) == ["Inbjudan till vantar@example.org är återkallad."]
    assert not Invitation.objects.exists()
    assert client.get(f"/foretag/inbjudan/{invitation.token}/").status_code == 404


def test_accepted_invitation_cannot_be_cancelled(client, company, company_admin):
    invitation = make_invitation(company, accepted_at=timezone.now())
    client.force_login(company_admin)
    url = f"/foretag/{company.slug}/inbjudningar/{invitation.pk}/aterkalla/"
    assert client.post(url).status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()


# Roles and removal ---------------------------------------------------------------------------


def test_change_role_promotes_a_member_and_records_it(client, company, company_admin, member):
    membership = Membership.objects.get(user=member, company=company)
    client.force_login(company_admin)
    response = client.post(
        f"{members_url(company)}{membership.pk}/roll/", {f"m{membership.pk}-role": "admin"}
    )
    assert response.status_code == 302
    assert response["Location"] == members_url(company)
    assert messages_of(response) == ["Mira Medlem har nu rollen företagsadministratör."]
    membership.refresh_from_db()
    assert membership.role == "admin"
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target, entry.scope) == (
        company_admin,
        AuditAction.ROLE_CHANGED,
        company,
        company,
    )
    assert entry.summary == (
        f"Ändrade rollen för {member.email} i Kafé Test från medlem till företagsadministratör"
    )


def test_change_role_to_the_same_role_changes_nothing(company, company_admin):
    membership = Membership.objects.get(user=company_admin)
    services.change_role(membership, "admin", company_admin)
    assert AuditEntry.objects.count() == 0


def test_last_admin_cannot_be_demoted(client, company, company_admin):
    membership = Membership.objects.get(user=company_admin, company=company)
    client.force_login(company_admin)
    response = client.post(
        f"{members_url(company)}{membership.pk}/roll/", {f"m{membership.pk}-role": "member"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        f'<ul class="field__errors" id="id_m{membership.pk}-role_error"><li>Kafé Test måste ha '
        "minst en företagsadministratör. Gör någon annan till administratör först.</li></ul>"
    ) in html
    membership.refresh_from_db()
    assert membership.role == "admin"
    assert AuditEntry.objects.count() == 0


def test_last_admin_cannot_be_removed(client, company, company_admin):
    membership = Membership.objects.get(user=company_admin, company=company)
    client.force_login(company_admin)
    response = client.post(f"{members_url(company)}{membership.pk}/ta-bort/")
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        f'<p class="row-error" id="medlem-{membership.pk}-fel">Kafé Test måste ha '
        "minst en företagsadministratör. Gör någon annan till administratör först.</p>"
    ) in html
    assert f'aria-describedby="medlem-{membership.pk}-fel"' in html
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.count() == 0


def test_last_admin_rule_in_the_services(company, company_admin):
    membership = Membership.objects.get(user=company_admin)
    with pytest.raises(services.LastAdminError):
        services.change_role(membership, "member", company_admin)
    with pytest.raises(services.LastAdminError):
        services.remove_member(membership, company_admin)
    assert issubclass(services.LastAdminError, ValueError)
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_admin_can_step_down_when_another_admin_exists(client, company, company_admin, member):
    Membership.objects.filter(user=member).update(role="admin")
    membership = Membership.objects.get(user=company_admin, company=company)
    client.force_login(company_admin)
    response = client.post(
        f"{members_url(company)}{membership.pk}/roll/", {f"m{membership.pk}-role": "member"}
    )
    # No longer an admin: back to the company page, not to a page they may not see.
    assert response.status_code == 302
    assert response["Location"] == company.get_absolute_url()
    membership.refresh_from_db()
    assert membership.role == "member"
    assert client.get(members_url(company)).status_code == 403


def test_admin_can_leave_when_another_admin_exists(client, company, company_admin, member):
    Membership.objects.filter(user=member).update(role="admin")
    membership = Membership.objects.get(user=company_admin, company=company)
    client.force_login(company_admin)
    response = client.post(f"{members_url(company)}{membership.pk}/ta-bort/")
    assert response.status_code == 302
    assert response["Location"] == company.get_absolute_url()
    assert messages_of(response) == ["Du är inte längre medlem i Kafé Test."]
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_remove_member_deletes_membership_and_records_it(client, company, company_admin, member):
    membership = Membership.objects.get(user=member, company=company)
    client.force_login(company_admin)
    response = client.post(f"{members_url(company)}{membership.pk}/ta-bort/")
    assert response.status_code == 302
    assert response["Location"] == members_url(company)
    assert messages_of(response) == ["Mira Medlem är inte längre medlem i Kafé Test."]
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert member.__class__.objects.filter(pk=member.pk).exists()  # the account stays
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target, entry.scope) == (
        company_admin,
        AuditAction.MEMBER_REMOVED,
        company,
        company,
    )
    assert entry.summary == f"Tog bort {member.email} från Kafé Test"


def test_bad_role_value_is_shown_next_to_the_field(client, company, company_admin, member):
    membership = Membership.objects.get(user=member, company=company)
    client.force_login(company_admin)
    response = client.post(
        f"{members_url(company)}{membership.pk}/roll/", {f"m{membership.pk}-role": "kung"}
    )
    assert response.status_code == 400
    assert (
        f'<ul class="field__errors" id="id_m{membership.pk}-role_error"><li>{BAD_CHOICE}</li></ul>'
    ) in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "member"


# Accepting -----------------------------------------------------------------------------------


def invitation_url(invitation) -> str:
    return f"/foretag/inbjudan/{invitation.token}/"


def test_invitation_page_for_anonymous_offers_login_and_sign_up(client, company, company_admin):
    invitation = make_invitation(company, role="admin", invited_by=company_admin)
    response = client.get(invitation_url(invitation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Inbjudan till Kafé Test</h1>" in html
    assert "Du är inbjuden att bli företagsadministratör i Kafé Test." in html
    assert "<dd>Ada Admin</dd>" in html
    next_query = f"next=%2Fforetag%2Finbjudan%2F{invitation.token}%2F"
    assert f'<a class="button" href="/konto/login/?{next_query}">Logga in</a>' in html
    # Signing up fills in the invited address, the only one that may accept.
    assert f'href="/konto/signup/?{next_query}&amp;email=ny%40example.org">Skapa konto</a>' in html
    assert "Acceptera inbjudan" not in html


def test_anonymous_accept_goes_to_login(client, company):
    invitation = make_invitation(company)
    response = client.post(invitation_url(invitation))
    assert response.status_code == 302
    assert response["Location"] == f"/konto/login/?next=/foretag/inbjudan/{invitation.token}/"
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


REFUSAL = (
    "Inbjudan skickades till annan@example.org, men du är inloggad som jag@example.org. "
    "Bara kontot med den adressen kan acceptera den."
)
REFUSAL_HELP = (
    "Logga ut och logga in med annan@example.org, eller be en administratör i Kafé Test att "
    "skicka en ny inbjudan till din adress."
)


def test_invitation_page_for_another_address_explains_and_offers_no_button(client, company):
    invitation = make_invitation(company, email="annan@example.org")
    client.force_login(UserFactory(email="jag@example.org"))
    response = client.get(invitation_url(invitation))
    assert response.status_code == 200
    html = response.content.decode()
    assert REFUSAL in html
    assert REFUSAL_HELP in html
    assert "Acceptera inbjudan" not in html


def test_invitation_page_has_no_address_note_when_addresses_match(client, company):
    invitation = make_invitation(company, email="Jag@Example.org")
    client.force_login(UserFactory(email="jag@example.org"))
    html = client.get(invitation_url(invitation)).content.decode()
    assert '<button type="submit">Acceptera inbjudan</button>' in html
    assert "men du är inloggad som" not in html


@pytest.mark.parametrize("role", ["member", "stranger", "company_admin", "editor", "superuser"])
def test_another_account_cannot_accept_even_as_admin(client, login, company, role):
    """A forwarded or leaked link makes nobody a member, whatever their account may do."""
    invitation = make_invitation(company, email="ny@example.org", role="admin")
    user = login(role)
    before = set(Membership.objects.values_list("user", "company", "role"))
    response = client.post(invitation_url(invitation))
    assert response.status_code == 403
    html = response.content.decode()
    assert f"men du är inloggad som {user.email}. Bara kontot med den adressen" in html
    assert "Acceptera inbjudan" not in html
    assert set(Membership.objects.values_list("user", "company", "role")) == before
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not AuditEntry.objects.filter(action=AuditAction.MEMBER_ADDED).exists()


def test_an_unverified_invited_address_cannot_accept(client, company):
    from allauth.account.models import EmailAddress

    invitation = make_invitation(company, email="ny@example.org")
    user = UserFactory(email="jag@example.org")
    EmailAddress.objects.create(user=user, email="ny@example.org", verified=False)
    client.force_login(user)
    assert client.post(invitation_url(invitation)).status_code == 403
    assert not Membership.objects.filter(user=user).exists()


def test_the_invited_address_accepts_also_as_a_second_verified_address(client, company):
    from allauth.account.models import EmailAddress

    invitation = make_invitation(company, email="NY@example.org", role="member")
    user = UserFactory(email="jag@example.org")
    EmailAddress.objects.create(user=user, email="ny@example.org", verified=True)
    client.force_login(user)
    response = client.post(invitation_url(invitation))
    assert response.status_code == 302
    assert response["Location"] == company.get_absolute_url()
    assert messages_of(response) == ["Välkommen! Du är nu medlem i Kafé Test."]
    assert Membership.objects.get(user=user, company=company).role == "member"
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_invitation_lifecycle(
    client, company, company_admin, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(company_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(members_url(company), {"email": "ny@example.org", "role": "admin"})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/foretag/inbjudan/" in line)
    path = link.removeprefix("http://127.0.0.1:8000")
    assert path.startswith("/foretag/inbjudan/")

    newcomer = UserFactory(email="ny@example.org", display_name="Nina Ny")
    client.force_login(newcomer)
    response = client.post(path, follow=True)
    assert response.redirect_chain == [(company.get_absolute_url(), 302)]
    assert "Välkommen! Du är nu medlem i Kafé Test." in response.content.decode()
    membership = Membership.objects.get(user=newcomer, company=company)
    assert membership.role == "admin"
    entry = AuditEntry.objects.filter(action=AuditAction.MEMBER_ADDED).get()
    assert (entry.actor, entry.target, entry.scope) == (newcomer, company, company)
    assert entry.summary == (
        "ny@example.org gick med i Kafé Test som företagsadministratör "
        "(inbjudan till ny@example.org)"
    )

    # Single use: a second try, by anyone, is 410 and changes nothing.
    response = client.post(path)
    assert response.status_code == 410
    html = response.content.decode()
    assert "<h1>Inbjudan har redan använts</h1>" in html
    assert "Du är redan medlem i Kafé Test." in html
    client.force_login(UserFactory())
    response = client.get(path)
    assert response.status_code == 410
    assert "Be Ada Admin eller en annan administratör i Kafé Test att skicka en ny inbjudan." in (
        response.content.decode()
    )
    assert Membership.objects.filter(company=company).count() == 3


def test_expired_invitation_is_410(client, company, company_admin, stranger):
    invitation = make_invitation(
        company,
        invited_by=company_admin,
        expires_at=timezone.make_aware(timezone.datetime(2024, 3, 5, 12)),
    )
    client.force_login(stranger)
    for response in (
        client.get(invitation_url(invitation)),
        client.post(invitation_url(invitation)),
    ):
        assert response.status_code == 410
        html = response.content.decode()
        assert "<h1>Inbjudan har gått ut</h1>" in html
        assert "Inbjudan till Kafé Test gällde till den 5 mars 2024." in html
        assert (
            "Be Ada Admin eller en annan administratör i Kafé Test att skicka en ny inbjudan."
            in html
        )
    assert not Membership.objects.filter(user=stranger, company=company).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_expired_or_used_invitation_is_refused_by_the_service(company, stranger):
    expired = make_invitation(company, expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(services.InvitationUnusable, match="Inbjudan har gått ut."):
        services.accept_invitation(expired, stranger)
    used = make_invitation(company, email="b@example.org", accepted_at=timezone.now())
    with pytest.raises(services.InvitationUnusable, match="Inbjudan har redan använts."):
        services.accept_invitation(used, stranger)
    assert issubclass(services.InvitationUnusable, ValueError)
    assert not Membership.objects.filter(user=stranger, company=company).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_invitation_is_a_clear_404(client, member, method):
    client.force_login(member)
    response = getattr(client, method)("/foretag/inbjudan/finns-inte-alls/")
    assert response.status_code == 404
    assert "<h1>Inbjudan finns inte</h1>" in response.content.decode()


def test_accepting_raises_an_existing_members_role_but_never_lowers_it(
    company, member, company_admin
):
    services.accept_invitation(make_invitation(company, role="admin"), member)
    assert Membership.objects.get(user=member, company=company).role == "admin"
    services.accept_invitation(make_invitation(company, email="b@example.org"), company_admin)
    assert Membership.objects.get(user=company_admin, company=company).role == "admin"
    assert Membership.objects.filter(company=company).count() == 2
