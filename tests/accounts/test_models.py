import pytest
from django.contrib.auth import authenticate, get_user_model

from tests.factories import PASSWORD, UserFactory, make_editor

pytestmark = pytest.mark.django_db


def test_create_user_stores_email_in_lower_case():
    user = get_user_model().objects.create_user("Anna.Svensson@Example.ORG", "x-long-password-1")
    assert user.email == "anna.svensson@example.org"
    assert user.is_staff is False and user.is_superuser is False


def test_create_user_requires_email():
    with pytest.raises(ValueError):
        get_user_model().objects.create_user("", "pw")


def test_login_with_email_ignores_case(rf):
    user = UserFactory(email="kim@example.org")
    assert authenticate(rf.get("/"), username="KIM@example.org", password=PASSWORD) == user


def test_public_name_falls_back_to_address_before_at():
    assert UserFactory(email="lena@example.org", display_name="").public_name == "lena"
    assert UserFactory(display_name="Lena L").public_name == "Lena L"


def test_is_editor_for_editor_group_and_superuser_only():
    assert make_editor().is_editor is True
    assert UserFactory(is_superuser=True).is_editor is True
    assert UserFactory().is_editor is False
    inactive = make_editor(is_active=False)
    assert inactive.is_editor is False


def test_create_superuser_sets_flags():
    admin = get_user_model().objects.create_superuser("root@example.org", "a-long-password-9")
    assert admin.is_staff and admin.is_superuser
