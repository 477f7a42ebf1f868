"""Printed cards and PDFs show a QR code to each film of the method."""

# Long rows of test data read best one per line.
# ruff: noqa: E501

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from material.services import add_film
from methods.choices import Status
from tests.factories import MethodFactory
from tests.material.test_films import WEBM
from tests.methods.test_printing import flat, pdf_text

pytestmark = pytest.mark.django_db

SITE = "http://testserver.example"


@pytest.fixture
def method(member, settings):
    settings.SITE_URL = SITE
    method = MethodFactory(author=member, status=Status.PUBLISHED, title="Kaffe på jobbet")
    add_film(method, member, title="Så rengör vi kaffemaskinen", minutes=4,
             upload=SimpleUploadedFile("k.webm", WEBM), content_type="video/webm",
             captions="WEBVTT\n\n00:01.000 --> 00:02.000\nHej\n", captions_text="Hej")  # fmt: skip
    add_film(method, member, title="Handledning i vardagen", minutes=6,
             url="https://play.orebro.se/film/handledning",
             embed_url="https://play.orebro.se/film/handledning")  # fmt: skip
    method.refresh_from_db()
    return method


def test_card_shows_a_qr_code_to_each_film(client, method):
    html = client.get(f"/metoder/{method.slug}/kort/").content.decode()
    films = html[html.index('class="printed-films"') :]
    # The uploaded film's code leads to its place on the method page, the other to the film.
    assert f"{SITE}/metoder/{method.slug}/#film-1" in films
    assert "https://play.orebro.se/film/handledning" in films
    assert films.count('class="qr-code"') == 2
    assert 'aria-label="QR-kod till filmen ”Så rengör vi kaffemaskinen”' in films or (
        "QR-kod till filmen ”Så rengör vi kaffemaskinen”" in films
    )
    assert "Så rengör vi kaffemaskinen</strong> (4 minuter)" in films
    assert "Handledning i vardagen</strong> (6 minuter)" in films


def test_card_costs_one_query_for_the_films_however_many(client, member, method):
    other = MethodFactory(status=Status.PUBLISHED)
    with CaptureQueriesContext(connection) as without:
        client.get(f"/metoder/{other.slug}/kort/")
    with CaptureQueriesContext(connection) as with_films:
        client.get(f"/metoder/{method.slug}/kort/")
    assert len(with_films.captured_queries) == len(without.captured_queries)


def test_method_pdf_prints_the_films_with_their_addresses(client, method):
    response = client.get(f"/metoder/{method.slug}.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = flat(" ".join(pdf_text(response.content)[1]))
    assert "Filmer om metoden" in text
    assert "Så rengör vi kaffemaskinen (4 minuter)" in text
    assert "https://play.orebro.se/film/handledning" in text


def test_a_new_film_builds_a_new_pdf(client, member, method):
    first = client.get(f"/metoder/{method.slug}.pdf").content
    add_film(method, member, title="Tredje filmen", minutes=2, url="https://vimeo.com/42",
             embed_url="https://player.vimeo.com/video/42")  # fmt: skip
    second = client.get(f"/metoder/{method.slug}.pdf").content
    assert "Tredje filmen" not in flat(" ".join(pdf_text(first)[1]))
    assert "Tredje filmen (2 minuter)" in flat(" ".join(pdf_text(second)[1]))
