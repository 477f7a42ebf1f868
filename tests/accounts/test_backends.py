"""The session's user is loaded with what nearly every page asks about them (accounts.backends,
User.objects.signed_in), and those answers are read fresh on every request."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user
from django.contrib.auth.models import Group
from django.test import RequestFactory

from accounts.models import User
from core.roles import EDITOR_GROUP
from tests.factories import CompanyFactory, MembershipFactory, UserFactory, make_editor

pytestmark = pytest.mark.django_db


def session_user(client) -> User:
    """The user that the next request of this client is served as."""
    request = RequestFactory().get("/")
    request.session = client.session
    return get_user(request)


def test_the_session_user_comes_with_editor_status_two_factor_and_companies(
    client, django_assert_num_queries
):
    user = UserFactory()
    MembershipFactory(user=user, company=CompanyFactory(name="Östra Verkstan"))
    MembershipFactory(user=user, company=CompanyFactory(name="Bageriet i Backa"))
    client.force_login(user)
    with django_assert_num_queries(2):  # the session, the user with the rest
        loaded = session_user(client)
        assert loaded == user
        assert loaded.is_editor is False
        assert loaded._has_totp is False
        assert [c["name"] for c in loaded._companies] == ["Bageriet i Backa", "Östra Verkstan"]
    assert {c["slug"] for c in loaded._companies} == {
        m.company.slug for m in user.memberships.all()
    }


def test_a_user_in_no_company_is_loaded_once_with_no_companies(client):
    editor = make_editor()
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    loaded = session_user(client)
    assert (loaded.is_editor, loaded._has_totp, loaded._companies) == (True, True, [])


def test_every_request_reads_the_answers_again(client):
    """Nothing is kept between requests: a user taken out of the editors' group is no editor
    on their next page."""
    editor = make_editor()
    client.force_login(editor)
    assert session_user(client).is_editor is True
    editor.groups.remove(Group.objects.get(name=EDITOR_GROUP))
    assert session_user(client).is_editor is False


def test_a_deactivated_user_is_signed_out(client):
    user = UserFactory()
    client.force_login(user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert session_user(client).is_authenticated is False


def test_a_deleted_user_is_signed_out(client):
    user = UserFactory()
    client.force_login(user)
    user.delete()
    assert session_user(client).is_authenticated is False


def test_a_user_loaded_otherwise_gets_the_answers_in_one_query(django_assert_num_queries):
    user = UserFactory()
    MembershipFactory(user=user, company=CompanyFactory(name="Kaféet"))
    plain = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        User.objects.known_flags(plain)
        assert (plain.is_editor, plain._has_totp) == (False, False)
        assert [c["name"] for c in plain._companies] == ["Kaféet"]
        User.objects.known_flags(plain)  # known: not asked again
