"""Deleting methods, the editors' recycle bin, and the audit log of a method."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.models import AuditAction, AuditEntry

from .. import permissions, services
from ..models import COMPACT_FIELDS, Comment, Method
from ..permissions import editor_required

# How many log entries the audit log page shows (newest first).
AUDIT_LOG_LIMIT = 500


@require_http_methods(["GET", "POST"])
def method_delete(request: HttpRequest, slug: str) -> HttpResponse:
    """A confirmation page on GET; POST moves the method to the recycle bin."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    method = get_object_or_404(
        Method.objects.visible_to(request.user).only(*COMPACT_FIELDS, "author", "published_at"),
        slug=slug,
    )
    if not permissions.can_delete_method(request.user, method):
        raise PermissionDenied
    if request.method == "POST":
        services.move_to_bin(method, request.user)
        if permissions.can_review_methods(request.user):
            messages.success(
                request,
                _("”%(title)s” ligger nu i papperskorgen. Där kan du återställa den.")
                % {"title": method.title},
            )
            return redirect("methods:recycle_bin")
        messages.success(request, _("”%(title)s” är borttagen.") % {"title": method.title})
        return redirect("methods:list")
    return render(
        request,
        "methods/method_delete.html",
        {"method": method, "days": settings.RECYCLE_BIN_DAYS},
    )


def _deletions(of_method: bool) -> Prefetch:
    """The newest DELETED entry of each object, for who deleted it and when. A method's
    audit_entries are those on its page, its comments' included; its own are those whose
    target is the method itself. A comment's audit_entries are those about the comment."""
    entries = AuditEntry.objects.filter(action=AuditAction.DELETED)
    if of_method:
        entries = entries.filter(target_type=F("scope_type"), target_id=F("scope_id"))
    return Prefetch(
        "audit_entries",
        queryset=entries.select_related("actor").order_by("-created_at", "-pk"),
        to_attr="deletions",
    )


@require_safe
@editor_required
def recycle_bin(request: HttpRequest) -> HttpResponse:
    methods = list(
        Method.objects.exclude(deleted_at=None)
        .only(*COMPACT_FIELDS)
        .prefetch_related(_deletions(of_method=True))
        .order_by("-deleted_at", "-pk")
    )
    comments = list(
        Comment.objects.exclude(deleted_at=None)
        .select_related("author", "method")
        .only(
            "body",
            "state",
            "created_at",
            "deleted_at",
            "author__display_name",
            "author__email",
            *(f"method__{name}" for name in COMPACT_FIELDS),
        )  # fmt: skip
        .prefetch_related(_deletions(of_method=False))
        .order_by("-deleted_at", "-pk")
    )
    keep = timedelta(days=settings.RECYCLE_BIN_DAYS)
    for obj in [*methods, *comments]:
        deletion = obj.deletions[0] if obj.deletions else None
        obj.deleted_by = deletion.actor if deletion else None
        obj.purge_after = obj.deleted_at + keep
    return render(
        request,
        "methods/recycle_bin.html",
        {"methods": methods, "comments": comments, "days": settings.RECYCLE_BIN_DAYS},
    )


@require_POST
@editor_required
def restore_method(request: HttpRequest, pk: int) -> HttpResponse:
    method = get_object_or_404(Method.objects.exclude(deleted_at=None), pk=pk)
    services.restore_from_bin(method, request.user)
    messages.success(request, _("”%(title)s” är återställd.") % {"title": method.title})
    return redirect("methods:recycle_bin")


@require_POST
@editor_required
def restore_comment(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(
        Comment.objects.exclude(deleted_at=None).select_related("author", "method"), pk=pk
    )
    services.restore_from_bin(comment, request.user)
    messages.success(
        request,
        _("Kommentaren på ”%(title)s” är återställd.") % {"title": comment.method.title},
    )
    return redirect("methods:recycle_bin")


@require_safe
@editor_required
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything that happened to one method, newest first; also for deleted methods."""
    method = get_object_or_404(Method.objects.only(*COMPACT_FIELDS), slug=slug)
    entries = list(method.audit_entries.select_related("actor")[:AUDIT_LOG_LIMIT])
    return render(
        request,
        "methods/audit_log.html",
        {"method": method, "entries": entries, "limit": AUDIT_LOG_LIMIT},
    )
