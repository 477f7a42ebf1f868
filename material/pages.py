"""The films on the pages methods owns (the method page and the phase guide) and their words in
the method search. Registered with methods.sections from MaterialConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from methods.models import Method, Phase
from methods.printing import qr_svg
from methods.sections import FRAME_SOURCES, has

from .models import Film, MaterialLink
from .owners import owner_kind
from .permissions import can_add_film, can_remove_films


def films_page_url(owner) -> str:
    """Where films are added to and removed from owner."""
    if isinstance(owner, Method):
        return reverse("material:method_films", args=[owner.slug])
    if isinstance(owner, Phase):
        return reverse("material:phase_films", args=[owner.slug])
    return owner_kind(owner).films_url(owner)


def owner_parent(owner) -> tuple[str, str] | None:
    """The list page above owner in the films page's breadcrumbs: (label, url), or None."""
    if isinstance(owner, Method):
        return _("Metoder"), reverse("methods:list")
    if isinstance(owner, Phase):
        return None
    return owner_kind(owner).parent()


def has_films() -> Exists:
    """Whether the method has films, asked in the query that loads it (most have none):
    methods.sections.add_method_annotation."""
    return Exists(Film.objects.owned_by(Method, OuterRef("pk")))


def has_links() -> Exists:
    """Whether the method has links or attached files, likewise."""
    return Exists(MaterialLink.objects.owned_by(Method, OuterRef("pk")))


def films_context(request: HttpRequest, owner, present: bool = True) -> dict:
    """One query (none when the owner is known to have no film): the films, and the player
    origins the page must allow as frame sources."""
    films = list(Film.objects.for_page(owner)) if present else []
    may_add = can_add_film(request.user, owner)
    # Asked only when the owner has films: whoever may add films always removes them too.
    may_remove = may_add or bool(films and can_remove_films(request.user, owner))
    return {
        "films": films,
        "can_add_film": may_add,
        "can_remove_films": may_remove,
        "films_page_url": films_page_url(owner) if may_remove else "",
        FRAME_SOURCES: [film.frame_source for film in films if film.frame_source],
    }


def method_films_section(request: HttpRequest) -> Callable[[Method], dict]:
    def context(method: Method) -> dict:
        # A second query: the links to other material (methods only carry those). Each only
        # for a method that has some (the annotations in the query that loaded it).
        return {
            **films_context(request, method, present=has(method, "has_films")),
            "material_links": (
                list(MaterialLink.objects.for_owner(method)) if has(method, "has_links") else []
            ),
            "links_page_url": reverse("material:method_links", args=[method.slug]),
            "attachments_page_url": reverse("material:method_attachments", args=[method.slug]),
        }

    return context


def phase_films_section(request: HttpRequest, phase: Phase) -> dict:
    return films_context(request, phase)


@lru_cache(maxsize=1024)
def _film_qr(url: str, title: str, language: str) -> str:
    # Encoding a QR code costs more than the rest of a card: each process keeps the last
    # thousand (a pure function of the address and of the label's language).
    return qr_svg(
        url, label=_("QR-kod till filmen ”%(title)s”: %(url)s") % {"title": title, "url": url}
    )


def film_address(film: Film, owner, number: int) -> str:
    """Where a printed film's QR code leads: a film elsewhere to that film itself, an uploaded
    one to its place on its owner's page (with its captions and transcript): the page numbers
    its films in order (#film-1, #film-2), anchors that survive an export and import."""
    if film.url:
        return film.url
    return f"{settings.SITE_URL}{owner.get_absolute_url()}#film-{number}"


def printed_films(method: Method) -> dict:
    """The printed card and PDF: each film's title, length, address and QR code (one query)."""
    films = list(Film.objects.for_page(method).only("pk", "title", "minutes", "url", "kind"))
    rows = []
    for number, film in enumerate(films, start=1):
        address = film_address(film, method, number)
        rows.append((film, address, _film_qr(address, film.title, get_language())))
    return {"printed_films": rows}


def search_text(method: Method) -> str:
    """The method's films as words to search: titles, caption text and transcripts."""
    rows = Film.objects.for_owner(method).values_list("title", "captions_text", "transcript")
    return " ".join(" ".join(row) for row in rows)
