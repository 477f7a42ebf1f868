"""Settings for several app servers: the Redis cache and PostgreSQL's connect timeout."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT = (
    "import json, handbook_site.settings as s; "
    "print(json.dumps({'caches': s.CACHES, 'options': s.DATABASES['default'].get('OPTIONS', {}),"
    " 'serve_media': s.SERVE_MEDIA}))"
)


def load(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "REDIS_", "DATABASE_", "SERVE_", "CACHE_"))
    }
    clean.update(DJANGO_DEBUG="1", **env)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PRINT], cwd=ROOT, env=clean, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip


def test_without_redis_url_the_cache_is_local_memory():
    result = load()
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "caches": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        "options": {},
        "serve_media": False,
    }


def test_redis_url_selects_the_fail_open_redis_cache_with_a_key_prefix():
    result = load(REDIS_URL="redis://127.0.0.1:6379/3", SERVE_MEDIA="1")
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["caches"] == {
        "default": {
            # Django's Redis backend, failing open (core/cache.py, tests/test_cache.py).
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            "KEY_PREFIX": "kompetenshandboken",
        }
    }
    assert settings["serve_media"] is True


def test_a_redis_url_that_is_not_one_refuses_to_start():
    result = load(REDIS_URL="127.0.0.1:6379")
    assert result.returncode != 0
    assert "REDIS_URL must start with redis://" in result.stderr


def test_postgresql_connections_time_out_after_three_seconds_by_default():
    url = "postgres://postgres@127.0.0.1:5432/kh_load"
    assert json.loads(load(DATABASE_URL=url).stdout)["options"] == {"connect_timeout": 3}
    result = load(DATABASE_URL=url, DATABASE_CONNECT_TIMEOUT="7")
    assert json.loads(result.stdout)["options"] == {"connect_timeout": 7}
