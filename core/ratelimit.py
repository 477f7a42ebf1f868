"""A small fixed-window rate limiter for the site's own views, on Django's cache.

django-allauth limits login, sign-up, password reset and e-mail confirmation itself (see
ACCOUNT_RATE_LIMITS in settings); this module covers the rest: search, image uploads and
invitations. Comments have their own limit, counted in the database.

Counting uses `cache.add` + `cache.incr`, which are atomic on shared backends (Redis,
Memcached, the database cache), so with such a cache the limit holds across all app servers.
Django's default local-memory cache lives inside one process: there every worker process counts
on its own, and a visitor may get up to (number of processes) x rate requests through. Configure
a shared cache in production if that matters.

Windows are fixed time buckets (`time() // period`); a burst across a bucket edge can reach at
most twice the rate, which is fine for abuse protection and needs no locking.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Literal

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

KEY_PREFIX = "ratelimit"

Rate = int | str  # a number, or the name of a setting that holds the number


def _setting_value(value: Rate) -> int:
    """Rates and periods may name a setting, read at request time (so overrides apply)."""
    return int(getattr(settings, value)) if isinstance(value, str) else int(value)


def _bucket(period_seconds: int) -> tuple[int, int]:
    """The current time bucket and the seconds left until it ends."""
    now = time.time()
    bucket = int(now // period_seconds)
    remaining = max(1, math.ceil((bucket + 1) * period_seconds - now))
    return bucket, remaining


def _cache_key(key: str, period_seconds: int, bucket: int) -> str:
    # Hashed, so any key (IPv6 addresses, e-mail addresses) is a valid key for every backend.
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{period_seconds}:{bucket}:{digest}"


def limit(key: str, rate: int, period_seconds: int) -> bool:
    """Count one hit for `key`; True while it is within `rate` hits per `period_seconds`.

    Returns False once the limit is exceeded in the current window (the hit is still counted).
    Always True when settings.RATELIMIT_ENABLED is off or `rate` is 0 or less (no limit).
    """
    if not getattr(settings, "RATELIMIT_ENABLED", True) or rate <= 0:
        return True
    period_seconds = max(1, int(period_seconds))
    bucket, _remaining = _bucket(period_seconds)
    cache_key = _cache_key(key, period_seconds, bucket)
    # A little longer than the window, so clock skew between servers cannot cut it short.
    timeout = period_seconds + 5
    if cache.add(cache_key, 1, timeout=timeout):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:
            # Expired between add and incr: this hit starts a new count.
            cache.add(cache_key, 1, timeout=timeout)
            count = 1
    return count <= rate


def retry_after(period_seconds: int) -> int:
    """Seconds until the current window of `period_seconds` ends."""
    return _bucket(max(1, int(period_seconds)))[1]


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the first X-Forwarded-For entry when
    settings.RATELIMIT_TRUST_FORWARDED_FOR says a proxy of ours sets that header.

    The proxy must then *set* the header (nginx: `proxy_set_header X-Forwarded-For
    $remote_addr;`), not append to what the client sent, or clients can choose their address.
    IPv6 addresses count per /64 network, since one client usually holds a whole /64.
    """
    ip = ""
    if getattr(settings, "RATELIMIT_TRUST_FORWARDED_FOR", False):
        ip = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
    if not ip:
        ip = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)


def too_many_requests(request: HttpRequest, retry_seconds: int) -> HttpResponse:
    """The friendly Swedish 429 page, with Retry-After."""
    response = render(
        request,
        "429.html",
        {"retry_after_minutes": max(1, math.ceil(retry_seconds / 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_seconds)
    return response


def ratelimited(
    group: str,
    rate: Rate,
    period: Rate,
    key: Literal["ip", "user"] = "ip",
    *,
    when: Callable[[HttpRequest], bool] | None = None,
    respond: Callable[[HttpRequest, int], HttpResponse] | None = None,
    counts_cached_hits: bool = True,
) -> Callable:
    """Limit a view to `rate` requests per `period` seconds, per client IP or per user.

    `rate` and `period` are numbers or names of settings. Only requests for which `when(request)`
    is true are counted (default: all). Over the limit the view is not called; the answer is
    `respond(request, retry_seconds)`, by default the 429 page. With key="user", put the
    decorator inside @login_required; anonymous requests then count per IP.

    counts_cached_hits=False: put the decorator inside @cache_anonymous_page; only the
    requests that reach the view are counted, and the page cache answers hits without the
    limiter (for a limit that bounds the view's work, which a hit does not do).
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if when is None or when(request):
                user = getattr(request, "user", None)
                if key == "user" and user is not None and user.is_authenticated:
                    who = f"user:{user.pk}"
                else:
                    who = f"ip:{client_ip(request)}"
                period_seconds = max(1, _setting_value(period))
                # The page cache then answers this page's hits only behind the limiter.
                request.counted_by_rate_limit = counts_cached_hits
                if not limit(f"{group}:{who}", _setting_value(rate), period_seconds):
                    seconds = retry_after(period_seconds)
                    return (respond or too_many_requests)(request, seconds)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
