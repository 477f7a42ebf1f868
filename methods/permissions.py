"""Who may do what in the handbook: the one place where the methods app decides access.

Every view, queryset, template and admin class of the handbook asks here; none re-decides. Each
question is one function, and the queryset form of a rule (visible_methods_q) sits next to its
object form (can_see_method) so the two cannot drift (tests/methods/test_permissions_module.py
checks they agree for every role and state).

This module imports only the vocabulary (choices) so that models.py can use it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from .choices import CommentState, Status

# Authors may change their own method in these states; a published one through a working copy.
AUTHOR_EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED)
# The states of a method still being written: it can be submitted, and its author may delete
# it while it was never published.
DRAFT_STATES = (Status.DRAFT, Status.CHANGES_REQUESTED)


# Who the user is


def is_editor(user) -> bool:
    """Editors (the Redaktörer group) and superusers: the review queue, moderation, any method."""
    return bool(user.is_authenticated and user.is_editor)


def editor_required(view: Callable) -> Callable:
    """Signed-out visitors go to the login page; signed-in users who are not editors get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def can_use_admin(user) -> bool:
    """Django admin is for staff; the site links to it only for them."""
    return bool(user.is_authenticated and user.is_staff)


def _is_author(user, method) -> bool:
    return bool(user.is_authenticated and method.author_id == user.pk)


# Methods


# The forms the reading rules take, by who reads. A query compiled once per process and form
# (the method page's, methods.views.reading) runs with the reader's pk as its only parameter
# about them, so everything the rules read about the user is decided here, in reader_form().
EVERY_METHOD = "every"  # editors: no filter
PUBLISHED_AND_OWN = "own"  # signed in: the published methods and their own
PUBLISHED_ONLY = "published"  # signed out


def reader_form(user) -> str:
    """Which form visible_methods_q and reachable_methods_q take for this user."""
    if is_editor(user):
        return EVERY_METHOD
    return PUBLISHED_AND_OWN if user.is_authenticated else PUBLISHED_ONLY


def visible_methods_q(user) -> Q | None:
    """The rows of Method (not in the recycle bin) this user may see, as a filter; None means
    all of them. Published methods for everyone, own methods for their author, all for editors.
    """
    return visible_methods_q_in_form(reader_form(user), user.pk)


def visible_methods_q_in_form(form: str, reader_pk) -> Q | None:
    """visible_methods_q for a reader of this form (reader_form) and primary key."""
    if form == EVERY_METHOD:
        return None
    published = Q(status=Status.PUBLISHED)
    return published | Q(author_id=reader_pk) if form == PUBLISHED_AND_OWN else published


def can_see_method(user, method) -> bool:
    """The object form of visible_methods_q."""
    if method.deleted_at is not None:
        return False
    return is_editor(user) or method.status == Status.PUBLISHED or _is_author(user, method)


def shows_archived_notice(user, method) -> bool:
    """An archived method keeps its address: whoever may not see the method itself (everyone
    but its author and the editors) gets the notice that it is archived, when, why and what
    replaces it, with the text as it was last published; never its later drafts."""
    return (
        method.deleted_at is None
        and method.status == Status.ARCHIVED
        and not can_see_method(user, method)
    )


def reachable_methods_q(user) -> Q | None:
    """The rows of Method (not in the recycle bin) whose address answers this user, as a
    filter; None means all of them: the methods they may see, and every archived one (its
    notice, see shows_archived_notice)."""
    return reachable_methods_q_in_form(reader_form(user), user.pk)


def reachable_methods_q_in_form(form: str, reader_pk) -> Q | None:
    """reachable_methods_q for a reader of this form (reader_form) and primary key."""
    visible = visible_methods_q_in_form(form, reader_pk)
    return None if visible is None else visible | Q(status=Status.ARCHIVED)


def can_reach_method(user, method) -> bool:
    """The object form of reachable_methods_q: the method's page or its archived notice."""
    return can_see_method(user, method) or shows_archived_notice(user, method)


def can_edit_method(user, method) -> bool:
    """Editors change any method; authors their drafts, and a published one via a new version."""
    if method.deleted_at is not None:
        return False
    return is_editor(user) or (_is_author(user, method) and method.status in AUTHOR_EDITABLE)


def can_submit_method(user, method) -> bool:
    """Send a draft (or one the editors sent back) to the review queue."""
    return can_edit_method(user, method) and method.status in DRAFT_STATES


def can_delete_method(user, method) -> bool:
    """Editors move anything to the recycle bin; authors only what was never published."""
    if is_editor(user):
        return True
    return (
        _is_author(user, method) and method.status in DRAFT_STATES and method.published_at is None
    )


def can_review_methods(user) -> bool:
    """The editors' desk: the review queue, decisions, the recycle bin and the audit log."""
    return is_editor(user)


def can_restore_revision(user, method) -> bool:
    return is_editor(user) and method.deleted_at is None


def can_change_method_company(user, method) -> bool:
    """Naming which company a method comes from is the author's choice (among their own
    companies); editors may correct it. Anyone else saving the form keeps the stored company."""
    return is_editor(user) or method.pk is None or _is_author(user, method)


# Revisions


def sees_every_revision(user, method) -> bool:
    """Authors and editors see drafts, working versions and text the personal-data guard
    stopped; everyone else only the versions that were published."""
    return is_editor(user) or _is_author(user, method)


def visible_revisions_q(user, method) -> Q | None:
    """The revisions of a method (which the user can see) that the user may see; None: all."""
    if sees_every_revision(user, method):
        return None
    return Q(snapshot__status=Status.PUBLISHED)


def can_see_revision(user, revision) -> bool:
    method = revision.method
    if not can_see_method(user, method):
        return False
    return sees_every_revision(user, method) or revision.snapshot.get("status") == Status.PUBLISHED


# Comments


def can_comment(user, method) -> bool:
    return bool(user.is_authenticated and method.is_published)


def comments_shown_q(user) -> Q:
    """What a method page lists: editors also see hidden comments (marked as hidden)."""
    if is_editor(user):
        return Q()
    return ~Q(state=CommentState.HIDDEN)


def can_see_comment(user, comment) -> bool:
    if comment.deleted_at is not None:
        return False
    if comment.state == CommentState.HIDDEN and not is_editor(user):
        return False
    return can_see_method(user, comment.method)


def can_edit_comment(user, comment) -> bool:
    """Only the writer changes the words; editors hide or delete instead."""
    return bool(user.is_authenticated and comment.author_id == user.pk)


def can_delete_comment(user, comment) -> bool:
    """The writer, or an editor."""
    return is_editor(user) or can_edit_comment(user, comment)


def can_report_comment(user, comment) -> bool:
    return user.is_authenticated and comment.author_id != user.pk


def can_moderate_comments(user) -> bool:
    return is_editor(user)
