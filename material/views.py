"""The films' pages: adding and removing films on a method or a phase guide, and serving an
uploaded film and its captions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.paging import bounded
from core.upload_limits import upload_limits
from methods.models import Method, Phase
from methods.permissions import can_see_method

from . import services
from .forms import AttachmentForm, FilmForm, LinkForm
from .models import ATTACHMENT_FORMATS, Film, FilmKind, MaterialLink
from .pages import films_page_url, owner_parent
from .permissions import (
    can_add_film,
    can_add_link,
    can_remove_film,
    can_remove_films,
    can_remove_link,
    can_see_dead_links,
    can_see_film,
)
from .serving import stored_file_response


def films_page(request: HttpRequest, owner) -> HttpResponse:
    """The films page of any owner (adding and removing its films); a registered owner kind's
    app (material.owners) routes its own films page here. Whoever may only remove its films
    (an editor on a trainer's profile) sees the list without the form."""
    may_add = can_add_film(request.user, owner)
    if not (may_add or can_remove_films(request.user, owner)):
        raise PermissionDenied
    if request.method == "POST" and not may_add:
        raise PermissionDenied
    if request.method == "POST":
        form = FilmForm(request.POST, request.FILES)
        if form.is_valid():
            film = services.add_film(owner, request.user, **form.film_fields())
            messages.success(request, _("Filmen ”%(title)s” är tillagd.") % {"title": film.title})
            return redirect(films_page_url(owner))
    else:
        form = FilmForm()
    return render(
        request,
        "material/films.html",
        {
            "owner": owner,
            "owner_parent": owner_parent(owner),
            "films": list(Film.objects.for_page(owner)),
            "form": form if may_add else None,
        },
        # Bad input answers 400 with the form, what was typed and the error summary.
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@upload_limits(**FilmForm.upload_limits)
def method_films(request: HttpRequest, slug: str) -> HttpResponse:
    method = get_object_or_404(Method.objects.visible_to(request.user), slug=slug)
    return films_page(request, method)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@upload_limits(**FilmForm.upload_limits)
def phase_films(request: HttpRequest, slug: str) -> HttpResponse:
    return films_page(request, get_object_or_404(Phase, slug=slug))


@login_required
@require_POST
def film_remove(request: HttpRequest, pk: int) -> HttpResponse:
    film = get_object_or_404(Film, pk=pk)
    if not can_see_film(request.user, film):
        raise Http404
    if not can_remove_film(request.user, film):
        raise PermissionDenied
    owner = film.owner
    services.remove_film(film, request.user)
    messages.success(request, _("Filmen ”%(title)s” är borttagen.") % {"title": film.title})
    return redirect(films_page_url(owner))


def _seen_film(request: HttpRequest, pk: int, **filters) -> Film:
    film = get_object_or_404(Film, pk=pk, **filters)
    if not can_see_film(request.user, film):
        raise Http404
    return film


@require_safe
def film_video(request: HttpRequest, pk: int) -> HttpResponse:
    film = _seen_film(request, pk, kind=FilmKind.UPLOAD)
    return stored_file_response(request, film.file.name, film.content_type)


@require_safe
def film_captions(request: HttpRequest, pk: int) -> HttpResponse:
    film = _seen_film(request, pk)
    if not film.captions:
        raise Http404
    response = HttpResponse(film.captions, content_type="text/vtt; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def method_links(request: HttpRequest, slug: str) -> HttpResponse:
    method = get_object_or_404(Method.objects.visible_to(request.user), slug=slug)
    if not can_add_link(request.user, method):
        raise PermissionDenied
    if request.method == "POST":
        form = LinkForm(request.POST)
        if form.is_valid():
            link = services.add_link(method, request.user, **form.cleaned_data)
            messages.success(request, _("Länken ”%(title)s” är tillagd.") % {"title": link.title})
            return redirect("material:method_links", slug=method.slug)
    else:
        form = LinkForm()
    return render(
        request,
        "material/links.html",
        {
            "owner": method,
            "links": list(MaterialLink.objects.for_owner(method).links()),
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def link_remove(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(MaterialLink, pk=pk)
    owner = link.owner
    if not can_see_method(request.user, owner):
        raise Http404
    if not can_remove_link(request.user, link):
        raise PermissionDenied
    services.remove_link(link, request.user)
    if link.is_file:
        messages.success(request, _("Filen ”%(title)s” är borttagen.") % {"title": link.title})
        return redirect("material:method_attachments", slug=owner.slug)
    messages.success(request, _("Länken ”%(title)s” är borttagen.") % {"title": link.title})
    return redirect("material:method_links", slug=owner.slug)


@login_required
@require_safe
def dead_links(request: HttpRequest) -> HttpResponse:
    """The editors' list of links the nightly check found dead, oldest first, a page at a time."""
    if not can_see_dead_links(request.user):
        raise PermissionDenied
    dead = bounded(
        MaterialLink.objects.dead().select_related("owner_type").order_by("dead_since", "pk"),
        request.GET,
        "doda",
    )
    method_ids = [link.owner_id for link in dead.rows if link.owner_type.model == "method"]
    methods = Method.objects.in_bulk(method_ids)
    for link in dead.rows:
        link.owner_method = methods.get(link.owner_id)
    return render(request, "material/dead_links.html", {"dead": dead})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@upload_limits(**AttachmentForm.upload_limits)
def method_attachments(request: HttpRequest, slug: str) -> HttpResponse:
    method = get_object_or_404(Method.objects.visible_to(request.user), slug=slug)
    if not can_add_link(request.user, method):
        raise PermissionDenied
    if request.method == "POST":
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            link = services.add_attachment(
                method, request.user, kind=data["kind"], title=data["title"],
                description=data["description"], upload=data["file"],
                content_type=data["content_type"],
            )  # fmt: skip
            messages.success(request, _("Filen ”%(title)s” är bifogad.") % {"title": link.title})
            return redirect("material:method_attachments", slug=method.slug)
    else:
        form = AttachmentForm()
    attachments = [link for link in MaterialLink.objects.for_owner(method) if link.is_file]
    return render(
        request,
        "material/attachments.html",
        {"owner": method, "attachments": attachments, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_safe
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """An attached file, as a download (never shown as a page of this site)."""
    link = get_object_or_404(MaterialLink.objects.exclude(file=""), pk=pk)
    if not can_see_method(request.user, link.owner):
        raise Http404
    extension = ATTACHMENT_FORMATS[link.content_type][0]
    response = FileResponse(
        default_storage.open(link.file.name, "rb"),
        content_type=link.content_type,
        as_attachment=True,
        filename=f"{slugify(link.title) or 'bilaga'}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
