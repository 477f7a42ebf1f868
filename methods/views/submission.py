"""Guided submission and editing of methods: a few short steps, each saving the draft."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.error_summary import ErrorLink
from core.readability import EASY_READ_MAX_LIX, lix, lix_label
from core.review import ReviewError

from .. import permissions, workflow
from ..choices import Role, Status
from ..models import Method, Phase
from ..wizard import STEP_SLUGS, STEPS, BasicsForm, build_form, conflict_rows, step_before


def editable_method(request: HttpRequest, slug: str) -> Method:
    """The method if this user may edit it now (a published one: the caller starts a working
    copy); 404 if they may not even see it."""
    method = get_object_or_404(Method.objects.visible_to(request.user), slug=slug)
    if not permissions.can_edit_method(request.user, method):
        raise PermissionDenied
    return method


@login_required
def method_new(request: HttpRequest) -> HttpResponse:
    # ?titel=: a title to start from (the editors' overview starts a method from a search
    # that found little); cut at the field's length, validated like any title when saved.
    title = request.GET.get("titel", "")[: Method._meta.get_field("title").max_length]
    form = BasicsForm(
        request.POST or None, instance=Method(), user=request.user, initial={"title": title}
    )
    if request.method == "POST" and form.is_valid():
        method = workflow.create_draft(request.user, form.save_to)
        messages.success(request, _("Utkastet är sparat. Bara du och redaktionen kan se det."))
        return redirect("methods:edit_step", method.slug, method.wizard_step)
    return render(
        request,
        "methods/submission/step.html",
        {"form": form, "step": STEPS[0], "steps": STEPS, "method": None},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def method_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Continue where the user left off. A published method needs a working copy first: GET
    continues one that exists or asks to start one, and only the POST of that page creates it
    (a GET never changes anything, so a link from another site cannot start a version)."""
    method = editable_method(request, slug)
    if method.status == Status.PUBLISHED and workflow.working_copy(method) is not None:
        method = workflow.working_copy(method)
    elif method.status == Status.PUBLISHED and request.method == "GET":
        return render(request, "methods/submission/new_version.html", {"method": method})
    elif method.status == Status.PUBLISHED:
        method = workflow.start_new_version(method, request.user)
        messages.info(
            request,
            _(
                "Du ändrar i en ny version. Den publicerade metoden syns som vanligt tills "
                "redaktionen har publicerat den nya versionen."
            ),  # fmt: skip
        )
    step = method.wizard_step if method.wizard_step in STEP_SLUGS else STEP_SLUGS[0]
    return redirect("methods:edit_step", method.slug, step)


@login_required
def method_edit_step(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    if step not in STEP_SLUGS:
        raise Http404
    method = editable_method(request, slug)
    if method.status == Status.PUBLISHED:
        return redirect("methods:edit", slug)
    if step == "granska":
        return _preview(request, method)
    form = build_form(step, method, request.POST or None, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            message = _("Sparade steget ”%(step)s”") % {"step": STEPS[STEP_SLUGS.index(step)].title}
            workflow.save_version(method, form.started_from, request.user, form.save_to, message)
        except workflow.ConflictError as error:
            conflict = {
                "message": str(error),
                "rows": conflict_rows(form, step, error.current, request.user),
            }
            # Saving again now means: I have merged by hand, use my text.
            form.data = form.data.copy()
            form.data["version"] = str(error.current.version)
        else:
            if "spara" in request.POST:
                messages.success(request, _("Sparat. Du kan fortsätta när du vill."))
                return redirect("accounts:profile")
            return redirect("methods:edit_step", method.slug, method.wizard_step)
    index = STEP_SLUGS.index(step)
    return render(
        request,
        "methods/submission/step.html",
        {
            "form": form,
            "step": STEPS[index],
            "steps": STEPS,
            "method": method,
            "previous": step_before(step),
            "conflict": conflict,
            "lix_max": EASY_READ_MAX_LIX,
            "summary_lix": lix(method.summary),
            "easy_read_lix": lix(method.easy_read),
            "roles": Role.choices,
        },
        # Bad input gets a 400 and the form back with everything typed; a conflict a 409.
        status=409 if conflict else 400 if form.is_bound else 200,
    )


def _preview(
    request: HttpRequest, method: Method, *, refusal: str = "", status: int = 200
) -> HttpResponse:
    """The last step: the whole method as readers will see it, and the button to submit it.
    `refusal` is why submitting did not work, shown in the error summary."""
    method = Method.objects.prefetch_related(
        "phases", "competence_areas", "business_lines", "target_roles", "steps__phase"
    ).get(pk=method.pk)  # fmt: skip
    phases = list(Phase.objects.filter(methods=method).order_by("number"))
    summary_lix, easy_read_lix = lix(method.summary), lix(method.easy_read)
    return render(
        request,
        "methods/submission/preview.html",
        {
            "method": method,
            "step": STEPS[-1],
            "steps": STEPS,
            "previous": step_before("granska"),
            "matrix": method.role_phase_matrix(phases),
            "roles": Role.choices,
            "method_phases": phases,
            "findings": workflow.personal_data_findings(method),
            "summary_lix": summary_lix,
            "summary_lix_label": lix_label(summary_lix),
            "easy_read_lix": easy_read_lix,
            "easy_read_lix_label": lix_label(easy_read_lix),
            "lix_max": EASY_READ_MAX_LIX,
            "can_submit": permissions.can_submit_method(request.user, method),
            "page_errors": [ErrorLink(refusal, "skicka-in")] if refusal else [],
        },
        status=status,
    )


@login_required
@require_POST
def method_submit(request: HttpRequest, slug: str) -> HttpResponse:
    method = editable_method(request, slug)
    try:
        workflow.submit(
            method, request.user, confirm_personal_data=bool(request.POST.get("bekrafta"))
        )
    except ReviewError as error:
        if method.status == Status.PUBLISHED:
            messages.error(request, str(error))
            return redirect("methods:edit_step", method.slug, "granska")
        return _preview(request, method, refusal=str(error), status=400)
    messages.success(
        request,
        _("Tack! Metoden är inskickad. Redaktionen läser den och hör av sig via e-post."),
    )
    return redirect(reverse("methods:detail", args=[method.slug]))
