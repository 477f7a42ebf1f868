"""Gzip for the HTML that anonymous readers get, and a gzip of a cached page that costs next to
nothing per hit.

Which responses (HtmlGZipMiddleware): HTML, to a request without a session cookie, that sets no
session cookie. Compression over TLS leaks the length of a secret that sits in a page beside
text an attacker chooses (BREACH). An anonymous reader's page holds no secret of theirs: the CSP
nonce is new for every response and the CSRF token is masked afresh for every response, so
neither can be guessed byte by byte across requests. A signed-in page holds the member's own
data beside reflected text (a search), so it goes out uncompressed; Django's random padding in
the gzip header (Heal the Breach, GZipMiddleware.max_random_bytes) is kept as a second line for
what is compressed. Static files are whitenoise's: its middleware sits above this one and answers
with its own precompressed files before this one is reached, so nothing is compressed twice.
Uploaded images and PDFs are not HTML and are left alone (compressed formats already).

The page cache (core/pagecache.py) fills a fresh nonce (and CSRF token) into every hit, so it
cannot keep the page gzipped whole, and compressing a hit costs more than serving it: 0.6-0.9 ms
for the 16 kB method page and 0.8-1.3 ms for the 32 kB list at Django's level 6, measured on the
benchmark's pages, where a whole hit costs about 0.3 ms. So a cached page is also kept as deflate
pieces cut where the per-response values go (DeflatedPage), and a hit joins the pieces with the
values as stored blocks: 0.04-0.05 ms, the same size within 1%. RFC 1951 allows it: each piece
ends with a sync flush (an empty stored block, so it ends on a byte boundary and is not final)
and comes from its own compressor (no back reference reaches into the piece before it); a final
empty block closes the stream, and the gzip trailer's CRC-32 and length are those of the bytes
the reader gets. A miss is compressed whole by Django's middleware: it costs a render anyway.
"""

from __future__ import annotations

import secrets
import struct
import zlib
from collections.abc import Callable, Sequence

from django.conf import settings
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers

# Django's own level (django.utils.text.compress_string).
LEVEL = 6
# Deflate's final block with nothing in it: BFINAL=1, fixed codes, end-of-block.
_FINAL_EMPTY_BLOCK = b"\x03\x00"
# gzip member header: magic, deflate, FNAME set (the random padding), mtime 0, no extra flags,
# operating system unknown.
_HEADER = b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff"


def deflate_piece(data: bytes) -> bytes:
    """data as raw deflate that another piece may follow (see the module doc)."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def stored_block(data: bytes) -> bytes:
    """data as one non-final stored block (for the short per-response values: a nonce, a
    token). The block starts on a byte boundary, as every piece ends on one."""
    if len(data) > 0xFFFF:
        raise ValueError("a stored block holds at most 65,535 bytes")
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


def gzip_member(deflated: Sequence[bytes], plain: bytes) -> bytes:
    """One gzip member from raw deflate pieces whose inflated bytes, in order, are plain; with
    Django's random padding in the header."""
    # As Django pads (django.utils.text.compress_string): only the length needs to be random.
    padding = b"a" * secrets.randbelow(GZipMiddleware.max_random_bytes)
    trailer = struct.pack("<II", zlib.crc32(plain), len(plain) & 0xFFFFFFFF)
    return b"".join((_HEADER, padding, b"\x00", *deflated, _FINAL_EMPTY_BLOCK, trailer))


class DeflatedPage:
    """A page cut into fixed pieces and the per-response slots between them, kept both plain
    and deflated. render() gives the bytes of one response and a function that gzips them."""

    __slots__ = ("deflated", "pieces", "slots")

    def __init__(self, pieces: Sequence[bytes], slots: Sequence[str]):
        if len(pieces) != len(slots) + 1:
            raise ValueError("one more piece than slots")
        self.pieces = tuple(pieces)
        self.slots = tuple(slots)
        self.deflated = tuple(deflate_piece(piece) for piece in self.pieces)

    def render(self, values: dict[str, str]) -> tuple[bytes, Callable[[], bytes]]:
        filled = [values[slot].encode() for slot in self.slots]
        plain_parts = [self.pieces[0]]
        for value, piece in zip(filled, self.pieces[1:], strict=True):
            plain_parts += (value, piece)
        plain = b"".join(plain_parts)

        def gzipped() -> bytes:
            parts = [self.deflated[0]]
            for value, piece in zip(filled, self.deflated[1:], strict=True):
                parts += (stored_block(value), piece)
            return gzip_member(parts, plain)

        return plain, gzipped


class HtmlGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for anonymous HTML only (see the module doc). A response that
    brings its own gzip (`response.gzip_content`, a function: the page cache's hits) is sent
    with that instead of being compressed again."""

    def process_response(self, request, response):
        if not _may_compress(request, response):
            return response
        gzipped = getattr(response, "gzip_content", None)
        if gzipped is None:
            return super().process_response(request, response)
        if len(response.content) < 200 or response.has_header("Content-Encoding"):
            return response  # as Django's middleware decides
        patch_vary_headers(response, ("Accept-Encoding",))
        if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        response.content = gzipped()
        response.headers["Content-Length"] = str(len(response.content))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):  # as Django's middleware does (RFC 9110 8.8.1)
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response


def _may_compress(request, response) -> bool:
    return (
        not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.SESSION_COOKIE_NAME not in response.cookies
    )
