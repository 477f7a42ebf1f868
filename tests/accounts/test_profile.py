"""The user's own page: name, companies and contributions."""

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from accounts.models import User
from companies.models import Membership, Question
from methods.choices import CommentState, Status
from methods.models import Comment, Method
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/konto/profil/"


@pytest.mark.parametrize("role", ["member", "stranger", "company_admin", "editor", "superuser"])
def test_profile_shows_the_signed_in_users_own_page(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["form"].instance == user
    html = response.content.decode()
    assert "<h1>Min sida</h1>" in html
    assert f'<p class="lead">{user.public_name} · {user.email}</p>' in html
    assert f'value="{user.display_name}"' in html


def test_profile_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/konto/profil/"
    response = client.post(URL, {"display_name": "Inbrott"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/konto/profil/"


def test_profile_url_name(client, member):
    from django.urls import reverse

    assert reverse("accounts:profile") == URL


def test_header_links_to_my_page_for_signed_in_users_only(client, member):
    link = '<a href="/konto/profil/">Min sida</a>'
    assert link not in client.get("/").content.decode()
    client.force_login(member)
    assert link in client.get("/").content.decode()
    assert '<a href="/konto/profil/" aria-current="page">Min sida</a>' in (
        client.get(URL).content.decode()
    )


def test_profile_links_to_password_and_email_pages(client, member):
    client.force_login(member)
    html = client.get(URL).content.decode()
    assert '<a href="/konto/password/change/">Byt lösenord</a>' in html
    assert '<a href="/konto/email/">Hantera e-postadresser</a>' in html


def test_display_name_can_be_changed(client, member):
    client.force_login(member)
    response = client.post(URL, {"display_name": "  Mira   Ny  "})
    assert response.status_code == 302
    assert response["Location"] == URL
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Ditt visningsnamn är sparat."]
    member.refresh_from_db()
    assert member.display_name == "Mira Ny"
    email = member.email
    assert User.objects.get(pk=member.pk).email == email  # nothing else changes


def test_display_name_can_be_emptied(client, member):
    client.force_login(member)
    client.post(URL, {"display_name": ""})
    member.refresh_from_db()
    assert member.display_name == ""
    assert member.public_name == member.email.split("@")[0]


def test_profile_form_ignores_other_fields(client, member):
    client.force_login(member)
    client.post(URL, {"display_name": "Mira", "email": "kapad@example.org", "is_staff": "on"})
    member.refresh_from_db()
    assert (member.display_name, member.is_staff) == ("Mira", False)
    assert member.email != "kapad@example.org"


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("x" * 121, "Säkerställ att detta värde har som mest 120 tecken (den har 121)."),
        ("mira@example.org", "Skriv ett namn, inte en e-postadress. Namnet syns för alla."),
    ],
)
def test_bad_display_name_is_shown_next_to_the_field_and_kept(client, member, value, error):
    client.force_login(member)
    response = client.post(URL, {"display_name": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<ul class="field__errors" id="id_display_name_error"><li>{error}</li></ul>' in html
    assert f'value="{value}"' in html
    assert 'aria-describedby="id_display_name_helptext id_display_name_error"' in html
    assert '<label for="id_display_name">Visningsnamn:</label>' in html
    member.refresh_from_db()
    assert member.display_name == "Mira Medlem"
    # The header still shows the saved name, not what was typed.
    assert '<span class="site-tools__user">Mira Medlem</span>' in html


def test_profile_lists_companies_with_role(client, company, company_admin):
    other = CompanyFactory(name="Annat Företag")
    MembershipFactory(user=company_admin, company=other, role="member")
    client.force_login(company_admin)
    response = client.get(URL)
    assert [(m.company.name, m.role) for m in response.context["memberships"]] == [
        ("Annat Företag", "member"),
        ("Kafé Test", "admin"),
    ]
    html = response.content.decode()
    assert f'<a href="/foretag/{other.slug}/">Annat Företag</a> – Medlem</li>' in html
    assert (
        f'<a href="/foretag/{company.slug}/">Kafé Test</a> – Företagsadministratör · '
        f'<a href="/foretag/{company.slug}/medlemmar/">Hantera medlemmar</a></li>'
    ) in html


def test_profile_without_companies_or_contributions(client):
    user = UserFactory()
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert "Du är inte medlem i något företag än." in html
    assert "Du har inte skrivit några metoder än." in html
    assert "Du har inte skrivit några erfarenhetsrapporter än." in html
    assert "Du har inte skrivit några kommentarer än." in html


def test_my_contributions_lists_own_methods_with_status(client, member):
    original = MethodFactory(title="Visa och gör", author=UserFactory())
    draft = MethodFactory(title="Mitt utkast", author=member, status=Status.DRAFT)
    published = MethodFactory(title="Min metod", author=member)
    copy = MethodFactory(
        title="Visa och gör", author=member, status=Status.SUBMITTED, working_copy_of=original
    )
    MethodFactory(title="Borttagen", author=member, deleted_at=timezone.now())
    MethodFactory(title="Någon annans", author=UserFactory())
    client.force_login(member)
    response = client.get(URL)
    assert {m.pk for m in response.context["methods"]} == {draft.pk, published.pk, copy.pk}
    html = response.content.decode()
    assert (
        f'<td><a href="/metoder/{draft.slug}/">Mitt utkast</a></td>\n          <td>Utkast</td>'
        in html
    )
    assert (
        f'<td><a href="/metoder/{published.slug}/">Min metod</a></td>\n'
        "          <td>Publicerad</td>" in html
    )
    assert (
        f'<td><a href="/metoder/{copy.slug}/">Ny version av Visa och gör</a></td>\n'
        "          <td>Inskickad</td>"
    ) in html
    assert f"<td>{timezone.localtime(draft.updated_at):%-d} " in html
    assert "Borttagen" not in html
    assert "Någon annans" not in html


def test_my_contributions_lists_reports_and_comments(client, member, company):
    method = MethodFactory(title="Publicerad metod")
    hidden_method = MethodFactory(title="Arkiverad metod", status=Status.ARCHIVED)
    ExperienceReportFactory(
        title="Vår rapport", author=member, company=company, method=method, status=Status.DRAFT,
        consent_to_publish=False,
    )  # fmt: skip
    ExperienceReportFactory(title="Någon annans rapport", method=method)
    Comment.objects.create(method=method, author=member, body="Bra metod!")
    Comment.objects.create(
        method=hidden_method, author=member, body="Dold kommentar", state=CommentState.HIDDEN
    )
    Comment.objects.create(
        method=method, author=member, body="Borttagen", deleted_at=timezone.now()
    )
    Comment.objects.create(method=method, author=UserFactory(), body="Annans kommentar")
    client.force_login(member)
    response = client.get(URL)
    assert [r.title for r in response.context["reports"]] == ["Vår rapport"]
    assert [c.body for c in response.context["comments"]] == ["Dold kommentar", "Bra metod!"]
    html = response.content.decode()
    assert (
        "<td>Vår rapport</td>\n"
        f'          <td><a href="/metoder/{method.slug}/">Publicerad metod</a>'
        f'</td>\n          <td><a href="/foretag/{company.slug}/">Kafé Test</a></td>\n'
        "          <td>Utkast</td>"
    ) in html
    assert (
        f'<td><a href="/metoder/{method.slug}/">Publicerad metod</a></td>\n'
        "          <td>Bra metod!</td>\n          <td>Synlig</td>"
    ) in html
    # The archived method is not visible to this member: its title is not a link.
    assert (
        "<td>Arkiverad metod</td>\n          <td>Dold kommentar</td>\n          <td>Dold</td>"
        in html
    )
    assert "Någon annans rapport" not in html
    assert "Annans kommentar" not in html
    assert "<td>Borttagen</td>" not in html


def test_editor_gets_links_to_methods_they_may_see(client, editor):
    archived = MethodFactory(title="Arkiverad metod", status=Status.ARCHIVED)
    Comment.objects.create(method=archived, author=editor, body="Notering")
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert f'<td><a href="/metoder/{archived.slug}/">Arkiverad metod</a></td>' in html


@pytest.mark.parametrize("size, extra", [(1, 0), (8, 100)])
def test_profile_query_count_is_constant(client, member, django_assert_num_queries, size, extra):
    for n in range(size):
        company = CompanyFactory()
        Membership.objects.create(user=member, company=company, role="member")
        MethodFactory(author=member, status=Status.DRAFT)
        MethodFactory(
            author=member, status=Status.DRAFT, working_copy_of=MethodFactory(title=f"Original {n}")
        )
        other = MethodFactory(status=Status.ARCHIVED)
        ExperienceReportFactory(author=member, company=company, method=other)
        Comment.objects.create(method=other, author=member, body=f"Kommentar {n}")
        Question.objects.create(company=CompanyFactory(), asker=member, body=f"Fråga {n}")
    many_methods(member, extra)
    client.force_login(member)
    # session, user (with the editor group), memberships, methods, reports, comments,
    # questions to other companies (each list with its total)
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert response.context["asked_questions"].total == size
    assert len(response.context["methods"]) == min(20, 2 * size + extra)
    assert response.context["methods"].total == 2 * size + extra
    assert len(response.context["comments"]) == size


def many_methods(author, count: int) -> list[Method]:
    """Plain rows in bulk, saved at the same moment: the newest row is listed first."""
    return Method.objects.bulk_create(
        Method(
            title=f"Min metod {i:03d}",
            slug=f"min-metod-{i:03d}",
            summary="Kort.",
            author=author,
            status=Status.PUBLISHED,
        )
        for i in range(count)
    )


def test_a_long_list_of_own_methods_shows_one_page_at_a_time(client, member):
    many_methods(member, 45)
    client.force_login(member)
    response = client.get(URL)
    html = response.content.decode()
    assert [m.title for m in response.context["methods"]] == [
        f"Min metod {i:03d}" for i in range(44, 24, -1)
    ]
    assert "1–20 av 45" in html
    assert 'href="?metoder=2#profile-methods-heading" rel="next"' in html
    assert "Min metod 024" not in html
    response = client.get(URL, {"metoder": 3})
    assert [m.title for m in response.context["methods"]] == [
        f"Min metod {i:03d}" for i in range(4, -1, -1)
    ]
    assert "41–45 av 45" in response.content.decode()
    assert client.get(URL, {"metoder": 4}).status_code == 404
