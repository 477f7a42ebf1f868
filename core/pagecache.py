"""Whole reading pages cached for anonymous readers, with conditional GET.

Most visits are anonymous reads of pages that change only when someone publishes. Those pages
are rendered once per site version (core.models.SiteVersion, bumped by every content change)
and then served from the cache with one primary-key query. Three rules keep it correct:

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
- The key holds the site version, the language and the full path with its query string. A
  publish bumps the version in the same transaction, so the next request after the commit, on any
  app server, misses the old entries (they expire by themselves).

Responses carry a weak ETag of the page (placeholders, not secrets); a browser revalidating with
If-None-Match gets 304 Not Modified without a body.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csp import get_nonce
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

from .models import SiteVersion

# Bump when CachedPage changes shape: entries of the old shape are then never read.
_KEY_PREFIX = "page:v3"
# Headers a view sets about the page itself (the same for every visitor), kept with it and sent
# again on every hit: an archived method's page stays out of search engines from the cache too.
KEPT_HEADERS = ("X-Robots-Tag",)
# The only way a token appears in the site's pages: Django's {% csrf_token %} input.
_CSRF_INPUT = re.compile(
    rf'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{{{CSRF_TOKEN_LENGTH}}})(")'
)


@dataclass(frozen=True)
class CachedPage:
    body: str  # with placeholders
    content_type: str
    etag: str
    marker: str  # random per stored render; part of both placeholders
    headers: tuple[tuple[str, str], ...] = ()  # those of KEPT_HEADERS the view set

    @property
    def nonce_placeholder(self) -> str:
        return nonce_placeholder(self.marker)

    @property
    def csrf_placeholder(self) -> str:
        return csrf_placeholder(self.marker)


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
        key = _key(request)
        page = cache.get(key)
        if page is None:
            response = view(request, *args, **kwargs)
            # HEAD is answered from the cache, but only a GET fills it: a view (or a layer
            # outside it) may leave the body out for HEAD, and that must never be shared.
            page = _page_from(request, response) if request.method == "GET" else None
            if page is None:
                return response
            cache.set(key, page, settings.PAGE_CACHE_SECONDS)
            _mark(response, page, "miss")
            return _not_modified(page) if _matches(request, page) else response
        if _matches(request, page):
            return _not_modified(page)
        return _response_from(request, page)

    return wrapped


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
    return f"{_KEY_PREFIX}:{SiteVersion.objects.current()}:{get_language()}:{path}"


def _page_from(request: HttpRequest, response: HttpResponse) -> CachedPage | None:
    """The response as a cache entry, or None when it must not be shared."""
    if (
        response.status_code != 200
        or response.streaming
        or not response.get("Content-Type", "").startswith("text/html")
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
    return CachedPage(
        body=body,
        content_type=response["Content-Type"],
        etag=etag,
        marker=marker,
        headers=headers,
    )


def _response_from(request: HttpRequest, page: CachedPage) -> HttpResponse:
    body = page.body
    if page.nonce_placeholder in body:
        # Reading the nonce makes the CSP middleware put this same value in the header.
        body = body.replace(page.nonce_placeholder, str(get_nonce(request)))
    uses_csrf = page.csrf_placeholder in body
    if uses_csrf:
        # As {% csrf_token %} would: a fresh masked token, and the cookie set when missing.
        body = body.replace(page.csrf_placeholder, get_token(request))
    response = HttpResponse(body, content_type=page.content_type)
    for name, value in page.headers:
        response[name] = value
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
    header = request.headers.get("If-None-Match")
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
