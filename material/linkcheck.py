"""Checking links to other material: does the address still answer?

Every check is bounded: http and https only, a timeout on connecting and on each read, at most
MAX_BODY bytes read, at most MAX_REDIRECTS redirects and never the same address twice (no
loops). Before connecting, the host name is resolved and every address it has must be public:
no loopback, private, link-local, reserved or multicast address (an editor's link must not make
the server probe its own network). The connection then goes to the checked address itself, with
the host name for TLS and the Host header, so a second DNS answer cannot swap it for another.

HEAD first; when a site refuses HEAD (405, 501, 403) or fails on it, a GET reading at most
MAX_BODY bytes. A link is dead on a 404/410, any other 4xx or 5xx but 429 and 503 (busy, not
gone), or when it cannot be reached at all.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin

from .validation import readable_address

TIMEOUT = 10  # seconds, for connecting and for each read
MAX_BODY = 64 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "Kompetenshandboken-lankkontroll/1.0"
BUSY = {429, 503}


@dataclass(frozen=True)
class Result:
    alive: bool
    status: int | None
    problem: str  # empty when alive


class Refused(Exception):
    """The address may not be checked (scheme, host or a non-public address)."""


def public_addresses(host: str, port: int, allow_private: bool = False) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise ConnectionError(f"host not found: {error}") from None
    addresses = sorted({info[4][0] for info in infos})
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not allow_private and not ip.is_global:
            raise Refused(f"not a public address: {address}")
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, address, **kwargs):
        super().__init__(host, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, address, **kwargs):
        super().__init__(host, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def request(method: str, url: str, allow_private: bool = False) -> tuple[int, str | None]:
    """One request, no redirects followed: (status, Location header)."""
    parts = readable_address(url)
    if parts is None:
        raise Refused(f"not a readable address: {url[:80]}")
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Refused(f"not an http(s) address: {url[:80]}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = public_addresses(parts.hostname, port, allow_private)[0]
    kind = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = kind(parts.hostname, address, port=port, timeout=TIMEOUT)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request(method, path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = connection.getresponse()
        if method == "GET":
            response.read(MAX_BODY)  # bounded: the rest is never read
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def fetch(url: str, method: str, allow_private: bool = False) -> int:
    """The final status after following redirects within the bounds."""
    seen = {url}
    for _hop in range(MAX_REDIRECTS + 1):
        status, location = request(method, url, allow_private)
        if status not in {301, 302, 303, 307, 308} or not location:
            return status
        url = urljoin(url, location)
        if url in seen:
            raise ConnectionError("redirect loop")
        seen.add(url)
    raise ConnectionError("too many redirects")


def check(url: str, allow_private: bool = False, fetcher=fetch) -> Result:
    try:
        status = fetcher(url, "HEAD", allow_private)
    except Refused as error:
        return Result(False, None, str(error)[:200])
    except (OSError, http.client.HTTPException, ConnectionError, ValueError):
        status = None
    if status is None or status in {403, 405, 501}:
        try:
            status = fetcher(url, "GET", allow_private)
        except Refused as error:
            return Result(False, None, str(error)[:200])
        except (OSError, http.client.HTTPException, ConnectionError, ValueError) as error:
            return Result(False, None, (str(error) or type(error).__name__)[:200])
    if status < 400 or status in BUSY:
        return Result(True, status, "")
    return Result(False, status, f"HTTP {status}")
