"""The Redis cache fails open: with Redis down the site answers, just without its caches."""

import logging
import os
import socket
import time

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from core import cache as resilient
from methods import searchlog
from tests.factories import MethodFactory

# The Redis these tests use: CI runs the SQLite and PostgreSQL suites side by side and gives
# each its own Redis (one test closes every other client's connection).
REDIS_PORT = int(os.environ.get("TEST_REDIS_PORT", "6379"))


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
        socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=0.5).close()
    except OSError:
        pytest.skip(f"Redis is not running on 127.0.0.1:{REDIS_PORT}")
    with override_settings(CACHES=redis_cache_settings(f"redis://127.0.0.1:{REDIS_PORT}/7")):
        cache.set("k", {"a": 1}, 30)
        assert cache.get("k") == {"a": 1}
        assert cache.add("k", 2) is False
        cache.delete("k")


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture
def live_redis():
    """Redis database 12, emptied before and after."""
    if not redis_is_up():
        pytest.skip(f"Redis is not running on 127.0.0.1:{REDIS_PORT}")
    with override_settings(CACHES=redis_cache_settings(f"redis://127.0.0.1:{REDIS_PORT}/12")):
        from core.pagecache import local_pages

        store = caches["default"]
        store.clear()
        local_pages.clear()
        yield store
        store.clear()
        local_pages.clear()


A, B, C = "counter:a", "counter:b", "counter:c"


def test_counters_in_redis_only_go_up(live_redis):
    assert live_redis.read_counters([A, B]) == {}
    assert live_redis.raise_counters({A: 5, B: 2}, 30) == {A: 5, B: 2}
    assert live_redis.raise_counters({A: 3, B: 4}, 30) == {A: 5, B: 4}
    assert live_redis.read_counters([A, B, C]) == {A: 5, B: 4}
    assert live_redis.get(A) == 5  # plain integers, as Django's backend reads them
    client = live_redis._cache.get_client(write=True)
    assert 0 < client.ttl(live_redis.make_and_validate_key(A)) <= 30


def test_counters_answer_none_when_redis_is_down(dead_redis):
    assert dead_redis.read_counters([A]) is None
    assert dead_redis.raise_counters({A: 1}, 30) is None


def test_counter_keys_carry_the_watched_prefix(live_redis):
    with pytest.raises(ValueError, match="counter:"):
        live_redis.read_counters(["siteversion:a"])
    with pytest.raises(ValueError, match="counter:"):
        live_redis.raise_counters({"a": 1}, 30)


# --- Counters remembered in the process while Redis says nothing changed (CounterWatch) -----


@pytest.fixture
def watched(live_redis, monkeypatch):
    """The live Redis cache, its Redis reads counted, memos trusted for a minute: a change
    seen in these tests was seen because Redis said so, not because a memo ran out."""
    monkeypatch.setattr(resilient, "COUNTER_MEMO_SECONDS", 60)
    reads = []
    real_read = live_redis._read_counters

    def counting_read(keys):
        reads.append(list(keys))
        return real_read(keys)

    monkeypatch.setattr(live_redis, "_read_counters", counting_read)
    live_redis.reads = reads
    live_redis.raise_counters({A: 1, B: 1}, 30)
    yield live_redis
    live_redis._watch._close()


def other_client(store):
    """Another process's connection to the same Redis."""
    import redis

    pool = store._cache._get_connection_pool(write=True)
    return redis.Redis(connection_pool=redis.ConnectionPool(**pool.connection_kwargs))


def read_until(store, keys, wanted, seconds=1.0):
    """The counters, read until they are `wanted` (Redis's notice is on its way) or time out."""
    deadline = time.monotonic() + seconds
    while (found := store.read_counters(keys)) != wanted and time.monotonic() < deadline:
        time.sleep(0.001)
    return found


def test_a_counter_read_is_remembered_without_asking_redis_again(watched):
    assert watched.read_counters([A, B]) == {A: 1, B: 1}
    assert watched.read_counters([A, B]) == {A: 1, B: 1}
    assert watched.read_counters([A]) == {A: 1}
    assert watched.reads == [[A, B]]


def test_a_change_by_another_process_is_seen_at_once(watched):
    watched.read_counters([A, B])
    other_client(watched).set(watched.make_and_validate_key(A), 7)
    assert read_until(watched, [A, B], {A: 7, B: 1}) == {A: 7, B: 1}
    assert len(watched.reads) == 2
    # Seen without waiting for a memo to run out: Redis's notice arrived with the write.
    assert watched._watch._memo_until - time.monotonic() > 50


def test_a_raise_in_this_process_is_seen_by_the_next_read(watched):
    watched.read_counters([A, B])
    watched.raise_counters({A: 3}, 30)
    assert watched.read_counters([A, B]) == {A: 3, B: 1}


def test_a_flush_or_an_expired_counter_drops_the_memo(watched):
    watched.read_counters([A, B])
    other_client(watched).flushdb()
    assert read_until(watched, [A, B], {}) == {}
    watched.raise_counters({A: 2}, 1)
    assert watched.read_counters([A]) == {A: 2}
    time.sleep(1.1)
    assert read_until(watched, [A], {}, seconds=2) == {}


def test_writes_to_other_keys_leave_the_memo_alone(watched):
    watched.read_counters([A, B])
    watched.set("page:1", "<html>", 30)
    other_client(watched).set("unrelated", 1)
    time.sleep(0.05)
    assert watched.read_counters([A, B]) == {A: 1, B: 1}
    assert watched.reads == [[A, B]]


def test_a_read_that_a_change_overtook_is_not_remembered(watched, monkeypatch):
    real_read = watched._read_counters
    writer = other_client(watched)

    def read_then_changed(keys):
        found = real_read(keys)
        writer.set(watched.make_and_validate_key(A), 9)  # lands while the old value travels
        time.sleep(0.05)
        watched._watch.read(keys)  # another thread's read takes in Redis's notice
        return found

    monkeypatch.setattr(watched, "_read_counters", read_then_changed)
    assert watched.read_counters([A, B]) == {A: 1, B: 1}
    monkeypatch.setattr(watched, "_read_counters", real_read)
    assert watched.read_counters([A, B]) == {A: 9, B: 1}


def test_without_the_watch_connection_every_read_asks_redis(watched):
    watched.read_counters([A, B])
    # As a Redis restart would: every connection but the killer's is closed.
    assert other_client(watched).client_kill_filter(_type="normal", skipme=True) >= 1
    time.sleep(0.05)
    # The watch saw its connection close: the memo is gone and it waits before reconnecting.
    assert watched.read_counters([A, B]) == {A: 1, B: 1}
    assert watched.read_counters([A, B]) == {A: 1, B: 1}
    assert len(watched.reads) >= 3


def test_a_forked_worker_does_not_trust_its_parents_memo(watched, monkeypatch):
    watched.read_counters([A, B])
    monkeypatch.setattr(resilient.os, "getpid", lambda: -1)
    assert watched._watch.read([A, B]) is None  # a new watch connection of its own first
    assert watched.read_counters([A, B]) == {A: 1, B: 1}
    assert watched.reads == [[A, B], [A, B]]


def test_with_redis_down_nothing_is_remembered(dead_redis):
    assert dead_redis.read_counters([A]) is None
    assert dead_redis._watch.read([A]) is None


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
    with override_settings(SESSION_ENGINE="core.sessions.cached_db"):
        client.force_login(member)
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]
