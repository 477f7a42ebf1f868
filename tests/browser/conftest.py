"""Playwright journeys in the Debian Chromium against Django's live server.

Without Chromium the journeys skip with the reason; with REQUIRE_BROWSER=1 (CI) they fail.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from core.siteversion import forget_request_memo
from tests import dbsnapshot

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"

pytestmark = pytest.mark.browser


class _OneRequestAtATimeOnSharedSQLite(ThreadedWSGIServer):
    """The live server, answering one request at a time when its threads share one connection.

    On an in-memory SQLite test database every server thread is handed the test's own
    connection (pytest-django's `connections_override`). The browser loads a film's video and
    its captions at once, and two threads running queries on one connection read each other's
    rows: a lookup by primary key "returned 2" Methods, or none, and the captions answered 500
    or 404 about one run in four. On PostgreSQL each thread has its own connection and requests
    still run side by side. Connections stay threaded (keep-alive), only the application call
    is serialised.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, connections_override=connections_override, **kwargs)
        self._serialise = bool(connections_override)
        self._lock = threading.Lock()

    def set_app(self, application):
        if not self._serialise:
            return super().set_app(application)
        lock = self._lock

        def one_at_a_time(environ, start_response):
            with lock:
                return application(environ, start_response)

        return super().set_app(one_at_a_time)


LiveServerThread.server_class = _OneRequestAtATimeOnSharedSQLite


def _browser_missing_reason() -> str | None:
    if not os.path.exists(CHROMIUM):
        return f"Chromium not found at {CHROMIUM} (install the Debian package 'chromium')"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (make venv installs requirements.lock)"
    return None


def _serialized_contents() -> dict[str, str]:
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _restore_serialized_contents(serialized: dict[str, str]) -> None:
    """Give the connections seen after Playwright's start the test databases' snapshot.

    Between sync calls Playwright marks its event loop as running in the main thread. Django's
    connection handler then keeps its connections in a context variable instead of the thread
    local, so the code after the start sees new connection objects for the same (shared
    in-memory) databases, and those lack the `_test_serialized_contents` that
    `django_db_serialized_rollback` restores the migrations' data from after each flush.
    """
    from django.db import connections

    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture(scope="session")
def browser(django_db_setup):
    reason = _browser_missing_reason()
    if reason:
        if REQUIRE_BROWSER:
            pytest.fail(f"REQUIRE_BROWSER=1 but the browser tests cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    serialized = _serialized_contents()
    with sync_playwright() as playwright:
        _restore_serialized_contents(serialized)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def demo_snapshot() -> dict:
    """The database right after seed_demo, taken by the session's first journey (per database
    alias), for the others to start from (tests/dbsnapshot.py)."""
    return {}


@pytest.fixture
def demo_data(django_db_serialized_rollback, transactional_db, demo_snapshot):
    """The demo handbook in the live server's database (phases come from the migrations):
    loaded by the session's first journey, put back from its snapshot for every other."""
    snapshot = demo_snapshot.get("default")
    if snapshot is None:
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        demo_snapshot["default"] = dbsnapshot.take("default")
    else:
        dbsnapshot.restore(snapshot)
        forget_request_memo()


@pytest.fixture(scope="session")
def served_html(tmp_path_factory):
    """Every HTML page the browser tests load, as the server sent it, for the W3C Nu HTML
    Checker that tests/browser/test_html_validity.py runs once at the end of the session.
    The files go to SERVED_HTML_DIR if set (to look at them afterwards), else a temporary
    directory."""
    from tests.browser.html_check import ServedHtml

    directory = os.environ.get("SERVED_HTML_DIR")
    path = Path(directory) if directory else tmp_path_factory.mktemp("served-html")
    return ServedHtml(directory=path)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The HTML check reads the pages the other tests loaded, so it runs after all of them,
    whatever order the test files were given in (trylast: after -k and -m deselected)."""
    last = [
        item
        for item in items
        if getattr(item, "function", None) is not None
        and getattr(item.function, "runs_after_browser_tests", False)
    ]
    if last:
        items[:] = [item for item in items if item not in last] + last


def _open_page(browser, live_server, served_html):
    """A page in a browser context of its own (its own cookies: another person), which
    collects the page's script errors and console errors in page.js_errors and records the
    HTML the server sends it for the HTML check."""
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    served_html.watch(context, live_server.url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.js_errors = errors
    return context, page


# Every test with a page restores the migrations' data after the flush (serialized rollback):
# a test on the live server without it would leave the content types that a flush's post_migrate
# recreates, and the next test's restore would then fail on them.
@pytest.fixture
def page(django_db_serialized_rollback, browser, live_server, served_html):
    context, page = _open_page(browser, live_server, served_html)
    yield page
    context.close()


@pytest.fixture
def new_page(django_db_serialized_rollback, browser, live_server, served_html):
    """Open more pages, each another person; all are closed after the test, even if it fails."""
    contexts = []

    def open_page():
        context, page = _open_page(browser, live_server, served_html)
        contexts.append(context)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


# WCAG 2.2 A and AA, which include 2.0 and 2.1: the bundled axe-core (4.12) tags its 2.2 rules
# (target-size, SC 2.5.8) wcag22aa.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def assert_no_axe_violations(axe, page) -> None:
    """WCAG 2.2 A and AA rules only; every violation is listed in the failure."""
    results = axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "resultTypes": ["violations"],
        },
    )
    violations = results.response["violations"]
    assert violations == [], page.url + "\n" + results.generate_report()
