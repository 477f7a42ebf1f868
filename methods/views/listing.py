"""The handbook's lists: the start page, the phase guides and the method list with its
facets. Views stay thin: reads come from QuerySet methods."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.csp import allow_frames
from core.pagecache import cache_anonymous_page

from .. import keptpage, listindex, search, searchlog, sections
from ..filters import MethodFilter
from ..models import LIST_ROW_FIELDS, Method, Phase
from .feeds import list_feed
from .reading import search_limited

# The phase guide shows this many methods and links to the filtered list for the rest.
PHASE_PAGE_METHODS = 12

# Up to this many methods through the list's filters, the page query names them by id (from the
# list index) instead of filtering: at most this many rows to sort, against a walk of the
# order's index that finds a page within about 20 * handbook / FEW_METHODS rows otherwise.
FEW_METHODS = 1000


@require_safe
@cache_anonymous_page
def home(request: HttpRequest) -> HttpResponse:
    counts = listindex.counts()  # maintained per phase: no count over the handbook
    phases = list(Phase.objects.only("number", "slug", "name", "name_en", "summary"))
    for phase in phases:
        phase.method_count = counts.get(("fas", str(phase.pk)), 0)
    recent = Method.objects.published().with_list_data().recent()[:6]
    return render(
        request,
        "methods/home.html",
        {
            "phases": phases,
            "recent_methods": recent,
            "method_count": counts.get(listindex.ALL, 0),
        },
    )


@require_safe
@cache_anonymous_page
def phase_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # One query for the strip of all six; the page's phase is one of them.
    phases = list(Phase.objects.all())
    index = next((i for i, p in enumerate(phases) if p.slug == slug), None)
    if index is None:
        raise Http404
    phase = phases[index]
    # A guide page, not a list: the best-documented methods and a link to all of them,
    # counted by the list index. The methods by the order's index (method_list_reports_idx),
    # or by id where the phase has few (see FEW_METHODS).
    in_phase = listindex.bitmap(("fas", str(phase.pk)))
    methods = Method.objects.published()
    if in_phase.bit_count() <= FEW_METHODS:
        methods = methods.filter(pk__in=listindex.members(in_phase))
    else:
        methods = methods.for_phase(phase)
    methods = methods.with_list_data().order_by("-report_count", "title", "pk")
    section_context = sections.phase_section_context(request, phase)
    response = render(
        request,
        "methods/phase_detail.html",
        {
            "phase": phase,
            "checklist": list(phase.checklist_items.all()),
            "phases": phases,
            "previous_phase": phases[index - 1] if index > 0 else None,
            "next_phase": phases[index + 1] if index + 1 < len(phases) else None,
            "methods": methods[:PHASE_PAGE_METHODS],
            "method_total": in_phase.bit_count(),
            **section_context,
        },
    )
    return allow_frames(response, section_context.get(sections.FRAME_SOURCES, ()))


class _CountedPaginator(Paginator):
    """A paginator told its count (from the list index) instead of counting the queryset."""

    def __init__(self, object_list, per_page, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


def _indexed_page(methods, number, count: int) -> Page:
    """One page of an ordered queryset of methods whose count is known. The page's ids come
    from a subquery that walks the order's index (method_list_*_idx) without loading rows;
    only the page's own rows are loaded, with what a row shows.

    The walk skips every entry before the page, so its cost grows with the offset: a page past
    the middle is found walking from the other end (the order reversed, which each index reads
    backwards; every order ends with the id, so the reverse is exact). The last page then
    costs what the first does, and no page more than the middle one."""
    paginator = _CountedPaginator(methods, settings.METHODS_PER_PAGE, count)
    try:
        number = paginator.validate_number(number)
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages
    start = (number - 1) * paginator.per_page
    size = max(min(paginator.per_page, count - start), 0)
    after = count - start - size  # entries after the page
    if after < start:
        ids = methods.reverse().values("pk")[after : after + size]
    else:
        ids = methods.values("pk")[start : start + paginator.per_page]
    # Each row's card as kept (methods.keptpage); only rows without one load its relations.
    rows = keptpage.with_kept_cards(
        methods.model.objects.filter(pk__in=ids)
        .only(*LIST_ROW_FIELDS)
        .order_by(*methods.query.order_by)
    )
    return Page(keptpage.load_cards(list(rows)), number, paginator)


@require_safe
@cache_anonymous_page
@search_limited
def method_list(request: HttpRequest) -> HttpResponse:
    parsed = search.parse_query(request.GET.get("q"))
    method_filter = MethodFilter(request.GET, searching=bool(parsed))
    base = Method.objects.published()
    if parsed:
        base = search.search_methods(base, parsed)
        methods = method_filter.order(method_filter.apply(base).with_list_data(with_text=True))
        page = Paginator(methods, settings.METHODS_PER_PAGE).get_page(request.GET.get("sida"))
        facets = method_filter.facet_views(base, search_key=repr(parsed.groups))
        rows = [(m, search.highlight(m.summary + " " + m.body, parsed)) for m in page.object_list]
    else:
        # Counts from the list index, the page by the order's index from its nearer end: page
        # 1 and the last page cost the same, with 1,000 methods or 100,000.
        facets, total, shown = method_filter.indexed_counts()
        if shown is not None and total <= FEW_METHODS:
            # Few methods pass the filters: name them. Walking the order's index until a page
            # is filled would read most of the handbook for a rare combination.
            methods = base.filter(pk__in=listindex.members(shown))
        else:
            methods = method_filter.apply(base)
        page = _indexed_page(method_filter.order(methods), request.GET.get("sida"), total)
        rows = [(m, None) for m in page.object_list]
    feed_url, feed_title = list_feed(method_filter.selected, method_filter.choices)
    response = render(
        request,
        "methods/method_list.html",
        {
            "page": page,
            "rows": rows,
            "filter": method_filter,
            "facets": facets,
            "parsed": parsed,
            "query": parsed.text,
            "querystring_without_page": method_filter.querystring(
                q=parsed.text, sort=request.GET.get("sort", "")
            ),
            "feed_url": feed_url,
            "feed_title": feed_title,
        },
    )
    if parsed and not method_filter.selected:
        # The words alone found little: counted for the editors (methods.searchlog).
        return searchlog.count_if_thin(response, parsed.text, page.paginator.count)
    return response
