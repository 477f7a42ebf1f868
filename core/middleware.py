"""Site-wide middleware: Swedish first, a Permissions-Policy, NUL characters refused with 400,
and the 503 page when the database is unreachable (core.views.server_error serves it for errors
outside a view)."""

import logging
from functools import cache

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext

from .apipaths import answers_in_json, json_error

logger = logging.getLogger("core.database")


class SwedishFirstLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware without browser language sniffing.

    Many Swedish readers use phones set to English; they should still meet the Swedish site.
    The language cookie set by the switcher (/sprak/<code>/) is the only way to change it.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


class PermissionsPolicyMiddleware:
    """Turn off browser features the handbook never uses (camera, microphone, location ...)."""

    POLICY = (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response


class RejectNulMiddleware:
    """Answer 400 to a request with a NUL character in its path, query string or form fields.

    PostgreSQL text cannot hold NUL: a "\x00" that reaches a query (a filter, a slug, a token,
    a saved field) raises DataError, and the visitor got a 500. No legitimate request carries
    one, so it is refused here, once, before any view, form or admin filter sees it. Form
    fields are those of form-encoded and multipart bodies (request.POST); the bytes of an
    uploaded file are not text and are not looked at.

    It sits after the session, locale, auth and CSP middleware, so the 400 page is rendered
    in the visitor's language with the site's header and a CSP nonce that matches its header.
    A 400 is never stored by the page cache (core.pagecache stores only 200).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request):
            if answers_in_json(request):
                return json_error(gettext("Ogiltigt tecken i adressen."), 400)
            return render(request, "400.html", status=400)
        return self.get_response(request)


def _carries_nul(request) -> bool:
    if "\x00" in request.path or "\x00" in request.path_info:
        return True
    for query in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
        for key, values in query.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


class DatabaseUnavailableMiddleware:
    """The database is down or unreachable: answer the friendly 503 page, not a 500.

    A view that cannot connect (PostgreSQL restarting, connect_timeout passed) or loses its
    connection mid-request raises OperationalError or InterfaceError. The page is rendered from
    the template alone, without context processors or the session, so it needs no database;
    Retry-After tells clients and proxies when to come back. Every write runs in a transaction,
    so a write cut off this way is rolled back whole. Django's health checks
    (CONN_MAX_AGE with conn_health_checks) open a fresh connection on a later request once the
    database is back; nothing needs restarting.
    """

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.warning("Database unavailable on %s %s: %s", request.method, request.path, exception)
        return database_unavailable()


def database_unavailable() -> HttpResponse:
    """The 503 page with Retry-After, rendered without any database access."""
    response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = str(DatabaseUnavailableMiddleware.RETRY_AFTER_SECONDS)
    # Never cache an outage page, in the browser or in a proxy.
    response["Cache-Control"] = "no-store"
    return response


def is_database_unavailable(exception: BaseException | None) -> bool:
    """A lost or refused database connection, also when re-raised as another error."""
    for _ in range(5):
        if exception is None:
            return False
        if isinstance(exception, _unavailable_errors()):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


@cache
def _unavailable_errors() -> tuple[type[BaseException], ...]:
    """Django's OperationalError and InterfaceError, and the database drivers' own. Django
    wraps the driver's errors in its own almost everywhere, but not all: a chunked read (a
    ModelChoiceField's choices) closes its server-side cursor on the driver directly, so
    PostgreSQL shutting down mid-page raised psycopg's AdminShutdown as it is (a 500 in the
    load run with a PostgreSQL restart, bench/load.py)."""
    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    for alias in settings.DATABASES:
        driver = connections[alias].Database
        errors += [driver.OperationalError, driver.InterfaceError]
    return tuple(dict.fromkeys(errors))
