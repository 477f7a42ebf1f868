"""Links to other material on a method, and the nightly check that marks dead ones."""

# Long rows of test data read best one per line.
# ruff: noqa: E501

from __future__ import annotations

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from material import linkcheck
from material.models import LinkKind, MaterialLink
from material.services import add_link
from methods.choices import Status
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db


# The checker against a local stub server -------------------------------------------------------


class _Stub(BaseHTTPRequestHandler):
    def _answer(self, with_body: bool):
        path = self.path
        if path == "/ok":
            self._send(200, with_body, b"hej")
        elif path == "/gone":
            self._send(404, with_body)
        elif path == "/flytt":
            self._redirect("/ok")
        elif path in {"/slinga-a", "/slinga-b"}:
            self._redirect("/slinga-b" if path == "/slinga-a" else "/slinga-a")
        elif path == "/inget-head":
            if self.command == "HEAD":
                self._send(405, False)
            else:
                self._send(200, True, b"x" * 10)
        elif path == "/stor":
            self._send(200, with_body, b"x" * (4 * 1024 * 1024))
        elif path == "/upptagen":
            self._send(503, with_body)
        else:
            self._send(500, with_body)

    def _send(self, status, with_body, body=b""):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body and body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def _redirect(self, to):
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):  # noqa: N802
        self._answer(False)

    def do_GET(self):  # noqa: N802
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(
    ("path", "alive", "status", "problem"),
    [
        ("/ok", True, 200, ""),
        ("/gone", False, 404, "HTTP 404"),
        ("/flytt", True, 200, ""),
        ("/inget-head", True, 200, ""),
        ("/stor", True, 200, ""),
        ("/upptagen", True, 503, ""),
        ("/trasig", False, 500, "HTTP 500"),
        ("/slinga-a", False, None, "redirect loop"),
    ],
)
def test_check_against_a_local_server(stub, path, alive, status, problem):
    assert linkcheck.check(stub + path, allow_private=True) == linkcheck.Result(
        alive, status, problem
    )


def test_the_local_server_is_refused_without_the_test_switch(stub):
    result = linkcheck.check(stub + "/ok")
    assert not result.alive
    assert result.problem == "not a public address: 127.0.0.1"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://localhost/", "not a public address"),
        ("http://10.0.0.5/intranat", "not a public address"),
        ("http://169.254.169.254/latest/meta-data/", "not a public address"),
        ("http://[::1]/", "not a public address"),
        ("ftp://example.org/fil", "not an http(s) address"),
        ("file:///etc/passwd", "not an http(s) address"),
    ],
)
def test_private_addresses_and_other_schemes_are_never_fetched(url, problem):
    result = linkcheck.check(url)
    assert not result.alive and result.status is None
    assert result.problem.startswith(problem)


def test_a_redirect_to_a_private_address_is_refused(monkeypatch):
    hops = []
    real_request = linkcheck.request

    def fake_request(method, url, allow_private=False):
        hops.append(url)
        if url == "https://example.org/":
            return 302, "http://127.0.0.1/admin"
        return real_request(method, url, allow_private)

    monkeypatch.setattr(linkcheck, "request", fake_request)
    result = linkcheck.check("https://example.org/")
    assert result.problem == "not a public address: 127.0.0.1"
    assert hops == ["https://example.org/", "http://127.0.0.1/admin"]


def test_head_failing_falls_back_to_get():
    calls = []

    def fetcher(url, method, allow_private=False):
        calls.append(method)
        if method == "HEAD":
            raise ConnectionError("reset")
        return 200

    assert linkcheck.check("https://example.org/", fetcher=fetcher).alive
    assert calls == ["HEAD", "GET"]


# The nightly command -------------------------------------------------------------------------


@pytest.fixture
def links(member):
    method = MethodFactory(author=member, status=Status.PUBLISHED)
    alive = add_link(method, member, kind=LinkKind.REPORT, title="Rapport", url="https://example.org/rapport",
                     description="Utvärdering av arbetsplatslärande.")  # fmt: skip
    dead = add_link(method, member, kind=LinkKind.SITE, title="Gammal sida", url="https://example.org/borta",
                    description="En sida som har flyttat.")  # fmt: skip
    return alive, dead


def test_check_links_marks_dead_links_and_leaves_recent_ones(links, monkeypatch):
    alive, dead = links
    answers = {
        alive.url: linkcheck.Result(True, 200, ""),
        dead.url: linkcheck.Result(False, 404, "HTTP 404"),
    }
    checked = []
    monkeypatch.setattr(linkcheck, "check", lambda url: checked.append(url) or answers[url])
    call_command("check_links", stdout=open("/dev/null", "w"))  # noqa: SIM115
    alive.refresh_from_db()
    dead.refresh_from_db()
    assert (alive.dead_since, alive.problem) == (None, "")
    assert dead.dead_since is not None and dead.problem == "HTTP 404"
    first_dead = dead.dead_since
    # A second run the same night checks nothing.
    call_command("check_links", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(checked) == 2
    # The next night the link still fails: dead since the first time; then it answers again.
    MaterialLink.objects.update(checked_at=timezone.now() - timedelta(days=1))
    call_command("check_links", stdout=open("/dev/null", "w"))  # noqa: SIM115
    dead.refresh_from_db()
    assert dead.dead_since == first_dead
    answers[dead.url] = linkcheck.Result(True, 200, "")
    MaterialLink.objects.update(checked_at=timezone.now() - timedelta(days=1))
    call_command("check_links", stdout=open("/dev/null", "w"))  # noqa: SIM115
    dead.refresh_from_db()
    assert (dead.dead_since, dead.problem) == (None, "")


# Pages ---------------------------------------------------------------------------------------


def test_author_adds_a_link_and_the_method_page_shows_it(client, member):
    method = MethodFactory(author=member, status=Status.DRAFT)
    client.force_login(member)
    url = reverse("material:method_links", args=[method.slug])
    response = client.post(url, {
        "kind": "report", "title": "Lärande i arbetet – slutrapport",
        "url": "https://example.org/rapport.pdf", "description": "Vad 12 ASF lärde sig.",
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"] == url
    link = MaterialLink.objects.get()
    assert (link.owner, link.kind, link.added_by) == (method, "report", member)
    page = client.get(method.get_absolute_url()).content.decode()
    assert (
        '<a href="https://example.org/rapport.pdf" rel="noopener noreferrer">Lärande i arbetet – slutrapport</a>'
        in page
    )
    assert "Vad 12 ASF lärde sig." in page


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "Skriv en hel adress"),
        ("www.example.org", "Skriv en hel adress"),
        ("https://anna:hemligt@example.org/", "användarnamn eller lösenord"),
        ("https://[example.org/rapport", "går inte att läsa"),
        ("https://example.org:99999/rapport", "går inte att läsa"),
    ],
)
def test_bad_link_addresses_are_refused(client, member, url, message):
    method = MethodFactory(author=member, status=Status.DRAFT)
    client.force_login(member)
    response = client.post(reverse("material:method_links", args=[method.slug]), {
        "kind": "site", "title": "Sidan", "url": url, "description": "Om sidan.",
    })  # fmt: skip
    assert response.status_code == 400
    assert message in response.context["form"].errors["url"][0]
    assert 'value="Sidan"' in response.content.decode()
    assert not MaterialLink.objects.exists()


def test_dead_links_list_is_for_editors(client, member, editor, links):
    _alive, dead = links
    MaterialLink.objects.filter(pk=dead.pk).update(dead_since=timezone.now(), problem="HTTP 404")
    url = reverse("material:dead_links")
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(editor)
    page = client.get(url).content.decode()
    assert "Gammal sida" in page and "HTTP 404" in page and "Rapport</a>" not in page
    assert "1 länk" in page


def test_dead_links_list_costs_the_same_queries_for_many(
    client, editor, member, django_assert_num_queries
):
    method = MethodFactory(author=member, status=Status.PUBLISHED)
    for n in range(3):
        add_link(
            method,
            member,
            kind="site",
            title=f"L{n}",
            url=f"https://example.org/{n}",
            description="d",
        )
    MaterialLink.objects.update(dead_since=timezone.now(), problem="HTTP 410")
    client.force_login(editor)
    # session, user (with the editor group), the page of links with their total, their methods
    with django_assert_num_queries(4):
        client.get(reverse("material:dead_links"))
    for n in range(3, 12):
        add_link(
            method,
            member,
            kind="site",
            title=f"L{n}",
            url=f"https://example.org/{n}",
            description="d",
        )
    MaterialLink.objects.update(dead_since=timezone.now(), problem="HTTP 410")
    with django_assert_num_queries(4):
        client.get(reverse("material:dead_links"))


@pytest.mark.parametrize("url", ["https://example.org:99999/", "https://[example.org/"])
def test_an_address_that_cannot_be_read_is_refused_not_raised(url):
    """A stored link the nightly check cannot parse is reported, not the end of the run."""
    with pytest.raises(linkcheck.Refused):
        linkcheck.request("HEAD", url)
