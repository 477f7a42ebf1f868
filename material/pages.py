"""The films on the pages methods owns (the method page and the phase guide) and their words in
the method search. Registered with methods.sections from MaterialConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.urls import reverse

from methods.models import Method, Phase
from methods.sections import FRAME_SOURCES

from .models import Film
from .permissions import can_add_film


def films_page_url(owner) -> str:
    """Where films are added to and removed from owner."""
    if isinstance(owner, Method):
        return reverse("material:method_films", args=[owner.slug])
    return reverse("material:phase_films", args=[owner.slug])


def films_context(request: HttpRequest, owner) -> dict:
    """One query: the films, and the player origins the page must allow as frame sources."""
    films = list(Film.objects.for_page(owner))
    may_add = can_add_film(request.user, owner)
    return {
        "films": films,
        "can_add_film": may_add,
        "films_page_url": films_page_url(owner) if may_add else "",
        FRAME_SOURCES: [film.frame_source for film in films if film.frame_source],
    }


def method_films_section(request: HttpRequest) -> Callable[[Method], dict]:
    return lambda method: films_context(request, method)


def phase_films_section(request: HttpRequest, phase: Phase) -> dict:
    return films_context(request, phase)


def search_text(method: Method) -> str:
    """The method's films as words to search: titles, caption text and transcripts."""
    rows = Film.objects.for_owner(method).values_list("title", "captions_text", "transcript")
    return " ".join(" ".join(row) for row in rows)
