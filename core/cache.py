"""A Redis cache that fails open.

Everything the site keeps in the cache can be rebuilt: rendered pages, facet counts, reference
lists, rate-limit counters. Sessions are in the database. So when Redis is down or unreachable
the right answer is a slower site, not an error page: reads miss, writes are dropped, rate
limits let requests through. After a failure the process leaves Redis alone for a few seconds
(a small circuit breaker), so an outage does not add a connection timeout to every cache call
of every request. Every failure is logged.

Counters (read_counters, raise_counters: the site version, core/siteversion.py) are also kept
in the process between reads, for as long as Redis has not said that one of them changed
(CounterWatch): a cached page then costs no Redis round trip at all.
"""

from __future__ import annotations

import logging
import os
import ssl
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

# How long a process stops trying after a failed call.
PAUSE_SECONDS = 5.0
# Every counter's key starts with this (read_counters, raise_counters): the watch below asks
# Redis about these keys only, not about every page and rate limit the cache holds.
COUNTER_PREFIX = "counter:"
# How long the process trusts a counter it read without asking Redis again, even when Redis
# has said nothing: the bound if a notice of a change were ever lost.
COUNTER_MEMO_SECONDS = 1.0


def _redis_errors() -> tuple[type[Exception], ...]:
    # Only a Redis cache needs the redis package; importing it where the cache is made keeps
    # this module as light as Django's own RedisCache, which imports redis the same way.
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class _ReusedClients(RedisCacheClient):
    """Django's client makes a new redis.Redis for every call, and building one (its table of
    response callbacks) cost 0.3 ms of CPU, more than the call itself on a cache hit. One per
    connection pool serves every call: redis.Redis takes a pooled connection per command."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class CounterWatch:
    """The counters this process read last, kept until Redis says one of them changed.

    Redis's client-side caching in broadcast mode (CLIENT TRACKING ON BCAST PREFIX, Redis 6 or
    later, RESP3): one connection per process that only listens, to which Redis pushes a notice
    whenever any key under COUNTER_PREFIX is written, expires or is flushed. Before a memo is
    used, that socket is polled without waiting (one non-blocking recv, about 1.5 µs, against
    50 µs and more for a GET): any byte there, or the socket closed, means the memo is dropped
    and the counters are read from Redis again. The notices are not parsed: only counters are
    watched, so any notice concerns one.

    How fresh. Redis writes the notice to this socket in the same turn of its event loop as it
    answers the writer's raise, so it is here before the writer's response can have reached a
    browser and the browser's next request this process: immediate, as the shared counter
    itself, on every app server. If the notice were lost anyway (no watch connection, Redis
    gone), a memo lives COUNTER_MEMO_SECONDS at most, and without a working watch there is no
    memo at all: every read asks Redis, as before.

    A read that began before a notice must not be kept after it: `generation` moves with every
    notice, and a value is remembered only if it did not move while it was read.
    """

    def __init__(self, pool_of, prefix: str):
        self._pool_of = pool_of  # the client's connection pool, made lazily by Django
        self._prefix = prefix
        self._lock = threading.Lock()
        self._pid = 0
        self._connection = None
        self._socket = None
        self._retry_at = 0.0
        self._memo: dict[str, int] = {}
        self._memo_until = 0.0
        self.generation = 0

    def read(self, keys) -> dict[str, int] | None:
        """The remembered counters among keys, or None when they must be asked for."""
        with self._lock:
            if not self._watching():
                return None
            if time.monotonic() >= self._memo_until or not all(k in self._memo for k in keys):
                return None
            return {key: self._memo[key] for key in keys}

    def remember(self, generation: int, values: dict[str, int]) -> None:
        with self._lock:
            if generation != self.generation or not self._watching():
                return
            if time.monotonic() >= self._memo_until:
                self._memo = {}
                self._memo_until = time.monotonic() + COUNTER_MEMO_SECONDS
            self._memo.update(values)

    def forget(self) -> None:
        with self._lock:
            self._forget()

    def _forget(self) -> None:
        self._memo = {}
        self._memo_until = 0.0
        self.generation += 1

    def _watching(self) -> bool:
        """Whether the watch connection is up, after taking in what Redis pushed to it."""
        if self._pid != os.getpid():  # a forked worker: its parent's socket is not its own
            self._pid, self._connection, self._socket = os.getpid(), None, None
            self._forget()
        if self._socket is None and not self._connect():
            return False
        try:
            while self._socket.recv(65536):
                self._forget()  # a counter changed (or every key was flushed)
        except (BlockingIOError, ssl.SSLWantReadError):
            return True  # nothing (more) to read: the memo stands
        except OSError:
            pass
        # recv answered b"": Redis closed the connection (a restart); or the socket failed.
        self._close()
        return False

    def _connect(self) -> bool:
        if time.monotonic() < self._retry_at:
            return False
        connection = None
        try:
            pool = self._pool_of()
            connection = pool.connection_class(**{**pool.connection_kwargs, "protocol": 3})
            connection.connect()
            connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self._prefix)
            if connection.read_response() not in (b"OK", "OK"):
                raise OSError("CLIENT TRACKING was refused")
            # The connection only listens from now on: its socket is read directly, without
            # waiting, for Redis's notices.
            sock = connection._sock
            sock.setblocking(False)
        except Exception as exc:  # noqa: BLE001 - any failure: read every counter from Redis
            if connection is not None:
                connection.disconnect()
            self._retry_at = time.monotonic() + PAUSE_SECONDS
            logger.warning("Counter watch unavailable (%s: %s)", type(exc).__name__, exc)
            return False
        self._connection, self._socket = connection, sock
        self._forget()  # nothing read before the watch began is trusted
        return True

    def _close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.disconnect()
            except OSError:
                pass
        self._connection = self._socket = None
        self._retry_at = time.monotonic() + PAUSE_SECONDS
        self._forget()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClients
        self._paused_until = 0.0
        self._errors = _redis_errors()
        self._watch = CounterWatch(
            lambda: self._cache._get_connection_pool(write=True),
            self.make_key(COUNTER_PREFIX),
        )

    def _call(self, name: str, fallback, *args, **kwargs):
        return self._guarded(getattr(super(), name), fallback, *args, **kwargs)

    def _guarded(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._paused_until:
            return fallback
        try:
            return operation(*args, **kwargs)
        except self._errors as exc:
            self._paused_until = time.monotonic() + PAUSE_SECONDS
            logger.warning(
                "Cache unavailable (%s: %s); serving without it for %s s",
                type(exc).__name__,
                exc,
                PAUSE_SECONDS,
            )
            return fallback

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", [], data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # "Added": a rate limiter then counts this as the first hit and lets it through.
        return self._call("add", True, key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", delta, key, delta, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", None)

    # Shared counters (see the module doc), under keys that start with COUNTER_PREFIX. Both
    # answer None when Redis cannot be reached.

    def read_counters(self, keys: list[str]) -> dict[str, int] | None:
        """The counters among keys that exist, read from the server that takes the writes, or
        remembered from the last read while Redis has not said that one changed."""
        _check_counter_keys(keys)
        remembered = self._watch.read(keys)
        if remembered is not None:
            return remembered
        generation = self._watch.generation
        found = self._guarded(self._read_counters, None, keys)
        if found is not None and len(found) == len(keys):
            self._watch.remember(generation, found)
        return found

    def raise_counters(self, values: dict[str, int], timeout: int) -> dict[str, int] | None:
        """Set each counter to the larger of its value and the given one, with timeout seconds
        to live when it moves (a missing counter counts as lower); answers every counter's
        value afterwards. Atomic: two raises at once both end at the larger value."""
        _check_counter_keys(values)
        try:
            return self._guarded(self._raise_counters, None, values, timeout)
        finally:
            # This process forgets at once; Redis tells the others (and this one again).
            self._watch.forget()

    def _read_counters(self, keys):
        made = [self.make_and_validate_key(key) for key in keys]
        found = self._cache.get_client(write=True).mget(made)
        return {key: int(value) for key, value in zip(keys, found, strict=True) if value}

    def _raise_counters(self, values, timeout):
        client = self._cache.get_client(write=True)
        keys = list(values)
        made = [self.make_and_validate_key(key) for key in keys]
        after = client.eval(_RAISE_SCRIPT, len(made), *made, *values.values(), int(timeout))
        return dict(zip(keys, (int(value) for value in after), strict=True))


def _check_counter_keys(keys) -> None:
    if not all(key.startswith(COUNTER_PREFIX) for key in keys):
        raise ValueError(f"Counter keys start with {COUNTER_PREFIX!r}: {list(keys)!r}")


# Integers, not pickles, so that the values are what cache.get() of Django's Redis backend
# reads too (its serializer stores plain ints as digits).
_RAISE_SCRIPT = """
local result = {}
local seconds = ARGV[#KEYS + 1]
for i, key in ipairs(KEYS) do
  local wanted = tonumber(ARGV[i])
  local current = tonumber(redis.call('GET', key))
  if current == nil or wanted > current then
    redis.call('SET', key, ARGV[i], 'EX', seconds)
    current = wanted
  end
  result[i] = current
end
return result
"""
