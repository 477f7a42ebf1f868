"""A local-memory cache that keeps counters the way core.cache.ResilientRedisCache does, so the
tests run the site version's shared-cache protocol (core/siteversion.py) without Redis. It is
shared only within one process: right for a test, never for a site."""

import threading

from django.core.cache.backends.locmem import LocMemCache

_lock = threading.Lock()


class CountingLocMemCache(LocMemCache):
    def read_counters(self, keys):
        found = self.get_many(keys)
        return {key: value for key, value in found.items() if isinstance(value, int)}

    def raise_counters(self, values, timeout):
        with _lock:
            after = {}
            for key, wanted in values.items():
                current = self.get(key)
                if current is None or wanted > current:
                    self.set(key, wanted, timeout)
                    current = wanted
                after[key] = current
            return after


def settings_for(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "tests.shared_cache.CountingLocMemCache",
            "LOCATION": location,
        }
    }
