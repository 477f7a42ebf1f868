"""gunicorn.conf.py: slow clients cannot stall the health check, over-long requests are refused.

Issue 12: with sync workers two clients that sent half a request line and then waited held both
workers, and GET /healthz waited until the worker timeout (32 s). gunicorn is started here with
the shipped configuration, production settings and two workers (as the issue's server), on a
free port of 127.0.0.1; it is stopped by its process id however the test ends.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
# The bound the health check must answer within while the slow clients stall: far below the
# 30 s worker timeout that used to free the workers.
ANSWER_WITHIN = 5.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def raw_request(port: int, data: bytes, timeout: float = ANSWER_WITHIN) -> bytes:
    """Send bytes and read until the server closes the connection (it does after an error and
    after a request with "Connection: close"); a socket timeout fails the test."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="handbook_site.settings",
        DJANGO_LOG_LEVEL="WARNING",
        EMAIL_DISABLED="1",
        DATABASE_URL=f"sqlite:///{work / 'site.sqlite3'}",
        PORT=str(port),
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="4",
    )
    subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True, timeout=300,
    )  # fmt: skip
    log_path = work / "gunicorn.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [GUNICORN, "-c", "gunicorn.conf.py", "--no-control-socket",
             "handbook_site.wsgi:application"],
            cwd=ROOT, env=env, stdout=log, stderr=log,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log_path.read_text(errors="replace")
            try:
                if raw_request(port, healthz_request()).startswith(b"HTTP/1.1 200"):
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, log_path.read_text(errors="replace")
            time.sleep(0.2)
        yield port
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def healthz_request() -> bytes:
    return b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


def test_the_configuration_is_what_the_documentation_says():
    settings: dict = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), settings)  # noqa: S102 - our own config file
    assert settings["worker_class"] == "gthread"
    assert settings["timeout"] == 30
    assert settings["limit_request_line"] == 4094
    assert settings["limit_request_fields"] == 50
    assert settings["limit_request_field_size"] == 8190
    assert settings["bind"] == [f"127.0.0.1:{os.environ.get('PORT', '8000')}"]


def test_two_clients_stalling_mid_request_do_not_stall_the_health_check(server):
    stalled = []
    try:
        for _ in range(2):
            sock = socket.create_connection(("127.0.0.1", server), timeout=ANSWER_WITHIN)
            sock.sendall(b"GET /metoder/ HTT")  # half a request line, then nothing
            stalled.append(sock)
        time.sleep(0.5)  # both are accepted and waiting for the rest
        start = time.monotonic()
        answer = raw_request(server, healthz_request())  # socket timeout: ANSWER_WITHIN
        took = time.monotonic() - start
        assert answer.startswith(b"HTTP/1.1 200 OK\r\n")
        assert answer.endswith(b"\r\n\r\nok")
        assert took < ANSWER_WITHIN
        # The stalled clients got nothing: nobody answered a request that never arrived.
        for sock in stalled:
            sock.setblocking(False)
            with pytest.raises(BlockingIOError):
                sock.recv(1)
    finally:
        for sock in stalled:
            sock.close()


def test_an_over_long_request_line_is_refused_with_414(server):
    path = "/sok/?q=" + "a" * 5000
    answer = raw_request(server, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.1 414 ")
    # The worker that refused it still serves.
    assert raw_request(server, healthz_request()).startswith(b"HTTP/1.1 200 OK\r\n")


def test_too_many_header_fields_are_refused(server):
    headers = "".join(f"X-Filler-{n}: {n}\r\n" for n in range(60))
    answer = raw_request(
        server, f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode()
    )
    status = answer.split(b"\r\n", 1)[0]
    assert status in {b"HTTP/1.1 400 Bad Request", b"HTTP/1.1 431 Request Header Fields Too Large"}
    assert b"\r\n\r\nok" not in answer
