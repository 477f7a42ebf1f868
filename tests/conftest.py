import pytest

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

    from methods.models import _request_memo

    cache.clear()
    _request_memo.__dict__.clear()  # a request that raised never finished


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.3 s per user; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
