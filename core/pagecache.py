"""Whole reading pages cached for anonymous readers, with conditional GET.

Most visits are anonymous reads of pages that change only when someone publishes. Those pages
are rendered once per site version (core.models.SiteVersion, bumped by every content change)
and then served from the cache. With Redis a hit costs no database query: the version is
remembered in the process until Redis says it moved (core/siteversion.py and core/cache.py say
how it stays right on every server), and the hottest pages are also kept in the process
(LocalPages), so a hit on one of them needs no round trip at all. Without Redis a hit costs
one primary-key query. Three rules keep it correct:

- Only requests without a session cookie are served from or stored in the cache. A signed-in
  user (or anyone with a session: pending messages, a half-done login) always gets a freshly
  rendered page, so no one ever sees a page rendered for someone else.
- The per-request secrets in a page, the CSP nonce and the CSRF token, are stored as placeholders
  and filled in fresh for every response: a cached page never hands out another visitor's token
  or a nonce that an attacker could have read earlier. The placeholders carry a random marker
  drawn when the page is stored, after its content was written, so no text in the page (a
  comment, a title) can contain one and receive a visitor's live token or nonce. Only values
  this render produced become placeholders: the nonce of this request, and CSRF tokens that
  unmask to this request's secret (what {% csrf_token %} wrote), never a look-alike from text.
- The key holds the database's name (siteversion.namespace), the site version, the language
  and the full path with its query string. A publish moves the version before the writer's
  response returns, so the next request after it, on any app server, misses the old entries
  (they expire by themselves).

A hit is answered by ServeCachedPages, a middleware near the top of the stack: before the
session, the user, the messages, URL resolution and the view. It does for the response only
what the skipped layers would have added to it (language, CSRF cookie, frame and CSP headers),
so a hit costs about what a "hello" view costs. The view decorator fills the cache on a miss
and still answers hits where the middleware does not run (a page counted by a rate limit, which
must pass its limiter first).

Responses carry a weak ETag of the page (placeholders, not secrets); a browser revalidating with
If-None-Match gets 304 Not Modified without a body. The page is kept both plain and as deflate
pieces, so a hit for a browser that accepts gzip is compressed without compressing anything
(core/compression.py).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.csp import ContentSecurityPolicyMiddleware, get_nonce
from django.middleware.csrf import (
    CSRF_TOKEN_LENGTH,
    CsrfViewMiddleware,
    _unmask_cipher_token,
    get_token,
)
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

from .compression import DeflatedPage
from .csp import allow_frames
from .middleware import SwedishFirstLocaleMiddleware
from .models import SiteVersion
from .siteversion import namespace, shared_cache

# Bump when CachedPage changes shape: entries of the old shape are then never read.
_KEY_PREFIX = "page:v6"
# Pages kept in each process besides the shared cache (LocalPages): about 25 kB each with their
# deflated copy, so some 5 MB per worker.
LOCAL_PAGES = 200
# Headers a view sets about the page itself (the same for every visitor), kept with it and sent
# again on every hit: an archived method's page stays out of search engines from the cache too.
KEPT_HEADERS = ("X-Robots-Tag",)
# What the cache keeps: the reading pages, the Atom feeds of methods that follow them, and the
# read API's JSON answers (api/).
CACHED_TYPES = ("text/html", "application/atom+xml", "application/json")
# The only way a token appears in the site's pages: Django's {% csrf_token %} input.
_CSRF_INPUT = re.compile(
    rf'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{{{CSRF_TOKEN_LENGTH}}})(")'
)


@dataclass(frozen=True)
class CachedPage:
    page: DeflatedPage  # the bytes, cut where this response's nonce and token go
    content_type: str
    etag: str
    stored_at: float  # time.time(): a copy in a process lives no longer than the shared one
    headers: tuple[tuple[str, str], ...] = ()  # those of KEPT_HEADERS the view set
    frame_sources: tuple[str, ...] = ()  # origins the page may frame (core.csp.allow_frames)
    # False when a rate limit counted the request that stored it (core.ratelimit): hits then
    # take the view's path, so the limiter still counts them.
    early: bool = True


def nonce_placeholder(marker: str) -> str:
    return f"__KH_CSP_NONCE_{marker}__"


def csrf_placeholder(marker: str) -> str:
    return f"__KH_CSRF_TOKEN_{marker}__"


def cache_anonymous_page(view):
    """Serve view from the page cache for anonymous GET and HEAD requests (see module doc)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        # The middleware has looked this key up already when it passed the request on.
        key = getattr(request, "page_cache_key", None) or _key(request)
        page = _get(key)
        if page is None:
            response = view(request, *args, **kwargs)
            # HEAD is answered from the cache, but only a GET fills it: a view (or a layer
            # outside it) may leave the body out for HEAD, and that must never be shared.
            page = _page_from(request, response) if request.method == "GET" else None
            if page is None:
                return response
            _set(key, page)
            _mark(response, page, "miss")
            return _not_modified(page) if _matches(request, page) else response
        if _matches(request, page):
            return _not_modified(page)
        return _response_from(request, page)

    wrapped.page_cached = True  # ServeCachedPages answers its hits early (kept by @wraps above)
    return wrapped


class ServeCachedPages:
    """Answer page-cache hits before the rest of the middleware stack and the view.

    Placed in MIDDLEWARE right below the gzip middleware, above the session. A request that
    could be served from the cache (the decorator's rule: GET or HEAD, no session or messages
    cookie) is looked up here; a miss, or a page that must pass a rate limit, goes on down the
    stack as before, with its key kept on the request so the decorator does not compute it
    again. A hit skips the session, authentication, messages, NUL check, allauth, the MFA
    check, URL resolution and the view: none of them changes an anonymous reader's page. The
    layers it skips that add to every response are run here, in the order the stack would run
    them: the host check and Content-Length (CommonMiddleware), the language (the site's
    LocaleMiddleware: the key holds it, and the response says it), the CSRF cookie, the
    frame and CSP headers with this request's nonce. tests/test_pagecache.py checks that a hit
    carries the same headers as the miss before it.
    """

    def __init__(self, get_response):
        if settings.CSRF_USE_SESSIONS:  # the CSRF secret would then live in the session
            raise ImproperlyConfigured("ServeCachedPages needs the CSRF secret in its cookie.")
        self.get_response = get_response
        self.common = CommonMiddleware(get_response)
        self.locale = SwedishFirstLocaleMiddleware(get_response)
        self.csrf = CsrfViewMiddleware(get_response)
        self.frames = XFrameOptionsMiddleware(get_response)
        self.csp = ContentSecurityPolicyMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request) or not _page_cached_view(request):
            return self.get_response(request)
        request.get_host()  # DisallowedHost (400) for a host not in ALLOWED_HOSTS, as below
        self.locale.process_request(request)
        try:
            key = _key(request)  # the site version: from the database without Redis
        except DatabaseError:
            # Down here it would be a 500: the layers below answer an unreachable database
            # with the 503 page (core.middleware.DatabaseUnavailableMiddleware).
            return self.get_response(request)
        page = _get(key)
        if page is None or not page.early:
            request.page_cache_key = key
            return self.get_response(request)
        self.csrf.process_request(request)
        self.csp.process_request(request)
        response = _not_modified(page) if _matches(request, page) else _response_from(request, page)
        # Bottom of the stack first, as the response would have passed them.
        response = self.csp.process_response(request, response)
        response = self.frames.process_response(request, response)
        response = self.csrf.process_response(request, response)
        response = self.common.process_response(request, response)
        response = self.locale.process_response(request, response)
        # As the session middleware says of every page that looked at the user: the page
        # differs with a session cookie.
        patch_vary_headers(response, ["Cookie"])
        return response


def _page_cached_view(request: HttpRequest) -> bool:
    """Whether the path leads to a view that cache_anonymous_page wraps: other pages (a form,
    the health check, a 404) pay nothing here for the cache, not even the version's read.
    Remembered per path (URL resolution was a sixth of a hit): the URLconf is fixed while the
    process runs."""
    where = (getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info)
    cached = _resolved.get(where)
    if cached is None:
        try:
            match = resolve(request.path_info, where[0])
        except Resolver404:
            cached = False
        else:
            cached = getattr(match.func, "page_cached", False)
        if len(_resolved) >= RESOLVED_PATHS:  # bounded whatever paths are asked for
            _resolved.clear()
        _resolved[where] = cached
    return cached


# Paths whose answer _page_cached_view remembers; emptied when full.
RESOLVED_PATHS = 4096
_resolved: dict[tuple[str, str], bool] = {}


class LocalPages:
    """The most recently served pages of this process, by cache key (least recently used out
    first). Only when the version comes from the shared cache: a hit is then a lookup here
    (and, at most once a second, a Redis round trip for the version) instead of a round trip
    and unpickling the page. A key names a version, so a copy here is never stale: a bump
    makes new keys and the old copies fall out. Without the shared cache the version costs a
    query anyway, and tests (whose database versions repeat from one test to the next) keep
    one cache to clear."""

    def __init__(self, size: int):
        self.size = size
        self._pages: OrderedDict[str, CachedPage] = OrderedDict()
        self._lock = threading.Lock()  # gthread workers serve from several threads

    def get(self, key: str) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if page.stored_at + settings.PAGE_CACHE_SECONDS < time.time():
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: CachedPage) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


local_pages = LocalPages(LOCAL_PAGES)


def _get(key: str) -> CachedPage | None:
    local = shared_cache() is not None
    page = local_pages.get(key) if local else None
    if page is None:
        page = cache.get(key)
        if page is not None and local:
            local_pages.put(key, page)
    return page


def _set(key: str, page: CachedPage) -> None:
    cache.set(key, page, settings.PAGE_CACHE_SECONDS)
    if shared_cache() is not None:
        local_pages.put(key, page)


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # Messages for the visitor ride in a cookie when there is no session.
        and "messages" not in request.COOKIES
    )


def _key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    version = SiteVersion.objects.current()
    return f"{_KEY_PREFIX}:{namespace()}:{version}:{get_language()}:{path}"


def _page_from(request: HttpRequest, response: HttpResponse) -> CachedPage | None:
    """The response as a cache entry, or None when it must not be shared."""
    if (
        response.status_code != 200
        or response.streaming
        or not response.get("Content-Type", "").startswith(CACHED_TYPES)
        # A view may keep a page out (a search that found little is counted on every render).
        or getattr(response, "keep_out_of_page_cache", False)
        # Any cookie but the CSRF cookie means state for this visitor (a session, messages).
        or set(response.cookies) - {settings.CSRF_COOKIE_NAME}
        or getattr(request, "user", None) is not None
        and request.user.is_authenticated
    ):
        return None
    body = response.content.decode(response.charset)
    # Drawn now, after every text in the page was written: nothing in it can hold the marker.
    marker = secrets.token_hex(16)
    nonce = get_nonce(request)
    if nonce:  # LazyNonce is true only once the page has used it
        # Fresh for this request and unknown before it, so only the template put it there.
        body = body.replace(str(nonce), nonce_placeholder(marker))
    secret = request.META.get("CSRF_COOKIE")

    def token_placeholder(match: re.Match) -> str:
        # A token {% csrf_token %} wrote for this request unmasks to this request's secret;
        # anything else that merely looks like the input is left as it is.
        if secret and _unmask_cipher_token(match.group(2)) == secret:
            return match.group(1) + csrf_placeholder(marker) + match.group(3)
        return match.group(0)

    body = _CSRF_INPUT.sub(token_placeholder, body)
    # The ETag leaves the marker out: the same page stored again keeps its tag.
    stable = body.replace(marker, "")
    etag = 'W/"' + hashlib.sha256(stable.encode()).hexdigest()[:32] + '"'
    headers = tuple((name, response[name]) for name in KEPT_HEADERS if name in response)
    # Cut at the placeholders: odd parts are placeholders, even parts the fixed text around.
    slot_of = {nonce_placeholder(marker): "nonce", csrf_placeholder(marker): "csrf"}
    parts = re.split("(" + "|".join(map(re.escape, slot_of)) + ")", body)
    return CachedPage(
        early=not getattr(request, "counted_by_rate_limit", False),
        page=DeflatedPage(
            [part.encode(response.charset) for part in parts[0::2]],
            [slot_of[part] for part in parts[1::2]],
        ),
        content_type=response["Content-Type"],
        etag=etag,
        stored_at=time.time(),
        frame_sources=getattr(response, "frame_sources", ()),
        headers=headers,
    )


def _response_from(request: HttpRequest, page: CachedPage) -> HttpResponse:
    values = {}
    if "nonce" in page.page.slots:
        # Reading the nonce makes the CSP middleware put this same value in the header.
        values["nonce"] = str(get_nonce(request))
    uses_csrf = "csrf" in page.page.slots
    if uses_csrf:
        # As {% csrf_token %} would: a fresh masked token, and the cookie set when missing.
        values["csrf"] = get_token(request)
    body, gzipped = page.page.render(values)
    response = HttpResponse(body, content_type=page.content_type)
    # core.compression.HtmlGZipMiddleware sends this when the reader accepts gzip.
    response.gzip_content = gzipped
    for name, value in page.headers:
        response[name] = value
    allow_frames(response, page.frame_sources)
    if uses_csrf:
        patch_vary_headers(response, ["Cookie"])
    _mark(response, page, "hit")
    return response


def _mark(response: HttpResponse, page: CachedPage, state: str) -> None:
    response["ETag"] = page.etag
    response["X-Page-Cache"] = state  # for tests and for reading access logs
    # Browsers may keep the page but must ask (If-None-Match) before showing it again. Shared
    # caches must not keep it: the same URL shows a signed-in user their own page, and a proxy
    # that keys on the URL could not tell the two apart.
    patch_cache_control(response, private=True, no_cache=True)


def _matches(request: HttpRequest, page: CachedPage) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH")  # not request.headers: it copies them all
    if not header:
        return False
    # Weak comparison (RFC 9110 13.1.2): the tag without its W/ prefix.
    wanted = {tag.removeprefix("W/") for tag in parse_etags(header)}
    return "*" in wanted or page.etag.removeprefix("W/") in wanted


def _not_modified(page: CachedPage) -> HttpResponse:
    response = HttpResponseNotModified()
    response["ETag"] = page.etag
    patch_cache_control(response, private=True, no_cache=True)
    # The browser keeps the page it has, with the CSP header that came with it (the nonce in
    # that header matches the nonce in that page). A new CSP header here would replace the
    # stored one and block the page's scripts.
    response._csp_config = {}
    response._csp_ro_config = {}
    return response
