"""Deleting an account: what stays in the handbook and what goes with the person."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from companies.choices import MembershipRole
from companies.models import Company, ExperienceReport, Invitation, Membership, ReminderSent
from methods.choices import CommentState, Status
from methods.models import Comment, Method

from .models import User

# Methods that never reached the handbook: they go with their author.
UNPUBLISHED_METHOD_STATUSES = [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED]


class AccountDeletionRefused(ValueError):
    """The account cannot be deleted yet; the message says why and what to do."""


def companies_needing_another_admin(user: User, *, lock: bool = False) -> list[Company]:
    """The companies this user is the only administrator of."""
    admin_of = Membership.objects.filter(user=user, role=MembershipRole.ADMIN)
    if lock:
        # Lock every admin row of those companies, so two administrators deleting their
        # accounts at the same moment cannot leave a company without one.
        list(
            Membership.objects.select_for_update()
            .filter(company__in=admin_of.values("company"), role=MembershipRole.ADMIN)
            .values_list("pk", flat=True)
        )
    other_admins = Membership.objects.filter(
        company=OuterRef("pk"), role=MembershipRole.ADMIN
    ).exclude(user=user)
    return list(
        Company.objects.filter(pk__in=admin_of.values("company"))
        .exclude(Exists(other_admins))
        .only("name", "slug")
        .order_by("name")
    )


def last_admin_message(companies: list[Company]) -> str:
    names = ", ".join(company.name for company in companies)
    return _(
        "Du är den enda företagsadministratören för %(companies)s. Gör någon annan till "
        "administratör under Hantera medlemmar först. Sedan kan du radera ditt konto."
    ) % {"companies": names}


def deletion_summary(user: User) -> dict[str, int]:
    """How much of the user's stays in the handbook and how much goes, for the confirmation."""
    methods = Method.objects.filter(author=user)
    reports = ExperienceReport.objects.filter(author=user)
    comments = Comment.objects.filter(author=user)
    shown = Q(deleted_at__isnull=True) & ~Q(state=CommentState.HIDDEN)
    return {
        "methods_kept": methods.exclude(status__in=UNPUBLISHED_METHOD_STATUSES).count(),
        "methods_deleted": methods.filter(status__in=UNPUBLISHED_METHOD_STATUSES).count(),
        "reports_kept": reports.filter(status=Status.PUBLISHED).count(),
        "reports_deleted": reports.exclude(status=Status.PUBLISHED).count(),
        "comments_kept": comments.filter(shown).count(),
        "comments_deleted": comments.exclude(shown).count(),
        "memberships": Membership.objects.filter(user=user).count(),
    }


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the user and everything of theirs that is not part of the shared handbook.

    Stays, signed "tidigare medlem" (the author becomes empty): published and archived
    methods, published experience reports, comments that are shown on a method page.
    Goes: methods never published (drafts, submitted, changes requested, working copies),
    experience reports not published, hidden or binned comments, memberships, invitations to
    their address, their e-mail addresses and the account itself (which ends every session).

    Refused while the user is the only administrator of a company.
    """
    blocking = companies_needing_another_admin(user, lock=True)
    if blocking:
        raise AccountDeletionRefused(last_admin_message(blocking))
    Method.objects.filter(author=user, status__in=UNPUBLISHED_METHOD_STATUSES).delete()
    ExperienceReport.objects.filter(author=user).exclude(status=Status.PUBLISHED).delete()
    Comment.objects.filter(author=user).exclude(
        Q(deleted_at__isnull=True) & ~Q(state=CommentState.HIDDEN)
    ).delete()
    Membership.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
    ReminderSent.objects.filter(recipient__iexact=user.email).delete()
    EmailAddress.objects.filter(user=user).delete()
    # Everything else that points at the user is SET_NULL (authorship of what stays, audit
    # entries, revisions, ticked items) or CASCADE (comment reports, links to efforts).
    user.delete()
