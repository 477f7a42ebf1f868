import types
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.test import override_settings

from core import ratelimit
from tests.factories import CompanyFactory, MembershipFactory, UserFactory, make_editor


@pytest.fixture
def member(db):
    """A member of `company`."""
    return UserFactory(display_name="Mira Medlem")


@pytest.fixture
def company(db, member):
    company = CompanyFactory(name="Kafé Test")
    MembershipFactory(user=member, company=company, role="member")
    return company


@pytest.fixture
def company_admin(db, company):
    user = UserFactory(display_name="Ada Admin")
    MembershipFactory(user=user, company=company, role="admin")
    return user


@pytest.fixture
def stranger(db):
    """A signed-in user of another company."""
    user = UserFactory(display_name="Sam Främling")
    MembershipFactory(user=user, role="member")
    return user


@pytest.fixture
def editor(db):
    return make_editor(display_name="Eva Redaktör")


@pytest.fixture
def superuser(db):
    return UserFactory(display_name="Super", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so query counts do not depend on test order."""
    from django.core.cache import cache

    from core.siteversion import forget_request_memo

    cache.clear()
    forget_request_memo()  # a request that raised never finished


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.3 s per user; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def module_world(build, django_db_blocker, tmp_path_factory):
    """A world of objects built once for a whole test module, inside a transaction that stays
    open: each test runs in a savepoint inside it (pytest-django's atomic block per test) and
    is rolled back to this state, and the module's end rolls it all back."""
    media_and_hashing = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),  # uploads and the stored handbook PDF
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), media_and_hashing:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def clock(monkeypatch):
    """The rate limiter's clock, at the start of a window; advance it with
    `clock.now += seconds`. A test that counts to a limit must not cross a window's edge."""
    fake = types.SimpleNamespace(now=1_800_000_000.0)
    fake.time = lambda: fake.now
    monkeypatch.setattr(ratelimit, "time", fake)
    return fake
