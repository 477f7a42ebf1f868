"""The database is unreachable: the friendly 503 page with Retry-After, never a 500."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.template import loader
from django.urls import include, path

from core.middleware import DatabaseUnavailableMiddleware, is_database_unavailable
from handbook_site.urls import handler500  # noqa: F401 - this URLconf's error page


def raises_operational_error(request):
    raise OperationalError('connection failed: connection to server at "127.0.0.1" refused')


def raises_interface_error(request):
    raise InterfaceError("connection already closed")


def raises_the_drivers_own_error(request):
    raise connection.Database.OperationalError(
        "terminating connection due to administrator command"
    )


def raises_value_error(request):
    raise ValueError("not a database problem")


urlpatterns = [
    path("_test/operational/", raises_operational_error),
    path("_test/interface/", raises_interface_error),
    path("_test/driver/", raises_the_drivers_own_error),
    path("_test/value/", raises_value_error),
    path("", include("handbook_site.urls")),
]

pytestmark = [pytest.mark.urls("tests.test_db_outage"), pytest.mark.django_db]

EXPECTED_PAGE = loader.get_template("503.html").render({})


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(DatabaseUnavailableMiddleware.RETRY_AFTER_SECONDS) == "30"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    content = response.content.decode()
    assert content == EXPECTED_PAGE
    assert "<h1>Handboken är tillfälligt otillgänglig</h1>" in content
    assert "Vi får just nu inte kontakt med vår databas." in content
    assert '<div lang="en">' in content
    assert "<h2>The handbook is temporarily unavailable</h2>" in content


def test_view_raising_operational_error_gets_the_503_page(client, django_assert_num_queries):
    # The page itself asks nothing of the database.
    with django_assert_num_queries(0):
        response = client.get("/_test/operational/")
    assert_outage_page(response)


def test_view_raising_interface_error_gets_the_503_page(client):
    assert_outage_page(client.get("/_test/interface/"))


def test_the_drivers_own_error_gets_the_503_page(client):
    """Django wraps the driver's errors in its own almost everywhere, not everywhere (below)."""
    client.raise_request_exception = False
    assert_outage_page(client.get("/_test/driver/"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's server-side cursors")
def test_shutdown_while_a_form_reads_its_choices_gets_the_503_page(client, member):
    """Found by the load run with a PostgreSQL restart (bench/load.py): the new-method form
    reads its choices in chunks through a server-side cursor, and Django closes that cursor on
    psycopg directly, so PostgreSQL shutting down raised psycopg's AdminShutdown unwrapped."""
    import psycopg

    client.force_login(member)
    client.raise_request_exception = False
    shutdown = psycopg.errors.AdminShutdown("terminating connection due to administrator command")
    with mock.patch.object(psycopg.ServerCursor, "close", side_effect=shutdown) as close:
        response = client.get("/metoder/ny/")
    assert close.called
    assert_outage_page(response)


def test_other_errors_are_still_500(client):
    client.raise_request_exception = False
    response = client.get("/_test/value/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "<h1>Något gick fel</h1>" in response.content.decode()


def test_lost_connection_in_a_real_page_gets_the_503_page(client, member):
    """Every query fails, as when PostgreSQL restarts: a signed-in reader of the method list."""
    client.force_login(member)
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch.object(CursorWrapper, "execute", side_effect=lost):
        response = client.get("/metoder/")
    assert_outage_page(response)


def test_failing_connect_gets_the_503_page(client):
    """No connection can be opened (connect_timeout passed, or refused)."""
    refused = OperationalError("connection timeout expired")
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        response = client.get("/")
    assert_outage_page(response)


class SessionReadingMiddleware:
    """Like a middleware that checks request.user in process_view (the MFA requirement):
    the database error happens before the view, where process_exception never sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        raise OperationalError("terminating connection due to administrator command")


def test_database_error_in_another_middleware_gets_the_503_page(client, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.test_db_outage.SessionReadingMiddleware"]
    client.raise_request_exception = False
    assert_outage_page(client.get("/metoder/"))


def test_a_database_error_behind_another_error_still_counts():
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as error:
            raise RuntimeError("template failed") from error
    except RuntimeError as error:
        assert is_database_unavailable(error)
    assert not is_database_unavailable(ValueError("no"))
    assert not is_database_unavailable(None)
