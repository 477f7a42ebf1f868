"""Site-wide middleware: Swedish first, a Permissions-Policy, and the 503 page when the
database is unreachable (core.views.server_error serves it for errors outside a view)."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template import loader

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
        if isinstance(exception, (OperationalError, InterfaceError)):
            return True
        exception = exception.__cause__ or exception.__context__
    return False
