"""The Redis cache fails open: with Redis down the site answers, just without its caches."""

import logging
import socket

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from core import cache as resilient
from methods import searchlog
from tests.factories import MethodFactory


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_cache_settings(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "kh-test-cache",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def dead_redis():
    with override_settings(CACHES=redis_cache_settings(f"redis://127.0.0.1:{closed_port()}/0")):
        yield caches["default"]


def test_every_operation_falls_back_when_redis_is_down(dead_redis, caplog, monkeypatch):
    monkeypatch.setattr(resilient, "PAUSE_SECONDS", 0)  # try Redis on every call
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert dead_redis.get("k", "standard") == "standard"
        assert dead_redis.get_many(["a", "b"]) == {}
        assert dead_redis.has_key("k") is False
        dead_redis.set("k", 1)
        dead_redis.set_many({"a": 1})
        assert dead_redis.add("k", 1) is True
        assert dead_redis.incr("k") == 1
        dead_redis.delete("k")
        dead_redis.clear()
    assert len(caplog.records) == 9
    assert "Cache unavailable" in caplog.records[0].getMessage()


def test_after_a_failure_redis_is_left_alone_for_a_while(dead_redis, monkeypatch):
    attempts = []
    real_get = resilient.RedisCache.get

    def counting_get(self, *args, **kwargs):
        attempts.append(1)
        return real_get(self, *args, **kwargs)

    monkeypatch.setattr(resilient.RedisCache, "get", counting_get)
    for _ in range(5):
        assert dead_redis.get("k") is None
    assert len(attempts) == 1


@pytest.mark.django_db
def test_the_site_answers_with_redis_down(dead_redis, client, monkeypatch):
    # A search that finds this little is never cached (methods.searchlog); here it should be.
    monkeypatch.setattr(searchlog, "FEW_RESULTS", -1)
    MethodFactory(title="Skuggning på golvet", slug="skuggning")
    for path in ("/", "/metoder/", "/metoder/skuggning/", "/sok/?q=skuggning"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["X-Page-Cache"] == "miss"  # nothing could be stored
    assert "Skuggning på golvet" in client.get("/sok/?q=skuggning").text


def test_with_redis_up_it_is_an_ordinary_cache():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    with override_settings(CACHES=redis_cache_settings("redis://127.0.0.1:6379/7")):
        cache.set("k", {"a": 1}, 30)
        assert cache.get("k") == {"a": 1}
        assert cache.add("k", 2) is False
        cache.delete("k")


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture
def live_redis():
    """Redis database 12, emptied before and after."""
    if not redis_is_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    with override_settings(CACHES=redis_cache_settings("redis://127.0.0.1:6379/12")):
        from core.pagecache import local_pages

        store = caches["default"]
        store.clear()
        local_pages.clear()
        yield store
        store.clear()
        local_pages.clear()


def test_counters_in_redis_only_go_up(live_redis):
    assert live_redis.read_counters(["a", "b"]) == {}
    assert live_redis.raise_counters({"a": 5, "b": 2}, 30) == {"a": 5, "b": 2}
    assert live_redis.raise_counters({"a": 3, "b": 4}, 30) == {"a": 5, "b": 4}
    assert live_redis.read_counters(["a", "b", "c"]) == {"a": 5, "b": 4}
    assert live_redis.get("a") == 5  # plain integers, as Django's backend reads them
    client = live_redis._cache.get_client(write=True)
    assert 0 < client.ttl(live_redis.make_and_validate_key("a")) <= 30


def test_counters_answer_none_when_redis_is_down(dead_redis):
    assert dead_redis.read_counters(["a"]) is None
    assert dead_redis.raise_counters({"a": 1}, 30) is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_redis_a_cached_page_costs_no_database_query(
    live_redis, client, django_assert_num_queries
):
    from core.siteversion import forget_request_memo

    forget_request_memo()
    MethodFactory(title="Skuggning på golvet", slug="skuggning")
    assert client.get("/metoder/skuggning/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/metoder/skuggning/")
    assert response["X-Page-Cache"] == "hit"
    assert "Skuggning på golvet" in response.text


def test_one_redis_client_serves_every_call(live_redis):
    # Building a redis.Redis per call cost more CPU than a cache hit's own work.
    assert live_redis._cache.get_client(write=True) is live_redis._cache.get_client(write=True)
    live_redis.set("k", 1, 30)
    assert live_redis.get("k") == 1


@pytest.mark.django_db
def test_a_signed_in_page_reads_its_session_from_the_cache_with_cached_db(client, member):
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        client.force_login(member)
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]
