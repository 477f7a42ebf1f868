"""The editors' desk: review queue, review decisions, revision history and restore."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.error_summary import ErrorLink
from core.forms import redisplayed
from core.paging import bounded
from core.readability import EASY_READ_MAX_LIX, lix
from core.review import ReviewError

from .. import permissions, workflow
from ..choices import Role, Status
from ..diff import diff_snapshots
from ..forms import ArchiveForm
from ..models import Comment, Method, Phase, Revision
from ..permissions import editor_required
from ..picker import finds_methods
from ..services import snapshot

# What a row of the desk's lists shows; the rest of a method (its texts, its search columns)
# would be read for nothing.
DESK_FIELDS = (
    "title", "slug", "status", "submitted_at", "updated_at", "review_by", "editor_message",
    "author", "author__email", "author__display_name", "working_copy_of",
)  # fmt: skip


@editor_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The editors' desk. Each list shows one page (core.paging) with a link to the next, so
    the desk costs the same whether 10 or 1,000 methods are past their review date."""
    alive = Method.objects.alive().select_related("author").only(*DESK_FIELDS)
    params = request.GET
    return render(
        request,
        "methods/editorial/dashboard.html",
        {
            "queue": bounded(
                alive.filter(status=Status.SUBMITTED).order_by("submitted_at", "pk"),
                params,
                "granska",
            ),
            "waiting_for_authors": bounded(
                alive.filter(status=Status.CHANGES_REQUESTED).order_by("updated_at", "pk"),
                params,
                "vantar",
            ),
            "stale": bounded(
                alive.filter(status=Status.PUBLISHED, review_by__lt=timezone.localdate()).order_by(
                    "review_by", "pk"
                ),
                params,
                "ses-over",
            ),
            "reported_comments": bounded(
                Comment.objects.reported()
                .select_related("method")
                .only("body", "method", "method__title", "method__slug"),
                params,
                "anmalda",
            ),
        },
    )


def _review_context(method: Method, user, archive_form: ArchiveForm | None = None) -> dict:
    """The review page; archive_form when the archive form comes back (errors, a search)."""
    phases = list(Phase.objects.filter(methods=method).order_by("number"))
    current = snapshot(method)
    compared_with = method.working_copy_of
    return {
        "method": method,
        "matrix": method.role_phase_matrix(phases),
        "roles": Role.choices,
        "compared_with": compared_with,
        "diff": diff_snapshots(snapshot(compared_with), current) if compared_with else [],
        "easy_read_lix": lix(method.easy_read),
        "lix_max": EASY_READ_MAX_LIX,
        "findings": workflow.personal_data_findings(method),
        "transitions": workflow.METHOD_REVIEW.available(user, method),
        "archive_form": archive_form or ArchiveForm(method=method),
    }


@editor_required
def review(request: HttpRequest, slug: str) -> HttpResponse:
    method = get_object_or_404(
        Method.objects.alive()
        .select_related("author", "working_copy_of")
        .prefetch_related("steps__phase", "phases", "competence_areas", "business_lines"),
        slug=slug,
    )
    return render(request, "methods/editorial/review.html", _review_context(method, request.user))


def _decide(request: HttpRequest, slug: str, decision, name: str, target: str) -> HttpResponse:
    """Make the review decision `name`; one that cannot be made shows the review page again,
    the reason in its error summary linking to `target` (the id of the decision's form or
    field), or to the decisions when that one is no longer offered."""
    method = get_object_or_404(Method.objects.alive(), slug=slug)
    try:
        result = decision(method)
    except ReviewError as error:
        context = _review_context(method, request.user)
        context["message_text"] = request.POST.get("meddelande", "")
        target = target if name in context["transitions"] else "beslut"
        context["page_errors"] = [ErrorLink(str(error), target)]
        return render(request, "methods/editorial/review.html", context, status=400)
    return result


@editor_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    def decision(method):
        published = workflow.publish(
            method,
            request.user,
            override_easy_read=bool(request.POST.get("godkann_lix")),
            confirm_personal_data=bool(request.POST.get("bekrafta")),
        )
        messages.success(request, _("Metoden är publicerad."))
        return redirect(published.get_absolute_url())

    return _decide(request, slug, decision, "publish", "beslut-publicera")


@editor_required
@require_POST
def request_changes(request: HttpRequest, slug: str) -> HttpResponse:
    def decision(method):
        workflow.request_changes(method, request.user, request.POST.get("meddelande", ""))
        messages.success(request, _("Skribenten har fått ditt meddelande."))
        return redirect("methods:editorial")

    return _decide(request, slug, decision, "request_changes", "meddelande")


@editor_required
@require_POST
def archive(request: HttpRequest, slug: str) -> HttpResponse:
    if finds_methods(request, "replaced_by"):
        # The search for the method that replaces it: the review page again, as typed.
        method = get_object_or_404(Method.objects.alive(), slug=slug)
        form = redisplayed(ArchiveForm, request.POST, method=method)
        context = _review_context(method, request.user, archive_form=form)
        return render(request, "methods/editorial/review.html", context)

    def decision(method):
        form = ArchiveForm(request.POST, method=method)
        archivable = workflow.METHOD_REVIEW.may("archive", request.user, method)
        if form.is_valid() or not archivable:
            data = form.cleaned_data
            try:
                workflow.archive(
                    method, request.user, data.get("reason", ""), data.get("replaced_by")
                )
            except ReviewError as error:
                if not archivable:
                    raise  # not in a state to archive: the review page says why
                form.add_error(None, str(error))  # shown by the form, with what was typed
            else:
                messages.success(request, _("Metoden är arkiverad."))
                return redirect("methods:review", method.slug)
        # The form with its errors by the fields, and what was typed.
        context = _review_context(method, request.user, archive_form=form)
        return render(request, "methods/editorial/review.html", context, status=400)

    return _decide(request, slug, decision, "archive", "beslut-arkivera")


def history(request: HttpRequest, slug: str) -> HttpResponse:
    """The saved versions this visitor may see, and a readable difference between two of them.

    Readers see only versions that were published; a number they may not see (or that does not
    exist) answers 404 rather than falling back to another version, so no URL reveals a draft.
    """
    method = get_object_or_404(Method.objects.visible_to(request.user), slug=slug)
    revisions = list(
        Revision.objects.visible_to(request.user, method)
        .select_related("author")
        .order_by("-number")
    )
    by_number = {r.number: r for r in revisions}

    def chosen(name: str, default: Revision | None) -> Revision | None:
        if name not in request.GET:
            return default
        try:
            return by_number[int(request.GET[name])]
        except (ValueError, KeyError):
            raise Http404 from None

    newest = revisions[0] if revisions else None
    older = revisions[1] if len(revisions) > 1 else None
    new, old = chosen("till", newest), chosen("fran", older)
    diff = diff_snapshots(old.snapshot if old else None, new.snapshot) if new else []
    return render(
        request,
        "methods/editorial/history.html",
        {
            "method": method,
            "revisions": revisions,
            "old": old,
            "new": new,
            "diff": diff,
            "can_restore": permissions.can_restore_revision(request.user, method),
        },
    )


@editor_required
@require_POST
def restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    method = get_object_or_404(Method.objects.alive(), slug=slug)
    if not permissions.can_restore_revision(request.user, method):
        raise PermissionDenied
    revision = get_object_or_404(Revision.objects.visible_to(request.user, method), number=number)
    workflow.restore_revision(method, revision, request.user)
    messages.success(
        request,
        _("Version %(n)s är återställd som en ny version. Inget har skrivits över.")
        % {"n": number},
    )
    return redirect("methods:history", method.slug)
