"""A Redis cache that fails open.

Everything the site keeps in the cache can be rebuilt: rendered pages, facet counts, reference
lists, rate-limit counters. Sessions are in the database. So when Redis is down or unreachable
the right answer is a slower site, not an error page: reads miss, writes are dropped, rate
limits let requests through. After a failure the process leaves Redis alone for a few seconds
(a small circuit breaker), so an outage does not add a connection timeout to every cache call
of every request. Every failure is logged.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

# How long a process stops trying after a failed call.
PAUSE_SECONDS = 5.0


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


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClients
        self._paused_until = 0.0
        self._errors = _redis_errors()

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

    # Shared counters (see the module doc). Both answer None when Redis cannot be reached.

    def read_counters(self, keys: list[str]) -> dict[str, int] | None:
        """The counters among keys that exist, read from the server that takes the writes."""
        return self._guarded(self._read_counters, None, keys)

    def raise_counters(self, values: dict[str, int], timeout: int) -> dict[str, int] | None:
        """Set each counter to the larger of its value and the given one, with timeout seconds
        to live when it moves (a missing counter counts as lower); answers every counter's
        value afterwards. Atomic: two raises at once both end at the larger value."""
        return self._guarded(self._raise_counters, None, values, timeout)

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
