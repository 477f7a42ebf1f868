"""The demo films: five, with Swedish captions made for the demo, loaded by seed_demo without
duplicates, on methods and a phase guide, and found by the method search."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from material.models import Film, FilmKind
from methods.models import Method, Phase

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_five_captioned_films_once():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    films = list(Film.objects.order_by("title"))
    assert len(films) == 5
    for film in films:
        assert film.kind == FilmKind.EXTERNAL
        assert film.url.startswith("https://play.orebro.se/film/")
        assert film.embed_url == film.url
        assert film.captions.startswith("WEBVTT\n\n")
        assert film.captions.count(" --> ") >= 5
        assert len(film.transcript) > 200
    owners = {film.title: film.owner for film in films}
    assert owners["Efterarbete: samtalet efter passet"] == Phase.objects.get(slug="efterarbete")
    assert owners["Visa, gör, öva i caféköket"] == Method.objects.get(slug="visa-gor-ova")


def test_demo_caption_words_are_searchable(client):
    call_command("seed_demo", stdout=io.StringIO())
    method = Method.objects.get(slug="sakerhetsrunda")
    assert "horselskydd" in method.search_text  # normalised: no diacritics
    page = client.get(method.get_absolute_url())
    assert "frame-src https://play.orebro.se" in page["Content-Security-Policy"]
    assert "Säkerhetsrundan i snickeriet" in page.content.decode()
