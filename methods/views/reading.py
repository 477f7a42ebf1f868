"""Reading pages of the handbook. Views stay thin: reads come from QuerySet methods."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from core.compiled import KEY_MARKER, CompiledQuery
from core.csp import allow_frames
from core.models import SiteVersion
from core.pagecache import cache_anonymous_page
from core.ratelimit import ratelimited
from core.rendering import render_markdown

from .. import keptpage, permissions, printing, sections, suggestions
from ..forms import CommentForm
from ..models import Comment, Method, MethodStep, Phase, Revision


def _is_search(request: HttpRequest) -> bool:
    return bool(request.GET.get("q", "").strip())


# Full-text search is the most expensive read: limited per IP address, shared by the search
# pages. The limit bounds the searching: a search the page cache answers runs none and is not
# counted (the decorator goes inside @cache_anonymous_page).
search_limited = ratelimited(
    "search",
    "RATELIMIT_SEARCH",
    "RATELIMIT_SEARCH_PERIOD",
    key="ip",
    when=_is_search,
    counts_cached_hits=False,
)


@require_safe
@cache_anonymous_page
def method_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Other apps' parts of the page (companies: the experience reports) start before the
    # method is loaded: they may settle, in the same query, whether the user is an editor.
    started = sections.start_sections(request)
    method = _visible_method(request, slug, page=True)
    if permissions.shows_archived_notice(request.user, method):
        return _archived_notice(request, method)
    # The parts from the method alone come rendered with it (methods.keptpage) when it is
    # published and kept; otherwise its phases, steps and vocabularies are loaded to render them.
    kept = keptpage.parts_for(method)
    if kept is None:
        keptpage.load_live_text(method)
        prefetch_related_objects([method], *keptpage.page_related())
        parts = keptpage.parts_context(method)
    else:
        parts = {"method": method}
    has_easy_read = bool(kept["easy_read"] if kept else method.easy_read_html)
    easy_read = request.GET.get("version") == "lattlast" and has_easy_read
    # The kept lists are a few rows by index. A method not yet kept is ranked now, the
    # heaviest query of the page: that answer is cached for the site version.
    if method.suggestions_kept:
        similar, same_line = suggestions.lists_for(method)
    else:
        similar, same_line = SiteVersion.objects.cached(
            f"related:{method.pk}", lambda: suggestions.lists_for(method)
        )
    section_context = sections.section_context(started, method)
    response = render(
        request,
        "methods/method_detail.html",
        {
            **parts,
            "kept": kept,
            **section_context,
            "easy_read": easy_read,
            "can_edit": permissions.can_edit_method(request.user, method),
            "similar_methods": similar,
            "same_line_methods": same_line,
            "comments": (
                list(
                    method.comments.shown_to(request.user)
                    .select_related("author")
                    .order_by("created_at", "pk")
                )
                if method.has_comments
                else []
            ),
            "comment_field": (
                _blank_comment_field(get_language())
                if permissions.can_comment(request.user, method)
                else None
            ),
        },
    )
    # Films from other sites (material) may be framed on this page, and on no other.
    return allow_frames(response, section_context.get(sections.FRAME_SOURCES, ()))


@lru_cache(maxsize=len(settings.LANGUAGES))
def _blank_comment_field(language: str) -> str:
    """The method page's comment box (label, help text and text area). The form there is always
    blank (a comment with errors comes back on a page of its own: views.comments), so its
    markup is the same for every reader in a language: rendered once per process and language
    rather than through the form renderer's templates on every signed-in method page (a
    millisecond, a tenth of the page)."""
    return render_to_string("includes/form_field.html", {"field": CommentForm()["body"]})


def _visible_method(
    request: HttpRequest, slug: str, page: bool = False, card: bool = False
) -> Method:
    """The method with everything its page and PDF show, or 404 if its address does not
    answer this user. The caller shows the archived notice instead where the permissions say
    so (shows_archived_notice): an archived method's address still answers everyone.

    page: the method page's query, which loads what the page's parts need with the method
    (its kept parts and suggestion lists, the sections' annotations, its long texts only when
    the parts are not kept) and leaves the caller to load its phases, steps and vocabularies
    then.
    card: only what the printed card shows (phases and steps; no areas, lines or roles)."""
    if page:
        query = _method_page_query(
            get_language(), keptpage.stamp(), permissions.reader_form(request.user)
        )
        found = query.fetch(slug=slug, reader=request.user.pk)
        if not found:
            raise Http404
        return found[0]
    queryset = (
        Method.objects.defer("search_text", "search_vector")
        .select_related("author", "company", "external_trainer_phase", "replaced_by")
        .reachable_by(request.user)
    )
    related = [
        Prefetch("phases", queryset=Phase.objects.order_by("number")),
        Prefetch("steps", queryset=MethodStep.objects.select_related("phase")),
    ]
    if not card:
        related += ["competence_areas", "business_lines", "target_roles"]
    return get_object_or_404(queryset.prefetch_related(*related), slug=slug)


# The stand-in for the address in the method page's compiled query (the reader's: KEY_MARKER).
_SLUG_MARKER = "compiled-query-marker:slug"


@lru_cache(maxsize=3 * len(settings.LANGUAGES))
def _method_page_query(language: str, stamp: str, reader_form: str) -> CompiledQuery:
    """The method page's query, compiled once per language, kept-parts stamp (the parts it
    reads are those of the active language and this deploy's templates: methods.keptpage)
    and form of the reading rule (permissions.reader_form), and run with the address and
    the reader's pk: compiling it, with the kept parts' join and the sections' EXISTS, took
    as long as PostgreSQL takes to plan and run it (core.compiled). It joins only what every
    page shows: the method that replaces an archived one is loaded when one is shown.

    `has_comments`: whether the method has comments not deleted, whoever may see them (the
    query is the same for every reader): most have none, and their page then asks no more."""
    queryset = keptpage.with_kept_parts(
        sections.annotate(
            suggestions.with_kept_lists(
                Method.objects.defer(*keptpage.NOT_ON_THE_PAGE, *keptpage.LIVE_TEXT)
                .select_related("author", "company")
                .annotate(
                    has_comments=Exists(Comment.objects.alive().filter(method=OuterRef("pk")))
                )
            )
        )
    )
    return CompiledQuery(
        queryset.reachable_in_form(reader_form, KEY_MARKER).filter(slug=_SLUG_MARKER),
        {"slug": _SLUG_MARKER, "reader": KEY_MARKER},
        optional={"reader"},  # the rule for editors and signed-out readers has no reader
    )


def _archived_notice(request: HttpRequest, method: Method) -> HttpResponse:
    """What the address of an archived method shows readers (its page, card and PDF alike:
    printed cards and QR codes lead here): that it is archived, when, why and what replaces it.

    200 and not 410: the page is a real answer with text a workplace half-way through the
    method still needs, and the page cache keeps only 200s (a wall of QR codes is scanned
    often). Search engines leave it out: noindex in the page and in an X-Robots-Tag header.

    Below the notice, the text as readers last saw it published (never what editors wrote
    after archiving), marked as no longer maintained: whoever follows a printed card may be in
    the middle of using it, and needs the text as much as the pointer to what replaces it.
    """
    published = Revision.objects.last_published(method)
    text = published.snapshot if published else {}
    response = render(
        request,
        "methods/method_archived.html",
        {
            "method": method,
            "title": text.get("title") or method.title,
            "summary": text.get("summary", ""),
            "purpose": text.get("purpose", ""),
            "body_html": render_markdown(text.get("body", "")),
            "has_text": bool(text),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@cache_anonymous_page
def method_card(request: HttpRequest, slug: str) -> HttpResponse:
    """One printable A4 page: what a workplace without computers needs on the wall."""
    method = _visible_method(request, slug, card=True)
    if permissions.shows_archived_notice(request.user, method):
        return _archived_notice(request, method)
    page_url = settings.SITE_URL + method.get_absolute_url()
    return render(
        request,
        "methods/method_card.html",
        {
            **keptpage.parts_context(method),  # the phases and matrix, as on the page
            "page_url": page_url,
            "qr_svg": _card_qr(page_url, get_language()),
            # Other apps' printed parts (material: a QR code to each film).
            **sections.print_context(method),
        },
    )


@lru_cache(maxsize=1024)
def _card_qr(page_url: str, language: str) -> str:
    """The card's QR code (2 kB): a pure function of the address, and of the language of its
    label. Encoding it (segno's mask search) costs more than the rest of the card, so each
    process keeps the last thousand."""
    return printing.qr_svg(page_url)


@require_safe
def method_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The method's PDF: built once per version (in the background), then served from storage.
    Who may not see the method gets 404 (or, archived, the notice) before anything is built
    or served."""
    method = _visible_method(request, slug)
    if permissions.shows_archived_notice(request.user, method):
        return _archived_notice(request, method)
    try:
        data = printing.method_pdf(method)
    except printing.MethodTooLongToPrint:
        # Nothing the reader can change: the method's text is over the size a PDF is built for.
        response = render(
            request, "methods/method_pdf_too_long.html", {"method": method}, status=422
        )
        response["Cache-Control"] = "no-store"
        return response
    if data is None:
        response = render(
            request, "methods/method_pdf_pending.html", {"method": method}, status=202
        )
        response["Retry-After"] = "10"
        response["Cache-Control"] = "no-store"
        return response
    return _pdf_response(data, f"{method.slug}.pdf")


@require_safe
def handbook_pdf(request: HttpRequest) -> HttpResponse:
    """The whole published handbook; built once per content version (in the background), then
    served from storage. While it is being built the reader gets a page saying so."""
    data = printing.handbook_pdf()
    if data is None:
        # 202 Accepted: the request is fine and its answer is being made (a 5xx would be
        # logged as a server error each time a reader asks).
        response = render(request, "methods/handbook_pending.html", status=202)
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
    return _pdf_response(data, "kompetenshandboken.pdf")


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@cache_anonymous_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")
