"""Trainer profiles: the directory, a profile, applying, the trainer's own edits, the contact
form and the editors' review. Every access question goes to trainers.permissions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.csp import allow_frames
from core.error_summary import ErrorLink
from core.forms import redisplayed
from core.pagecache import cache_anonymous_page
from core.ratelimit import ratelimited
from core.review import ReviewError
from core.upload_limits import upload_limits
from material.forms import FilmForm
from material.pages import films_context
from material.views import films_page
from methods.models import CompetenceArea, Method
from methods.picker import finds_methods
from methods.sections import FRAME_SOURCES

from .. import permissions, services
from ..directory import TrainerFilter
from ..forms import RejectForm, TrainerContactForm, TrainerForm
from ..models import Trainer
from ..reports import trainer_reports

PAGE_SIZE = 20


def _posted(request: HttpRequest):
    """The submitted data of a POST (even an empty one, so that it is validated), else None."""
    return request.POST if request.method == "POST" else None


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("sida", "1")), 10_000))
    except ValueError:
        return 1


@require_safe
@cache_anonymous_page
def trainer_list(request: HttpRequest) -> HttpResponse:
    trainer_filter = TrainerFilter(request.GET)
    matching, facets = trainer_filter.run()
    # The matching ids in name order; a page of them is loaded with its areas.
    ordered = (
        list(
            Trainer.objects.filter(pk__in=matching)
            .order_by("name", "pk")
            .values_list("pk", flat=True)
        )
        if matching
        else []
    )
    paginator = Paginator(ordered, PAGE_SIZE)
    page = paginator.get_page(_page_number(request))
    trainers = (
        list(
            Trainer.objects.filter(pk__in=list(page.object_list))
            .prefetch_related(
                Prefetch("competence_areas", queryset=CompetenceArea.objects.order_by("name"))
            )
            .defer("description", "description_html", "contact_email", "review_message")
            .order_by("name", "pk")
        )
        if page.object_list
        else []
    )
    return render(
        request,
        "trainers/trainer_list.html",
        {
            "trainers": trainers,
            "total": paginator.count,
            "page": page,
            "facets": facets,
            "filter": trainer_filter,
            "active_filters": trainer_filter.active,
            "querystring": trainer_filter.querystring(),
            "can_apply": permissions.can_apply_as_trainer(request.user),
            "has_profile": permissions.has_trainer_profile(request.user),
        },
    )


def _visible_trainer(request: HttpRequest, slug: str) -> Trainer:
    trainer = get_object_or_404(Trainer.objects.select_related("user"), slug=slug)
    if not permissions.can_see_trainer(request.user, trainer):
        raise Http404
    return trainer


@require_safe
@cache_anonymous_page
def trainer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    trainer = _visible_trainer(request, slug)
    areas = list(trainer.competence_areas.order_by("name"))
    methods = list(
        Method.objects.published()
        .filter(trainers=trainer)
        .only("title", "slug", "summary")
        .order_by("title")
    )
    reports, report_stats = trainer_reports(trainer)
    films = films_context(request, trainer)
    response = render(
        request,
        "trainers/trainer_detail.html",
        {
            "trainer": trainer,
            "areas": areas,
            "methods": methods,
            "reports": reports,
            "report_stats": report_stats,
            **films,
        },
    )
    # The players of its films from other sites may be framed on this page, and on no other.
    return allow_frames(response, films[FRAME_SOURCES])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@upload_limits(**FilmForm.upload_limits)
def trainer_films(request: HttpRequest, slug: str) -> HttpResponse:
    """Adding and removing the films on a profile: material's films page for this owner."""
    return films_page(request, _visible_trainer(request, slug))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def trainer_apply(request: HttpRequest) -> HttpResponse:
    if permissions.has_trainer_profile(request.user):
        return redirect("trainers:mine")
    if not permissions.can_apply_as_trainer(request.user):
        raise PermissionDenied
    initial = {"contact_email": request.user.email}
    if finds_methods(request):
        return _form_page(request, redisplayed(TrainerForm, request.POST, initial=initial))
    form = TrainerForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        trainer = form.save(commit=False)
        services.apply_as_trainer(
            request.user,
            trainer,
            areas=form.cleaned_data["competence_areas"],
            methods=form.cleaned_data["methods"],
        )
        messages.success(
            request,
            _("Tack! Redaktionen läser din anmälan. Du får ett mejl när den är granskad."),
        )
        return redirect("trainers:mine")
    return _form_page(request, form)


@require_safe
@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    """The signed-in trainer's own profile (or the way to apply)."""
    trainer = Trainer.objects.filter(user=request.user).first()
    if trainer is None:
        return redirect("trainers:apply")
    return redirect(trainer.get_absolute_url())


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def trainer_edit(request: HttpRequest, slug: str) -> HttpResponse:
    trainer = _visible_trainer(request, slug)
    if not permissions.can_edit_trainer(request.user, trainer):
        raise PermissionDenied
    if finds_methods(request):
        return _form_page(
            request, redisplayed(TrainerForm, request.POST, instance=trainer), trainer
        )
    form = TrainerForm(_posted(request), instance=trainer)
    if request.method == "POST" and form.is_valid():
        services.update_trainer(
            form.save(commit=False),
            request.user,
            areas=form.cleaned_data["competence_areas"],
            methods=form.cleaned_data["methods"],
        )
        messages.success(request, _("Profilen är sparad."))
        return redirect(trainer.get_absolute_url())
    return _form_page(request, form, trainer)


def _form_page(request: HttpRequest, form: TrainerForm, trainer: Trainer | None = None):
    """The application (no trainer yet) or the edit page; 400 when a submission was refused."""
    return render(
        request,
        "trainers/trainer_form.html",
        {"form": form, "trainer": trainer, "applying": trainer is None},
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def trainer_resubmit(request: HttpRequest, slug: str) -> HttpResponse:
    trainer = _visible_trainer(request, slug)
    if not permissions.can_edit_trainer(request.user, trainer):
        raise PermissionDenied
    try:
        services.resubmit_trainer(trainer, request.user)
    except ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Profilen är skickad till redaktionen igen."))
    return redirect(trainer.get_absolute_url())


def _is_post(request: HttpRequest) -> bool:
    return request.method == "POST"


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@ratelimited(
    "trainer-contact",
    "RATELIMIT_TRAINER_CONTACT",
    "RATELIMIT_TRAINER_CONTACT_PERIOD",
    key="user",
    when=_is_post,
)
def trainer_contact(request: HttpRequest, slug: str) -> HttpResponse:
    trainer = _visible_trainer(request, slug)
    if not permissions.can_contact_trainer(request.user, trainer):
        raise PermissionDenied
    form = TrainerContactForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.send_contact_message(
            trainer,
            request.user,
            subject=form.cleaned_data["subject"],
            message=form.cleaned_data["message"],
        )
        messages.success(
            request,
            _("Meddelandet är skickat. %(name)s svarar till din e-postadress.")
            % {"name": trainer.name},
        )
        return redirect(trainer.get_absolute_url())
    return render(
        request,
        "trainers/trainer_contact.html",
        {"form": form, "trainer": trainer},
        status=400 if form.is_bound else 200,
    )


# The editors' review


def _require_reviewer(request: HttpRequest) -> None:
    if not permissions.can_review_trainers(request.user):
        raise PermissionDenied


@require_safe
@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _require_reviewer(request)
    waiting = list(
        Trainer.objects.awaiting_review()
        .select_related("user")
        .only("name", "slug", "summary", "kind", "created_at", "user__email", "user__display_name")
        .order_by("created_at", "pk")[:200]
    )
    return render(request, "trainers/review_queue.html", {"waiting": waiting})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def review(request: HttpRequest, slug: str) -> HttpResponse:
    _require_reviewer(request)
    trainer = get_object_or_404(Trainer.objects.select_related("user"), slug=slug)
    action = request.POST.get("action") if request.method == "POST" else None
    reject_form = RejectForm(request.POST if action == "reject" else None)
    page_errors = []
    try:
        if action == "approve":
            services.approve_trainer(trainer, request.user)
            messages.success(
                request, _("%(name)s är godkänd och syns i katalogen.") % {"name": trainer.name}
            )
            return redirect("trainers:review_queue")
        if action == "archive":
            services.archive_trainer(trainer, request.user)
            messages.success(request, _("Profilen är arkiverad."))
            return redirect("trainers:review_queue")
        if action == "reject" and reject_form.is_valid():
            services.reject_trainer(trainer, request.user, reject_form.cleaned_data["message"])
            messages.success(request, _("Anmälan är avslagen. Utbildaren har fått ett mejl."))
            return redirect("trainers:review_queue")
    except ReviewError as error:
        page_errors = [ErrorLink(str(error), "review-actions")]
    if request.method == "POST" and not page_errors and not reject_form.errors:
        page_errors = [ErrorLink(_("Välj ett beslut."), "review-actions")]
    areas = list(trainer.competence_areas.order_by("name"))
    methods = list(trainer.methods.only("title", "slug").order_by("title"))
    return render(
        request,
        "trainers/review.html",
        {
            "trainer": trainer,
            "areas": areas,
            "methods": methods,
            "reject_form": reject_form,
            "page_errors": page_errors,
            "actions": services.TRAINER_REVIEW.available(request.user, trainer),
        },
        status=400 if request.method == "POST" else 200,
    )
