"""Parts of the method page that other apps add: methods never imports them (companies adds the
experience reports from its AppConfig.ready()).

A section is called with the request before the method is loaded, so that it can settle what
it needs to know about the user in the query that also answers whether the user is an editor
(which loading the method asks next); it returns a function from the method to the context it
adds to the page. The template shows the section's part when its context is there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import Expression, QuerySet
    from django.http import HttpRequest

    from .models import Method, Phase

MethodPageSection = Callable[["HttpRequest"], Callable[["Method"], dict]]

_sections: list[MethodPageSection] = []


def add_method_page_section(section: MethodPageSection) -> None:
    """Register a section once (AppConfig.ready() may run more than once in tests)."""
    if section not in _sections:
        _sections.append(section)


def start_sections(request: HttpRequest) -> list[Callable[[Method], dict]]:
    """Each registered section's first step, in registration order."""
    return [section(request) for section in _sections]


def section_context(started: list[Callable[[Method], dict]], method: Method) -> dict:
    """The context every section adds for this method."""
    context: dict = {}
    for finish in started:
        context.update(finish(method))
    return context


# --- What a section asks in the query that loads the method ----------------------------------
# Most methods have no films, links or trainers. A section names an expression (an Exists over
# its own table, correlated to the method's pk) that the method page adds to the query loading
# the method; the section then queries its rows only for a method that has some. A method page
# pays one indexed subquery per section instead of one more round trip each.

MethodAnnotation = Callable[[], "Expression"]

_annotations: dict[str, MethodAnnotation] = {}


def add_method_annotation(name: str, expression: MethodAnnotation) -> None:
    """Register `name` (an attribute of the loaded method) as expression() in its query."""
    _annotations[name] = expression


def annotate(queryset: QuerySet) -> QuerySet:
    """The method page's query with every section's annotation."""
    if not _annotations:
        return queryset
    return queryset.annotate(**{name: make() for name, make in _annotations.items()})


def has(method: Method, name: str) -> bool:
    """What the annotation found; True when the method was loaded without it (another page,
    a test), so the section then asks its table as before."""
    return getattr(method, name, True)


# --- The phase guide's parts from other apps (material: the films on a guide) ---------------

PhasePageSection = Callable[["HttpRequest", "Phase"], dict]

_phase_sections: list[PhasePageSection] = []


def add_phase_page_section(section: PhasePageSection) -> None:
    if section not in _phase_sections:
        _phase_sections.append(section)


def phase_section_context(request: HttpRequest, phase: Phase) -> dict:
    context: dict = {}
    for section in _phase_sections:
        context.update(section(request, phase))
    return context


# --- Words other apps add to a method's search text (material: film captions, transcripts) --

SearchTextSource = Callable[["Method"], str]

_search_sources: list[SearchTextSource] = []


def add_search_text_source(source: SearchTextSource) -> None:
    if source not in _search_sources:
        _search_sources.append(source)


def extra_search_text(method: Method) -> str:
    """What the registered sources add to the method's searchable text (its lowest weight)."""
    return " ".join(source(method) for source in _search_sources)


# A page whose sections show content from other sites (a film player) names the origins it
# may frame in this context key; the view passes them to core.csp.allow_frames.
FRAME_SOURCES = "frame_sources"


# --- What other apps print with a method (material: a QR code to each film) -----------------

PrintSection = Callable[["Method"], dict]

_print_sections: list[PrintSection] = []


def add_print_section(section: PrintSection) -> None:
    if section not in _print_sections:
        _print_sections.append(section)


def print_context(method: Method) -> dict:
    """The context the printed card and the method's PDF add from other apps."""
    context: dict = {}
    for section in _print_sections:
        context.update(section(method))
    return context
