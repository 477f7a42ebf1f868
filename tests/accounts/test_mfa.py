"""Two-factor authentication: activating TOTP, signing in with it, recovery codes, the rate
limit on codes, and the requirement for editors and administrators."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.test import Client, override_settings

from tests.factories import (
    PASSWORD,
    CompanyFactory,
    MembershipFactory,
    MethodFactory,
    UserFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ACTIVATE = "/konto/2fa/totp/activate/"
AUTHENTICATE = "/konto/2fa/authenticate/"
WRONG_AT_ACTIVATION = (
    "Koden stämmer inte. Skriv den sexsiffriga kod som appen visar just nu. "
    "Kontrollera att mobilens klocka går rätt om felet återkommer."
)
WRONG_AT_LOGIN = (
    "Koden stämmer inte. Skriv den kod som appen visar just nu, eller en av dina "
    "oanvända återställningskoder."
)
REQUIRED = (
    "Redaktörer och administratörer måste använda tvåstegsverifiering. "
    "Aktivera den med en autentiseringsapp i mobilen innan du fortsätter."
)


def code_for(secret: str, offset: int = 0) -> str:
    """The code an authenticator app shows now (allauth's own HOTP helpers, 30 s steps)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def wrong_code_for(secret: str) -> str:
    right = {code_for(secret, offset) for offset in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)


def html_of(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def sign_in(client: Client, user, password: str = PASSWORD):
    """The real login form, so that allauth records a fresh authentication."""
    return client.post("/konto/login/", {"login": user.email, "password": password})


def sign_in_fresh(client: Client, user):
    """Signed in, and the password confirmed again: allauth asks before security changes."""
    sign_in(client, user)
    response = client.post("/konto/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def with_totp(user, secret: str = SECRET) -> list[str]:
    """Give the user an activated authenticator app; return their recovery codes."""
    TOTP.activate(user, secret)
    return RecoveryCodes.activate(user).generate_codes()


def shown_secret(html: str) -> str:
    match = re.search(r'<code class="mfa-secret__value" id="totp-secret">([A-Z2-7]+)</code>', html)
    assert match, "the secret is not shown as text"
    return match.group(1)


# Activation -------------------------------------------------------------------------------------


def test_profile_links_to_the_security_page(client, member):
    client.force_login(member)
    assert '<a href="/konto/2fa/">Tvåstegsverifiering</a>' in html_of(client.get("/konto/profil/"))


def test_security_page_says_whether_two_factor_is_on(client, member):
    client.force_login(member)
    html = html_of(client.get("/konto/2fa/"))
    assert "Avstängd." in html
    assert f'<a class="button" href="{ACTIVATE}">Aktivera tvåstegsverifiering</a>' in html
    with_totp(member)
    html = html_of(client.get("/konto/2fa/"))
    assert "Påslagen." in html
    assert "Du har 10 oanvända koder av 10." in html


def test_activation_page_shows_the_qr_code_and_the_secret_as_text(client, member):
    sign_in_fresh(client, member)
    response = client.get(ACTIVATE)
    assert response.status_code == 200
    html = html_of(response)
    secret = shown_secret(html)
    assert secret == client.session["mfa.totp.secret"]
    assert '<img src="data:image/svg+xml;base64,' in html
    assert 'alt="QR-kod som lägger till Kompetenshandboken i autentiseringsappen"' in html
    assert '<label for="id_code">Kod från appen:</label>' in html
    field = re.search(r"<input [^>]*name=\"code\"[^>]*>", html).group(0)
    assert 'autocomplete="one-time-code"' in field
    assert 'inputmode="numeric"' in field
    assert 'aria-describedby="id_code_helptext"' in field
    # Only nonce'd scripts and no inline styles: the site's CSP allows nothing else.
    assert "<script>" not in html
    assert "style=" not in html


def test_activating_with_the_right_code_turns_two_factor_on(client, member):
    sign_in_fresh(client, member)
    secret = shown_secret(html_of(client.get(ACTIVATE)))
    response = client.post(ACTIVATE, {"code": code_for(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/recovery-codes/"
    totp = Authenticator.objects.get(user=member, type=Authenticator.Type.TOTP)
    assert totp.data["secret"] == secret
    codes = Authenticator.objects.get(user=member, type=Authenticator.Type.RECOVERY_CODES)
    html = html_of(client.get("/konto/2fa/recovery-codes/"))
    unused = codes.wrap().get_unused_codes()
    assert len(unused) == 10
    assert all(f"<li><code>{code}</code></li>" in html for code in unused)
    assert "mfa.totp.secret" not in client.session


def test_activating_accepts_the_code_typed_with_a_space(client, member):
    sign_in_fresh(client, member)
    secret = shown_secret(html_of(client.get(ACTIVATE)))
    code = code_for(secret)
    response = client.post(ACTIVATE, {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type="totp").exists()


def test_a_wrong_code_explains_itself_and_keeps_nothing_half_done(client, member):
    sign_in_fresh(client, member)
    secret = shown_secret(html_of(client.get(ACTIVATE)))
    response = client.post(ACTIVATE, {"code": wrong_code_for(secret)})
    assert response.status_code == 200
    html = html_of(response)
    assert (
        f'<ul class="field__errors" id="id_code_error"><li>{WRONG_AT_ACTIVATION}</li></ul>' in html
    )
    assert not Authenticator.objects.filter(user=member).exists()
    # The same secret again: what the user scanned still works for the next try.
    assert shown_secret(html) == secret
    assert client.post(ACTIVATE, {"code": code_for(secret)}).status_code == 302


def test_an_empty_code_is_asked_for(client, member):
    sign_in_fresh(client, member)
    client.get(ACTIVATE)
    html = html_of(client.post(ACTIVATE, {"code": ""}))
    assert '<ul class="field__errors" id="id_code_error"><li>Skriv koden.</li></ul>' in html
    assert not Authenticator.objects.filter(user=member).exists()


def test_activation_asks_for_the_password_again_after_a_while(client, member):
    client.force_login(member)  # no recent authentication recorded
    response = client.get(ACTIVATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/reauthenticate/")


def test_deactivating_turns_two_factor_off(client, member):
    with_totp(member)
    sign_in(client, member)
    client.post(AUTHENTICATE, {"code": code_for(SECRET)})
    assert client.post("/konto/reauthenticate/", {"password": PASSWORD}).status_code == 302
    html = html_of(client.get("/konto/2fa/totp/deactivate/"))
    assert "<h1>Stäng av tvåstegsverifiering</h1>" in html
    response = client.post("/konto/2fa/totp/deactivate/")
    assert response["Location"] == "/konto/2fa/"
    assert not Authenticator.objects.filter(user=member).exists()


# Signing in -------------------------------------------------------------------------------------


def test_login_with_totp_asks_for_the_code_and_only_then_logs_in(client, member):
    with_totp(member)
    response = sign_in(client, member)
    assert response["Location"] == AUTHENTICATE
    assert SESSION_KEY not in client.session
    assert client.get("/konto/profil/")["Location"] == "/konto/login/?next=/konto/profil/"

    html = html_of(client.get(AUTHENTICATE))
    assert "<h1>Tvåstegsverifiering</h1>" in html
    assert 'autocomplete="one-time-code"' in html

    response = client.post(AUTHENTICATE, {"code": wrong_code_for(SECRET)})
    assert response.status_code == 200
    assert f"<li>{WRONG_AT_LOGIN}</li>" in html_of(response)
    assert SESSION_KEY not in client.session

    response = client.post(AUTHENTICATE, {"code": code_for(SECRET)})
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(member.pk)


def test_the_code_step_cannot_be_skipped(client, member):
    with_totp(member)
    sign_in(client, member)
    assert client.get("/konto/profil/")["Location"] == "/konto/login/?next=/konto/profil/"
    assert SESSION_KEY not in client.session


def test_a_recovery_code_works_once_and_not_twice(client, member):
    codes = with_totp(member)
    sign_in(client, member)
    response = client.post(AUTHENTICATE, {"code": codes[0]})
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(member.pk)

    client.post("/konto/logout/")
    sign_in(client, member)
    response = client.post(AUTHENTICATE, {"code": codes[0]})
    assert response.status_code == 200
    assert f"<li>{WRONG_AT_LOGIN}</li>" in html_of(response)
    assert SESSION_KEY not in client.session
    rc = Authenticator.objects.get(user=member, type=Authenticator.Type.RECOVERY_CODES)
    assert codes[0] not in rc.wrap().get_unused_codes()
    assert len(rc.wrap().get_unused_codes()) == 9


def test_wrong_codes_are_rate_limited(client, member):
    """login_failed (5 per 5 minutes per account) counts wrong codes too."""
    with_totp(member)
    sign_in(client, member)
    wrong = wrong_code_for(SECRET)
    for _ in range(5):
        assert f"<li>{WRONG_AT_LOGIN}</li>" in html_of(client.post(AUTHENTICATE, {"code": wrong}))
    response = client.post(AUTHENTICATE, {"code": code_for(SECRET)})
    assert response.status_code == 200
    assert "<li>För många misslyckade inloggningsförsök. Försök igen senare.</li>" in html_of(
        response
    )
    assert SESSION_KEY not in client.session


def test_wrong_codes_at_activation_are_rate_limited(client, member):
    sign_in_fresh(client, member)
    secret = shown_secret(html_of(client.get(ACTIVATE)))
    wrong = wrong_code_for(secret)
    for _ in range(5):
        client.post(ACTIVATE, {"code": wrong})
    html = html_of(client.post(ACTIVATE, {"code": code_for(secret)}))
    assert "<li>Ha tålamod, du skickar för många förfrågningar.</li>" in html
    assert not Authenticator.objects.filter(user=member).exists()


def test_the_rate_limit_for_codes_is_configured(settings):
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"


# The requirement for editors and administrators -------------------------------------------------


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
@pytest.mark.parametrize("who", ["editor", "superuser", "staff"])
def test_staff_without_totp_are_sent_to_activation(client, who):
    user = {
        "editor": lambda: make_editor(),
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
        "staff": lambda: UserFactory(is_staff=True),
    }[who]()
    client.force_login(user)
    for url in ["/", "/redaktion/", "/konto/profil/", "/admin/", "/metoder/"]:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, ACTIVATE), url
    assert messages_of(response)[-1] == REQUIRED
    # Writes are stopped before the view runs.
    response = client.post("/konto/profil/", {"display_name": "Nytt namn"})
    assert response["Location"] == ACTIVATE
    user.refresh_from_db()
    assert user.display_name != "Nytt namn"


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_staff_reach_the_pages_needed_to_set_up_or_leave(client):
    editor = make_editor()
    sign_in(client, editor)
    assert client.get("/konto/2fa/").status_code == 200
    # allauth asks for the password again first; that page is open too.
    reauthenticate = "/konto/reauthenticate/?next=%2Fkonto%2F2fa%2Ftotp%2Factivate%2F"
    assert client.get(ACTIVATE)["Location"] == reauthenticate
    assert "<h1>Bekräfta att det är du</h1>" in html_of(client.get(reauthenticate))
    response = client.post(reauthenticate, {"password": PASSWORD})
    assert response["Location"] == ACTIVATE
    assert client.get(ACTIVATE).status_code == 200
    assert client.get("/healthz").status_code == 200
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/konto/2fa/"})
    assert response["Location"] == "/konto/2fa/"
    assert client.get("/konto/email/").status_code == 200
    response = client.post("/konto/logout/")
    assert (response.status_code, response["Location"]) == (302, "/")
    assert SESSION_KEY not in client.session


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_an_editor_signing_in_lands_on_activation_and_then_gets_through(client):
    editor = make_editor()
    response = client.post(
        "/konto/login/", {"login": editor.email, "password": PASSWORD}, follow=True
    )
    reauthenticate = "/konto/reauthenticate/?next=%2Fkonto%2F2fa%2Ftotp%2Factivate%2F"
    assert [url for url, _status in response.redirect_chain] == ["/", ACTIVATE, reauthenticate]
    assert f'<p class="message message--warning">{REQUIRED}</p>' in html_of(response)
    response = client.post(reauthenticate, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain == [(ACTIVATE, 302)]
    html = html_of(response)
    secret = shown_secret(html)
    assert client.post(ACTIVATE, {"code": code_for(secret)}).status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/redaktion/").status_code == 200


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_staff_with_totp_get_through(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    with_totp(superuser)
    client.force_login(superuser)
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_members_are_not_asked_for_two_factor(client, member):
    client.force_login(member)
    assert client.get("/").status_code == 200
    assert client.get("/konto/profil/").status_code == 200


@override_settings(MFA_REQUIRED_FOR_STAFF=False)
def test_the_requirement_can_be_switched_off(client):
    editor = make_editor()
    client.force_login(editor)
    assert client.get("/").status_code == 200
    assert client.get("/redaktion/").status_code == 200


def test_the_requirement_is_off_in_development_and_on_in_production():
    """DEBUG decides the default (see settings.py); the environment can say otherwise."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k != "MFA_REQUIRED_FOR_STAFF"
    }
    base.update(
        DJANGO_SECRET_KEY="k" * 60, DJANGO_ALLOWED_HOSTS="handbok.example", EMAIL_DISABLED="1"
    )

    def value(**env) -> str:
        run = subprocess.run(  # noqa: S603 - our own interpreter and code
            [
                sys.executable,
                "-c",
                "import handbook_site.settings as s; print(s.MFA_REQUIRED_FOR_STAFF)",
            ],
            cwd=Path(__file__).resolve().parents[2],
            env={**base, **env},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return run.stdout.strip()

    assert value(DJANGO_DEBUG="1") == "False"
    assert value(DJANGO_DEBUG="0") == "True"
    assert value(DJANGO_DEBUG="0", MFA_REQUIRED_FOR_STAFF="0") == "False"
    assert value(DJANGO_DEBUG="1", MFA_REQUIRED_FOR_STAFF="1") == "True"


# What the check costs ---------------------------------------------------------------------------


def queries_for(client, url: str, required: bool) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with override_settings(MFA_REQUIRED_FOR_STAFF=required), CaptureQueriesContext(connection) as c:
        assert client.get(url).status_code == 200
    return len(c.captured_queries)


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("anonymous", "/"),
        ("anonymous", "/metoder/"),
        ("member", "/"),
        ("member", "/metoder/"),
        ("member", "/konto/profil/"),
        ("editor", "/"),
        ("editor", "/metoder/"),
        ("editor", "/konto/profil/"),
        ("member", "/metoder/testmetod/"),
        ("editor", "/metoder/testmetod/"),
    ],
)
def test_the_check_costs_no_query(client, who, url):
    """The check's one query also answers User.is_editor, which base.html asks anyway, and
    the user's companies, which the method page asks (companies_of)."""
    MethodFactory(title="Testmetod", slug="testmetod")
    if who == "member":
        client.force_login(UserFactory())
    elif who == "editor":
        editor = make_editor()
        with_totp(editor)
        client.force_login(editor)
    # Warm up once: the first request may fill caches (site, facet counts) either way.
    client.get(url)
    off = queries_for(client, url, required=False)
    on = queries_for(client, url, required=True)
    assert on - off == 0


def test_the_pages_speak_english_too(client, member):
    client.cookies["django_language"] = "en"
    with_totp(member)
    sign_in(client, member)
    html = html_of(client.get(AUTHENTICATE))
    assert "<h1>Two-factor authentication</h1>" in html
    assert '<label for="id_code">Code:</label>' in html
    response = client.post(AUTHENTICATE, {"code": wrong_code_for(SECRET)})
    assert (
        "<li>That code is not right. Type the code the app shows right now, or one of your "
        "unused recovery codes.</li>"
    ) in html_of(response)


def test_the_admin_login_cannot_skip_the_code(client):
    """Django admin's own form would sign in with the password alone; it sends to ours."""
    superuser = UserFactory(is_staff=True, is_superuser=True)
    with_totp(superuser)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": superuser.email, "password": PASSWORD}
    )
    assert response["Location"] == "/konto/login/?next=%2Fadmin%2F"
    assert SESSION_KEY not in client.session
    response = client.post(
        "/konto/login/?next=%2Fadmin%2F", {"login": superuser.email, "password": PASSWORD}
    )
    assert response["Location"] == AUTHENTICATE
    assert client.post(AUTHENTICATE, {"code": code_for(SECRET)})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("companies", [0, 2])
def test_the_checks_query_gives_the_method_page_the_users_companies(client, companies):
    """The companies the method page offers a report for come from the check's own query."""
    MethodFactory(title="Testmetod", slug="testmetod")
    user = UserFactory()
    for name in ["Öbergs bageri", "Almby kafé"][:companies]:
        MembershipFactory(user=user, company=CompanyFactory(name=name))
    MembershipFactory(company=CompanyFactory(name="Någon annans"))
    client.force_login(user)
    with override_settings(MFA_REQUIRED_FOR_STAFF=True):
        response = client.get("/metoder/testmetod/")
    names = [c["name"] for c in response.context["report_companies"]]
    assert names == ["Almby kafé", "Öbergs bageri"][:companies]
