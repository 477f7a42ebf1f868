"""Valid HTML: the W3C Nu HTML Checker finds no error on any page the browser tests load.

The check runs once, after every other test of the session (tests/browser/conftest.py moves it
last), over the pages `served_html` recorded. Without Java or vnu.jar it skips with the reason;
with REQUIRE_BROWSER=1 (CI) it fails instead.
"""

from __future__ import annotations

import os
import warnings

import pytest

from tests.browser.html_check import ServedHtml, describe, run_vnu, vnu_command

pytestmark = pytest.mark.browser

REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="module")
def vnu():
    command, reason = vnu_command()
    if command is None:
        if REQUIRE_BROWSER:
            pytest.fail(f"REQUIRE_BROWSER=1 but the HTML checker cannot run: {reason}")
        pytest.skip(reason)
    return command


def test_checker_reports_the_errors_it_finds(vnu, tmp_path):
    """The check itself: an invalid page gives vnu's messages with the URL that served it, and
    a valid one gives none."""
    pages = ServedHtml(directory=tmp_path)
    pages.record(
        "http://testserver/fel/",
        '<!doctype html><html lang="sv"><title>Fel</title>'
        '<p><time datetime="2026-11-30T14:05:00.123456+00:00">30 nov. 2026</time>'
        '<span aria-label="Ingen uppgift">–</span></p><form action=""></form>',
    )
    pages.record(
        "http://testserver/rätt/",
        '<!doctype html><html lang="sv"><title>Rätt</title>'
        '<p><time datetime="2026-11-30T14:05:00+00:00">30 nov. 2026</time></p>',
    )

    messages = run_vnu(vnu, tmp_path)

    report = describe(messages, pages.pages)
    assert [m["message"] for m in messages] == [
        "Bad value “2026-11-30T14:05:00.123456+00:00” for attribute “datetime” on element "
        "“time”: A fraction of a second must be one, two, or three digits.",
        "The “aria-label” attribute must not be specified on any “span” element unless the "
        "element has a “role” value other than “caption”, “code”, “deletion”, “emphasis”, "
        "“generic”, “insertion”, “paragraph”, “presentation”, “strong”, “subscript”, or "
        "“superscript”.",
        "Bad value “” for attribute “action” on element “form”: Must be non-empty.",
    ], report
    assert report.splitlines()[0].startswith("http://testserver/fel/  (page-")
    assert "http://testserver/rätt/" not in report


def test_every_served_page_is_valid_html(served_html, vnu):
    if not served_html.pages:
        if served_html.contexts:
            pytest.fail(
                f"{served_html.contexts} browser contexts were opened but no HTML page was "
                f"recorded: the recording in tests/browser/html_check.py is broken"
            )
        pytest.skip("no browser test loaded a page in this session, so there is nothing to check")

    if served_html.unreadable:  # not a failure of the page: say so, but check the rest
        warnings.warn(
            "pages whose HTML the browser no longer had, so they were not checked:\n"
            + "\n".join(served_html.unreadable),
            stacklevel=1,
        )
    messages = run_vnu(vnu, served_html.directory)

    assert messages == [], (
        f"The W3C Nu HTML Checker found {len(messages)} errors in the "
        f"{len(served_html.pages)} pages the browser tests loaded "
        f"(saved in {served_html.directory}):\n" + describe(messages, served_html.pages)
    )


# After every other test of the session (tests/browser/conftest.py).
test_every_served_page_is_valid_html.runs_after_browser_tests = True
