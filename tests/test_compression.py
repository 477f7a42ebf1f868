"""Gzip for anonymous HTML (core/compression.py): the page cache's spliced gzip is a valid gzip
of exactly the page sent, only anonymous HTML is compressed, and conditional GET still works."""

import gzip
import re
import zlib

import pytest
from django.http import HttpResponse

from core.compression import DeflatedPage, HtmlGZipMiddleware, gzip_member, stored_block
from tests.factories import MethodFactory

GZIP = {"accept-encoding": "gzip, deflate, br"}


def test_a_deflated_page_gzips_to_exactly_its_plain_bytes():
    page = DeflatedPage(
        ["<p>första ".encode() * 500, b" mitten ", b"", "slut – åäö</p>".encode()],
        ["nonce", "csrf", "nonce"],
    )
    plain, gzipped = page.render({"nonce": "n0nce", "csrf": "t" * 64})
    assert plain == "<p>första ".encode() * 500 + b"n0nce mitten " + b"t" * 64 + b"n0nce" + (
        "slut – åäö</p>".encode()
    )
    body = gzipped()
    assert body[:2] == b"\x1f\x8b"
    assert gzip.decompress(body) == plain  # checks the CRC-32 and the length too
    # A streaming inflater (what a browser runs) ends exactly at the end of the member.
    inflater = zlib.decompressobj(wbits=31)
    assert inflater.decompress(body) == plain
    assert inflater.eof
    assert inflater.unused_data == b""
    assert len(body) < len(plain) / 5


def test_a_page_without_slots_gzips_too():
    plain, gzipped = DeflatedPage([b"<html>" + b"x" * 300 + b"</html>"], []).render({})
    assert gzip.decompress(gzipped()) == plain


def test_each_gzip_carries_random_padding_against_breach():
    page = DeflatedPage([b"<p>" + b"samma text " * 100 + b"</p>"], [])
    _, gzipped = page.render({})
    assert len({len(gzipped()) for _ in range(20)}) > 1


def test_a_stored_block_is_refused_past_its_size():
    with pytest.raises(ValueError):
        stored_block(b"x" * 65536)
    assert gzip.decompress(gzip_member([stored_block(b"abc")], b"abc")) == b"abc"


@pytest.fixture
def published(db):
    return MethodFactory(title="Skuggning på golvet", slug="skuggning")


def without_nonce(html: str) -> str:
    return re.sub(r' nonce="[^"]+"', "", html)


@pytest.mark.parametrize("state", ["miss", "hit"])
def test_an_anonymous_page_is_gzipped_for_a_reader_that_accepts_it(client, published, state):
    if state == "hit":
        client.get("/metoder/skuggning/")
    plain = client.get("/", headers=GZIP)  # (another page: the nonce below is this response's)
    response = client.get("/metoder/skuggning/", headers=GZIP)
    assert response["X-Page-Cache"] == state
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert int(response["Content-Length"]) == len(response.content)
    assert "Skuggning på golvet" in html
    # The page's nonce is the one of this response's CSP header.
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert set(re.findall(r' nonce="([^"]+)"', html)) == {nonce}
    assert plain["Content-Encoding"] == "gzip"


def test_the_gzipped_hit_is_the_same_page_as_the_plain_one(client, published):
    client.get("/metoder/skuggning/")
    zipped = client.get("/metoder/skuggning/", headers=GZIP)
    plain = client.get("/metoder/skuggning/")
    assert plain["X-Page-Cache"] == zipped["X-Page-Cache"] == "hit"
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
    assert without_nonce(gzip.decompress(zipped.content).decode()) == without_nonce(plain.text)
    assert zipped["ETag"] == plain["ETag"]  # weak: the same page, either encoding


def test_a_gzipped_page_still_answers_304_to_its_etag(client, published):
    client.get("/metoder/skuggning/")
    etag = client.get("/metoder/skuggning/", headers=GZIP)["ETag"]
    assert etag.startswith('W/"')
    response = client.get("/metoder/skuggning/", headers={**GZIP, "if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert "Content-Encoding" not in response


def test_a_signed_in_page_is_never_compressed(client, published, member):
    client.force_login(member)
    response = client.get("/metoder/skuggning/", headers=GZIP)
    assert "Mira Medlem" in response.text
    assert "Content-Encoding" not in response


@pytest.mark.parametrize(
    ("content_type", "compressed"),
    [("text/html; charset=utf-8", True), ("application/json", False), ("image/png", False)],
)
def test_only_html_is_compressed(rf, content_type, compressed):
    middleware = HtmlGZipMiddleware(lambda request: HttpResponse(b"x" * 1000, content_type))
    response = middleware(rf.get("/", headers=GZIP))
    assert response.get("Content-Encoding") == ("gzip" if compressed else None)
    body = gzip.decompress(response.content) if compressed else response.content
    assert body == b"x" * 1000
