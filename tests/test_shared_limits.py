"""Rate limits hold across processes, and nobody can lock someone else out.

The limits (login, two-factor codes, uploads, search) counted in Django's cache, which in
production without Redis was each process's own memory: two workers let twice the limit
through (38 uploads per ten minutes against a limit of 20). Production now counts in a shared
cache: Redis, or the database cache (the core_cache table, created by `migrate`). And ten
wrong passwords for someone's address locked *them* out; failed logins now count per account
and client address.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.urls import reverse

from core import ratelimit
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
PRINT = "import json, handbook_site.settings as s; print(json.dumps(s.CACHES))"


def production_caches(**env: str) -> dict:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "REDIS_", "CACHE_", "EMAIL_"))
    }
    clean.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="handbok.example",
        EMAIL_DISABLED="1",
        **env,
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PRINT], cwd=ROOT, env=clean, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_without_redis_counts_in_the_database_cache():
    assert production_caches() == {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "core_cache",
            "KEY_PREFIX": "kompetenshandboken",
        }
    }


def test_production_with_redis_counts_in_redis():
    caches = production_caches(REDIS_URL="redis://127.0.0.1:6379/0")
    assert caches["default"]["BACKEND"] == "core.cache.ResilientRedisCache"


@pytest.mark.django_db
def test_a_limit_counted_by_one_process_is_seen_by_another(monkeypatch, clock):
    # Two cache clients on the production database cache, as two worker processes hold them.
    first = DatabaseCache("core_cache", {"KEY_PREFIX": "kompetenshandboken"})
    second = DatabaseCache("core_cache", {"KEY_PREFIX": "kompetenshandboken"})
    monkeypatch.setattr(ratelimit, "cache", first)
    assert [ratelimit.limit("upload:user:1", 20, 600) for _ in range(20)] == [True] * 20
    monkeypatch.setattr(ratelimit, "cache", second)
    assert ratelimit.limit("upload:user:1", 20, 600) is False  # the 21st, in the other process
    assert ratelimit.limit("upload:user:2", 20, 600) is True


def test_a_per_process_cache_is_what_let_twice_the_limit_through(monkeypatch, clock):
    # What production had: local memory, one per process. Each process counts 20 of its own.
    monkeypatch.setattr(ratelimit, "cache", LocMemCache("process-1", {}))
    assert all(ratelimit.limit("upload:user:1", 20, 600) for _ in range(20))
    monkeypatch.setattr(ratelimit, "cache", LocMemCache("process-2", {}))
    assert all(ratelimit.limit("upload:user:1", 20, 600) for _ in range(20))


@pytest.mark.django_db
def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out(client, member, settings):
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"
    login = reverse("account_login")
    for _ in range(5):
        response = client.post(
            login, {"login": member.email, "password": "fel"}, REMOTE_ADDR="203.0.113.66"
        )
        assert response.status_code == 200
    # The attacker's address is locked for this account, even with the right password.
    response = client.post(
        login, {"login": member.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.66"
    )
    assert "För många misslyckade inloggningsförsök. Försök igen senare." in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    # The owner, from their own address, signs in.
    response = client.post(
        login, {"login": member.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
