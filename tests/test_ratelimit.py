"""Rate limits: allauth's (login, sign-up, password reset) and the site's own (search, image
uploads, invitations), each answering with the Swedish 429 page (JSON for uploads)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core import ratelimit
from tests.factories import PASSWORD, MethodFactory, UserFactory

TITLE = "För många försök"


def assert_429_page(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert f"<h1>{TITLE}</h1>" in html
    assert "försök sedan igen" in html
    assert 'href="/"' in html


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def upload(client):
    return client.post("/markdownx/upload/", {"image": SimpleUploadedFile("bild.png", png())})


# The limiter itself -----------------------------------------------------------------------------


def test_limit_counts_per_key_and_window(clock, settings):
    assert [ratelimit.limit("a", 2, 60) for _ in range(3)] == [True, True, False]
    assert ratelimit.limit("b", 2, 60)
    clock.now += 60
    assert ratelimit.limit("a", 2, 60)


def test_retry_after_is_the_rest_of_the_window(clock):
    clock.now += 15
    assert ratelimit.retry_after(60) == 45


def test_client_ip_ignores_forwarded_for_unless_trusted(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.1")
    settings.RATELIMIT_TRUST_FORWARDED_FOR = False
    assert ratelimit.client_ip(request) == "10.0.0.1"
    settings.RATELIMIT_TRUST_FORWARDED_FOR = True
    assert ratelimit.client_ip(request) == "203.0.113.7"


def test_client_ip_counts_ipv6_per_network(rf):
    one = rf.get("/", REMOTE_ADDR="2001:db8:1:2::1")
    other = rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert ratelimit.client_ip(one) == ratelimit.client_ip(other) == "2001:db8:1:2::"


# Search -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/sok/", "/metoder/"])
def test_search_is_limited_per_ip_and_opens_again(client, settings, clock, url):
    settings.RATELIMIT_SEARCH = 2
    settings.RATELIMIT_SEARCH_PERIOD = 60
    assert client.get(url, {"q": "samtal"}).status_code == 200
    assert client.get(url, {"q": "mål"}).status_code == 200
    clock.now += 20
    response = client.get(url, {"q": "plan"})
    assert_429_page(response)
    assert response["Retry-After"] == "40"
    assert "Vänta en minut och försök sedan igen." in response.content.decode()
    # Browsing without a query is not a search and is not counted.
    assert client.get(url).status_code == 200
    # Another address has its own count.
    assert client.get(url, {"q": "plan"}, REMOTE_ADDR="192.0.2.9").status_code == 200
    clock.now += 40
    assert client.get(url, {"q": "plan"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/sok/", "/metoder/"])
def test_a_search_served_from_the_page_cache_is_not_counted(client, settings, clock, url):
    """The limit bounds searching: the page cache answers a repeated search without running
    it, before the limiter, and only searches that reach the view are counted."""
    settings.RATELIMIT_SEARCH = 2
    # Enough hits to be cached: a search that finds little is counted and never cached.
    for title in ("Samtal om mål", "Samtal i grupp", "Samtal efteråt"):
        MethodFactory(title=title)
    assert client.get(url, {"q": "samtal"})["X-Page-Cache"] == "miss"  # counted: 1
    for _ in range(5):
        hit = client.get(url, {"q": "samtal"})
        assert (hit.status_code, hit["X-Page-Cache"]) == (200, "hit")
    assert client.get(url, {"q": "grupp"}).status_code == 200  # counted: 2
    # A third search the cache cannot answer is over the limit, and its 429 is not stored.
    assert_429_page(client.get(url, {"q": "efteråt"}))
    assert_429_page(client.get(url, {"q": "efteråt"}))
    # The cached search still answers while the address is limited.
    assert client.get(url, {"q": "samtal"})["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_both_search_pages_share_one_count(client, settings, clock):
    settings.RATELIMIT_SEARCH = 1
    assert client.get("/sok/", {"q": "samtal"}).status_code == 200
    assert_429_page(client.get("/metoder/", {"q": "samtal"}))


@pytest.mark.django_db
def test_disabled_limiter_lets_everything_through(client, settings, clock):
    settings.RATELIMIT_ENABLED = False
    settings.RATELIMIT_SEARCH = 1
    for _ in range(3):
        assert client.get("/sok/", {"q": "samtal"}).status_code == 200


# Uploads ----------------------------------------------------------------------------------------


def test_uploads_are_limited_per_user_with_json(client, member, settings, clock, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.RATELIMIT_UPLOAD = 2
    settings.RATELIMIT_UPLOAD_PERIOD = 600
    client.force_login(member)
    assert [upload(client).status_code for _ in range(2)] == [200, 200]
    response = upload(client)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "600"
    assert response.json() == {
        "image": [
            "Du har laddat upp många bilder på kort tid. Vänta några minuter och försök sedan igen."
        ]
    }
    # Another user is not affected.
    client.force_login(UserFactory())
    assert upload(client).status_code == 200
    client.force_login(member)
    clock.now += 600
    assert upload(client).status_code == 200


# Invitations ------------------------------------------------------------------------------------


def test_invitations_are_limited_per_user_and_open_again(
    client, company, company_admin, settings, clock
):
    settings.RATELIMIT_INVITE = 2
    settings.RATELIMIT_INVITE_PERIOD = 3600
    url = reverse("companies:members", args=[company.slug])
    client.force_login(company_admin)
    for n in range(2):
        response = client.post(url, {"email": f"ny{n}@example.org", "role": "member"})
        assert response.status_code == 302
    response = client.post(url, {"email": "ny9@example.org", "role": "member"})
    assert_429_page(response)
    assert response["Retry-After"] == "3600"
    assert "Vänta 60 minuter och försök sedan igen." in response.content.decode()
    assert company.invitations.count() == 2
    # Looking at the page is not limited.
    assert client.get(url).status_code == 200
    clock.now += 3600
    response = client.post(url, {"email": "ny9@example.org", "role": "member"})
    assert response.status_code == 302
    assert company.invitations.count() == 3


# allauth ----------------------------------------------------------------------------------------


def test_failed_logins_are_limited_per_account(client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "2/5m/key"}
    login = reverse("account_login")
    for _ in range(2):
        response = client.post(login, {"login": member.email, "password": "fel-lösenord"})
        assert response.status_code == 200
    # Now even the right password is refused for a while.
    response = client.post(login, {"login": member.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "För många misslyckade inloggningsförsök. Försök igen senare." in (
        response.content.decode()
    )


def test_login_posts_are_limited_per_ip_with_the_swedish_page(client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    login = reverse("account_login")
    for _ in range(2):
        client.post(login, {"login": member.email, "password": "fel-lösenord"})
    response = client.post(login, {"login": member.email, "password": PASSWORD})
    assert_429_page(response)
    assert "Vänta några minuter och försök sedan igen." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signups_are_limited_per_ip(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    signup = reverse("account_signup")
    data = {"email": "ny@example.org", "password1": "ett långt lösen 42", "password2": "x"}
    client.post(signup, data)
    assert_429_page(client.post(signup, data))


def test_password_resets_are_limited_per_address(client, member, settings, mailoutbox):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/15m/key"}
    reset = reverse("account_reset_password")
    assert client.post(reset, {"email": member.email}).status_code == 302
    assert_429_page(client.post(reset, {"email": member.email.upper()}))
    assert len(mailoutbox) == 1


def test_account_rate_limits_are_set_explicitly(settings):
    limits = settings.ACCOUNT_RATE_LIMITS
    assert "/ip" in limits["login_failed"] and "/key" in limits["login_failed"]
    assert "/ip" in limits["signup"]
    assert "/ip" in limits["reset_password"] and "/key" in limits["reset_password"]
    assert limits["confirm_email"]
