"""Production settings refuse to start without a real secret key and hosts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "-this-is-a-long-random-enough-secret-for-tests-" + "x" * 10


def load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import handbook_site.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_refuses_to_start():
    result = load_settings(DJANGO_ALLOWED_HOSTS="handbok.example")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_with_short_secret_key_refuses_to_start():
    result = load_settings(DJANGO_SECRET_KEY="short", DJANGO_ALLOWED_HOSTS="handbok.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = load_settings(DJANGO_SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must list" in result.stderr


def test_production_with_key_and_hosts_starts():
    result = load_settings(
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="a.example,b.example",
        EMAIL_HOST="smtp.a.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['a.example', 'b.example']"


def test_debug_flag_rejects_unknown_words():
    result = load_settings(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


@pytest.mark.parametrize("value", ["1", "true", "yes", "on"])
def test_debug_on_has_development_defaults(value):
    result = load_settings(DJANGO_DEBUG=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True ['127.0.0.1', 'localhost', '[::1]']"


def test_site_defaults(settings):
    assert settings.LANGUAGE_CODE == "sv"
    assert [code for code, _ in settings.LANGUAGES] == ["sv", "en"]
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.AUTH_USER_MODEL == "accounts.User"
    assert "core.middleware.SwedishFirstLocaleMiddleware" in settings.MIDDLEWARE


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="handbok.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
        EMAIL_HOST="smtp.handbok.example",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_security_headers_are_sent(client, db):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp


def test_scripts_carry_the_per_request_nonce(client, db):
    from tests.factories import MethodFactory

    method = MethodFactory()
    response = client.get(f"/metoder/{method.slug}/kort/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_healthz_answers_ok_without_a_session(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
    assert "Set-Cookie" not in response.headers


def session_engine(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    clean.pop("REDIS_URL", None)
    clean.update(DJANGO_DEBUG="1", **env)
    result = subprocess.run(
        [sys.executable, "-c", "import handbook_site.settings as s; print(s.SESSION_ENGINE)"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_sessions_are_read_through_redis_when_there_is_one():
    """In the database either way (a Redis restart signs nobody out); with Redis, read from it
    first, so a signed-in page does not query the session table."""
    assert session_engine() == "core.sessions.db"
    assert session_engine(REDIS_URL="redis://127.0.0.1:6379/9") == "core.sessions.cached_db"
