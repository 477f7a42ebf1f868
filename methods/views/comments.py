"""Comments on published methods: write, edit, delete, report, and the editors' moderation."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.audit import record
from core.models import AuditAction, SiteVersion
from core.notifications import notify

from .. import permissions, services
from ..choices import CommentState
from ..forms import CommentForm, CommentReportForm
from ..models import Comment, CommentReport, Method
from ..permissions import editor_required

RATE_WINDOW = timedelta(minutes=10)
# How many recently hidden comments the moderation page lists.
RECENTLY_HIDDEN = 50


def safe_next(request: HttpRequest, default: str) -> str:
    """The posted `next` address if it points into this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def comment_url(comment: Comment) -> str:
    return f"{comment.method.get_absolute_url()}#kommentar-{comment.pk}"


def _comment_for(request: HttpRequest, pk: int) -> Comment:
    """The comment if this user may see it (alive, not hidden unless editor, on a method the
    user can see), else 404."""
    comment = get_object_or_404(
        Comment.objects.alive().select_related("method", "author"),
        pk=pk,
    )
    if not permissions.can_see_comment(request.user, comment):
        raise Http404
    return comment


def _login_first(comment: Comment) -> HttpResponse:
    """For anonymous posts: log in, then come back to the comment on the method page."""
    return redirect_to_login(comment_url(comment))


# Writing


def _over_rate_limit(user) -> bool:
    """At most settings.COMMENT_RATE_LIMIT comments in ten minutes, counted in the database
    (deleted ones included, so deleting does not reset the count)."""
    since = timezone.now() - RATE_WINDOW
    return (
        Comment.objects.filter(author=user, created_at__gte=since).count()
        >= settings.COMMENT_RATE_LIMIT
    )


def _comment_page(
    request: HttpRequest, method: Method, form: CommentForm, *, comment=None, status=200
) -> HttpResponse:
    return render(
        request,
        "methods/comment_form.html",
        {"method": method, "form": form, "comment": comment},
        status=status,
    )


@require_POST
def comment_create(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("methods:detail", args=[slug]) + "#kommentarer")
    method = get_object_or_404(
        Method.objects.published()
        .select_related("author")
        .only("title", "slug", "status", "deleted_at", "author__email", "author__is_active"),
        slug=slug,
    )
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _comment_page(request, method, form, status=400)
    with transaction.atomic():
        # Lock the writer's row: concurrent posts by one user (on any app server) are counted
        # one after the other, so the limit holds.
        get_user_model().objects.select_for_update().filter(pk=request.user.pk).first()
        if _over_rate_limit(request.user):
            form.add_error(
                None,
                _(
                    "Du har skrivit många kommentarer på kort tid. Vänta några minuter och "
                    "skicka sedan igen. Din text finns kvar nedan."
                ),
            )
            response = _comment_page(request, method, form, status=429)
            response["Retry-After"] = str(int(RATE_WINDOW.total_seconds()))
            return response
        comment = form.save(commit=False)
        comment.method = method
        comment.author = request.user
        comment.save()
        if form.personal_data_confirmed:
            services.record_comment_personal_data_confirmed(comment, request.user)
        author = method.author
        if author is not None and author.pk != request.user.pk and author.is_active:
            notify(
                [author.email],
                "new_comment",
                {
                    "method": method,
                    "comment": comment,
                    "commenter": request.user.public_name,
                    "comment_url": settings.SITE_URL + comment_url(comment),
                },
            )
    messages.success(request, _("Tack! Din kommentar är publicerad."))
    return HttpResponseRedirect(comment_url(comment))


@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment_for(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_edit_comment(request.user, comment):
        raise PermissionDenied
    if request.method == "POST":
        form = CommentForm(request.POST, instance=comment)
        if form.is_valid():
            with transaction.atomic():
                form.save()
                if form.personal_data_confirmed:
                    services.record_comment_personal_data_confirmed(comment, request.user)
            messages.success(request, _("Din kommentar är ändrad."))
            return HttpResponseRedirect(comment_url(comment))
        return _comment_page(request, comment.method, form, comment=comment, status=400)
    return _comment_page(request, comment.method, CommentForm(instance=comment), comment=comment)


@require_POST
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment_for(request, pk)
    if not request.user.is_authenticated:
        return _login_first(comment)
    if not permissions.can_delete_comment(request.user, comment):
        raise PermissionDenied
    services.move_to_bin(comment, request.user)
    messages.success(request, _("Kommentaren är borttagen."))
    return redirect(safe_next(request, comment.method.get_absolute_url() + "#kommentarer"))


# Reporting and moderation


@require_http_methods(["GET", "POST"])
def comment_report(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment_for(request, pk)
    if not request.user.is_authenticated:
        if request.method == "GET":
            return redirect_to_login(request.get_full_path())
        return _login_first(comment)
    if not permissions.can_report_comment(request.user, comment):
        raise PermissionDenied
    already = CommentReport.objects.filter(comment=comment, reporter=request.user).exists()
    form = CommentReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not already:
        if not form.is_valid():
            return _report_page(request, comment, form, already, status=400)
        with transaction.atomic():
            CommentReport.objects.get_or_create(
                comment=comment,
                reporter=request.user,
                defaults={"reason": form.cleaned_data["reason"]},
            )
            Comment.objects.filter(pk=comment.pk, state=CommentState.VISIBLE).update(
                state=CommentState.REPORTED
            )
            SiteVersion.objects.bump()
        messages.success(
            request, _("Tack! Redaktionen tittar på kommentaren så snart som möjligt.")
        )
        return HttpResponseRedirect(comment_url(comment))
    if request.method == "POST":
        messages.info(request, _("Du har redan anmält den här kommentaren."))
        return HttpResponseRedirect(comment_url(comment))
    return _report_page(request, comment, form, already)


def _report_page(request, comment, form, already, status=200) -> HttpResponse:
    return render(
        request,
        "methods/comment_report.html",
        {"comment": comment, "method": comment.method, "form": form, "already": already},
        status=status,
    )


def _set_state(request: HttpRequest, pk: int, state: str) -> HttpResponse:
    comment = _comment_for(request, pk)
    if not request.user.is_authenticated:
        return _login_first(comment)
    if not permissions.can_moderate_comments(request.user):
        raise PermissionDenied
    with transaction.atomic():
        comment.state = state
        # Only the state and its time: the text and its rendering stay as they were.
        Comment.objects.filter(pk=comment.pk).update(state=state, updated_at=timezone.now())
        SiteVersion.objects.bump()
        if state == CommentState.HIDDEN:
            action = AuditAction.COMMENT_HIDDEN
            summary = gettext_noop("Dolde kommentar %(number)s av %(author)s på ”%(title)s”.")
            message = _("Kommentaren är dold. Bara redaktörer ser den nu.")
        else:
            action = AuditAction.COMMENT_SHOWN
            summary = gettext_noop("Visade kommentar %(number)s av %(author)s på ”%(title)s”.")
            message = _("Kommentaren visas för alla.")
        params = {
            "number": comment.pk,
            "author": services.comment_author_param(comment),
            "title": comment.method.title,
        }
        record(request.user, action, summary, params, target=comment, scope=comment.method)
    messages.success(request, message)
    return redirect(safe_next(request, comment_url(comment)))


@require_POST
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_state(request, pk, CommentState.HIDDEN)


@require_POST
def comment_show(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a hidden comment again, or clear a reported one after review."""
    return _set_state(request, pk, CommentState.VISIBLE)


@require_safe
@editor_required
def comment_moderation(request: HttpRequest) -> HttpResponse:
    """Reported comments first, with how many reported them and why; then recently hidden."""
    reports = Prefetch(
        "reports",
        queryset=CommentReport.objects.select_related("reporter").order_by("created_at"),
    )
    reported = (
        Comment.objects.reported().select_related("author", "method").prefetch_related(reports)
    )
    hidden = (
        Comment.objects.alive()
        .filter(state=CommentState.HIDDEN, method__deleted_at__isnull=True)
        .select_related("author", "method")
        .order_by("-updated_at", "-pk")[:RECENTLY_HIDDEN]
    )
    return render(
        request,
        "methods/comment_moderation.html",
        {"reported": list(reported), "hidden": list(hidden)},
    )
