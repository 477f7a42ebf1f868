"""The guide "För dig som utbildar i ett ASF": an overview and one page per phase, cached for
anonymous readers like the phase guides; editors change a page with the form here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.pagecache import cache_anonymous_page
from methods.models import Phase

from ..forms import TrainerGuideForm
from ..models import TrainerGuidePage
from ..permissions import can_edit_trainer_guide


def _posted(request: HttpRequest):
    """The submitted data of a POST (even an empty one, so that it is validated), else None."""
    return request.POST if request.method == "POST" else None


def _pages() -> list[TrainerGuidePage]:
    return list(TrainerGuidePage.objects.select_related("phase").order_by("phase__number"))


@require_safe
@cache_anonymous_page
def guide_overview(request: HttpRequest) -> HttpResponse:
    return render(request, "trainers/guide_overview.html", {"pages": _pages()})


def _page_and_neighbours(slug: str) -> tuple[TrainerGuidePage, list[TrainerGuidePage], int]:
    pages = _pages()
    index = next((i for i, p in enumerate(pages) if p.phase.slug == slug), None)
    if index is None:
        raise Http404
    return pages[index], pages, index


@require_safe
@cache_anonymous_page
def guide_phase(request: HttpRequest, slug: str) -> HttpResponse:
    page, pages, index = _page_and_neighbours(slug)
    return render(
        request,
        "trainers/guide_phase.html",
        {
            "page": page,
            "pages": pages,
            "previous_page": pages[index - 1] if index > 0 else None,
            "next_page": pages[index + 1] if index + 1 < len(pages) else None,
            "easy_read": request.GET.get("lattlast") == "1",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def guide_edit(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_edit_trainer_guide(request.user):
        raise PermissionDenied
    phase = Phase.objects.filter(slug=slug).first()
    if phase is None:
        raise Http404
    page = TrainerGuidePage.objects.filter(phase=phase).first() or TrainerGuidePage(phase=phase)
    form = TrainerGuideForm(_posted(request), instance=page)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Guidesidan är sparad."))
        return redirect(page.get_absolute_url())
    return render(
        request,
        "trainers/guide_edit.html",
        {"form": form, "phase": phase},
        status=400 if form.is_bound else 200,
    )
