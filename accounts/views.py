"""The user's own page: display name, companies and everything they have contributed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from companies import questions
from companies.models import ExperienceReport
from core.paging import bounded
from methods.models import Comment, Method
from methods.permissions import can_see_method

from . import services
from .forms import DeleteAccountForm, ProfileForm
from .personal_data import personal_data


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Ditt visningsnamn är sparat."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(instance=user)

    memberships = user.memberships.select_related("company").order_by("company__name")
    # Each list shows one page (core.paging): an author of a thousand methods gets the same
    # page, at the same cost, as an author of three.
    params = request.GET
    methods = bounded(
        Method.objects.filter(author=user)
        .alive()
        .select_related("working_copy_of")
        .only(
            "title",
            "slug",
            "status",
            "updated_at",
            "deleted_at",
            "author_id",
            "working_copy_of__title",
            "working_copy_of__slug",
        )  # fmt: skip
        .order_by("-updated_at", "-pk"),
        params,
        "metoder",
    )
    reports = bounded(
        ExperienceReport.objects.filter(author=user)
        .select_related("company", "method")
        .only(
            "title",
            "status",
            "updated_at",
            "company__name",
            "company__slug",
            "method__title",
            "method__slug",
            "method__status",
            "method__deleted_at",
            "method__author_id",
        )  # fmt: skip
        .order_by("-updated_at", "-pk"),
        params,
        "rapporter",
    )
    comments = bounded(
        Comment.objects.filter(author=user, deleted_at__isnull=True)
        .select_related("method")
        .only(
            "body",
            "state",
            "created_at",
            "method__title",
            "method__slug",
            "method__status",
            "method__deleted_at",
            "method__author_id",
        )  # fmt: skip
        .order_by("-created_at", "-pk"),
        params,
        "kommentarer",
    )
    # Questions and study-visit requests the user sent to other companies, with their answers.
    asked_questions = bounded(questions.asked_by(user), params, "fragor", size=10)
    for item in [*reports, *comments]:
        item.method_visible = can_see_method(user, item.method)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": memberships,
            "methods": methods,
            "reports": reports,
            "comments": comments,
            "asked_questions": asked_questions,
        },
    )


@login_required
@require_GET
@never_cache
def personal_data_download(request: HttpRequest) -> HttpResponse:
    """Everything the portal holds about the signed-in person, as a JSON file. Only one's own:
    the address takes no id."""
    response = JsonResponse(
        personal_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="kompetenshandboken-mina-uppgifter-{day}.json"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """What deleting the account means, and the password to confirm it."""
    user = request.user
    blocking = services.companies_needing_another_admin(user)
    form = DeleteAccountForm(request.POST or None, user=user)
    refusal = services.last_admin_message(blocking) if blocking else ""
    if request.method == "POST" and form.is_valid() and not blocking:
        try:
            services.delete_account(user)
        except services.AccountDeletionRefused as error:
            refusal = str(error)
        else:
            logout(request)
            messages.success(
                request,
                _("Ditt konto är raderat. Tack för att du har varit med och byggt handboken."),
            )
            return redirect("methods:home")
    return render(
        request,
        "accounts/delete.html",
        {
            "form": form,
            "refusal": refusal,
            "blocking": blocking,
            "summary": services.deletion_summary(user),
        },
        status=400 if request.method == "POST" else 200,
    )
