"""Helpers for the load test (bench/load.py) and the two-server check (bench/two_servers.py).

Plain standard library, no Django import: a scratch PostgreSQL database, gunicorn processes
started with production settings and stopped by their process id, and a small HTTP client
that keeps its own cookies (the site's cookies are Secure in production, which a standard
cookie jar would not send back over plain HTTP to 127.0.0.1) and fills in forms from the page
the way a browser does.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DEMO_PASSWORD = "demo-handbok-2026"  # noqa: S105 - the demo accounts' published password


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """Production settings for a local run: DEBUG off, a fresh secret key, no TLS redirect."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "SERVE_MEDIA"}}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL=os.environ.get("DJANGO_LOG_LEVEL", "WARNING"),
        # No mail server on the bench: mails are dropped, never printed (core/mail.py).
        EMAIL_DISABLED="1",
    )
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str], timeout: float = 600) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter and scripts
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def psql(sql: str) -> None:
    run(["psql", "-q", "-v", "ON_ERROR_STOP=1", PG_ADMIN_URL, "-c", sql], env=dict(os.environ))


def fresh_database(name: str, env: dict[str, str], static_root: str) -> None:
    """Drop and create a scratch database, migrate it, load the demo handbook, and collect
    the static files (the production storage needs their manifest) into static_root."""
    if not name.startswith("kh_load"):
        raise SystemExit(f"refusing to recreate {name!r}: only kh_load* databases")
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{name}"')
    demo_site(env, static_root)


def demo_site(env: dict[str, str], static_root: str) -> None:
    """Migrate the (empty) database that env names, load the demo handbook, and collect the
    static files (the production storage needs their manifest) into static_root."""
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "seed_demo", "--force-demo-in-production"], env)
    collect = (
        "import django; from django.conf import settings; django.setup(); "
        f"settings.STATIC_ROOT = {static_root!r}; "
        "from django.core.management import call_command; "
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    run([PYTHON, "-c", collect], {**env, "DJANGO_SETTINGS_MODULE": "handbook_site.settings"})


@dataclass
class Server:
    """One gunicorn, started with bench/wsgi.py (the real site; static files from
    BENCH_STATIC_ROOT) and stopped by its process id."""

    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def start_gunicorn(
    env: dict[str, str],
    static_root: str,
    log_path: Path,
    *,
    workers: int = 4,
    threads: int = 4,
) -> Server:
    """gunicorn with the production configuration (gunicorn.conf.py: gthread, timeouts, request
    size limits); only the address, the process counts and the log file are set here."""
    port = free_port()
    args = [
        GUNICORN, "-c", str(ROOT / "gunicorn.conf.py"), "bench.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
        "--access-logfile", "/dev/null", "--error-logfile", str(log_path),
        # Its own control socket: the default path is shared by every gunicorn of the user.
        "--control-socket", str(log_path.with_suffix(f".{port}.ctl")),
    ]  # fmt: skip
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:  # the site's own log lines (stderr) go there too
        process = subprocess.Popen(  # noqa: S603 - our own gunicorn
            args, cwd=ROOT, env={**env, "BENCH_STATIC_ROOT": static_root},
            stdout=log, stderr=log,
        )  # fmt: skip
    server = Server(port, process, log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{server.log_tail()}")
        try:
            if Client(server.base).get("/healthz").status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"gunicorn did not answer within 60 s:\n{server.log_tail()}")


class FormParser(HTMLParser):
    """Every form of a page: its action and its fields in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: dict | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(),
                          "fields": []}  # fmt: skip
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            self._form["fields"].append(
                {"tag": "input", "type": a.get("type", "text").lower(), "name": a["name"],
                 "value": a.get("value", ""), "checked": "checked" in a}
            )  # fmt: skip
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"tag": "textarea", "type": "textarea", "name": a["name"],
                              "value": ""}  # fmt: skip
            self._form["fields"].append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = {"tag": "select", "type": "select", "name": a["name"], "options": [],
                            "value": ""}  # fmt: skip
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
            if "selected" in a:
                self._select["value"] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data


def forms_of(html: str) -> list[dict]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def form_with(html: str, field_name: str, action_contains: str = "") -> dict:
    """The first form with a field of that name (and an action containing the text)."""
    for form in forms_of(html):
        if action_contains in form["action"] and any(
            f["name"] == field_name for f in form["fields"]
        ):
            return form
    raise LookupError(f"no form with a field {field_name!r} and action {action_contains!r}")


def form_defaults(form: dict) -> list[tuple[str, str]]:
    """What a browser would send without the user touching anything (no submit buttons)."""
    data = []
    for f in form["fields"]:
        if f["type"] in {"submit", "button", "image", "reset", "file"}:
            continue
        if f["type"] in {"checkbox", "radio"} and not f.get("checked"):
            continue
        data.append((f["name"], f["value"]))
    return data


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class Client:
    """A browser-like client for one site: cookies (Secure ones too, since this is a local
    test over plain HTTP), form posts with the CSRF token, no automatic redirects."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 60.0

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Response:
        url = urllib.parse.urlsplit(self.base)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=self.timeout)
        sent = {"Host": url.netloc, "User-Agent": "kompetenshandboken-load/1"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        start = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=sent)
            raw = conn.getresponse()
            data = raw.read()
            seconds = time.perf_counter() - start
            for header, value in raw.getheaders():
                if header.lower() == "set-cookie":
                    self._store_cookie(value)
            found = {k.lower(): v for k, v in raw.getheaders()}
            return Response(raw.status, found, data, seconds)
        finally:
            conn.close()

    def _store_cookie(self, header: str) -> None:
        name, _, rest = header.partition("=")
        value = rest.split(";", 1)[0]
        expired = "max-age=0" in header.lower().replace(" ", "") or value in {"", '""'}
        if expired:
            self.cookies.pop(name.strip(), None)
        else:
            self.cookies[name.strip()] = value

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: list[tuple[str, str]] | dict) -> Response:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body, headers)

    def post_multipart(
        self, path: str, fields: dict[str, str], files: dict[str, tuple[str, str, bytes]]
    ) -> Response:
        boundary = "----kompetenshandboken" + secrets.token_hex(12)
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content_type, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, body, headers)

    def csrf_token(self) -> str:
        return self.cookies.get("csrftoken", "")

    def login(self, email: str, password: str) -> Response:
        """Through allauth's real login form: the page sets the CSRF cookie, the form carries
        the token."""
        page = self.get("/konto/login/")
        if page.status != 200:
            return page
        form = form_with(page.text, "password", "/konto/login/")
        data = [(k, v) for k, v in form_defaults(form) if k not in {"login", "password"}]
        data += [("login", email), ("password", password)]
        return self.post("/konto/login/", data)


def pg_cluster_command(action: str) -> None:
    """Start, stop or restart the local PostgreSQL cluster (Debian's pg_ctlcluster)."""
    version = sorted(os.listdir("/etc/postgresql"))[0]
    subprocess.run(  # noqa: S603 - fixed command
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],  # noqa: S607
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


def pg_is_ready() -> bool:
    return (
        subprocess.run(  # noqa: S603
            ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"],  # noqa: S607
            check=False,
            timeout=30,
        ).returncode  # fmt: skip
        == 0
    )


def ensure_pg_running() -> None:
    if not pg_is_ready():
        print("PostgreSQL is down: starting it", file=sys.stderr)
        try:
            pg_cluster_command("start")
        except subprocess.CalledProcessError as error:
            print(f"pg_ctlcluster start failed: {error.stderr!r}", file=sys.stderr)
        for _ in range(60):
            if pg_is_ready():
                return
            time.sleep(0.5)
