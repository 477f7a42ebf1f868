"""Writes with side effects in the companies app."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from methods.audit import record
from methods.choices import EvidenceStatus, Status
from methods.models import AuditAction, Method
from methods.notifications import notify

from .choices import MembershipRole
from .models import Company, Invitation, Membership


def refresh_report_stats(method: Method) -> None:
    """Keep the method's count of published experience reports current (lists sort by it),
    and its evidence status with it: tried in one company, or in several.

    A status an editor set to "evaluated with research support" is never lowered.
    """
    published = method.experience_reports.filter(status=Status.PUBLISHED)
    count = published.count()
    updates = {"report_count": count}
    if method.evidence_status != EvidenceStatus.EVALUATED:
        companies = published.values("company").distinct().count()
        if companies >= 2:
            updates["evidence_status"] = EvidenceStatus.TRIED_MANY
        elif companies == 1:
            updates["evidence_status"] = EvidenceStatus.TRIED_ONCE
    Method.objects.filter(pk=method.pk).update(**updates)
    for name, value in updates.items():
        setattr(method, name, value)


# Membership and invitations -------------------------------------------------------------------


class MembershipError(ValueError):
    """A membership change that the rules refuse; the message is shown to the user as it is."""


class LastAdminError(MembershipError):
    """The company would be left without an administrator."""


class AlreadyMemberError(MembershipError):
    """The invited address already belongs to a member of the company."""


class InvitationUnusable(MembershipError):
    """The invitation has been used already or has expired."""


def _role_label(role: str) -> str:
    # Audit summaries are stored text: always in the site's language, whoever is browsing.
    with translation.override(settings.LANGUAGE_CODE):
        return str(MembershipRole(role).label)


def is_company_admin(user, company: Company) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(company=company, user=user, role=MembershipRole.ADMIN).exists()


def is_member_address(company: Company, email: str) -> bool:
    return Membership.objects.filter(company=company, user__email__iexact=email.strip()).exists()


def _ensure_another_admin(membership: Membership) -> None:
    """Refuse to take away the company's last administrator. Locks the admin rows, so two
    administrators demoting each other at the same moment cannot both succeed."""
    admins = list(
        Membership.objects.select_for_update()
        .filter(company_id=membership.company_id, role=MembershipRole.ADMIN)
        .values_list("pk", flat=True)
    )
    if membership.pk in admins and len(admins) <= 1:
        raise LastAdminError(
            _(
                "%(company)s måste ha minst en företagsadministratör. Gör någon annan till "
                "administratör först."
            )
            % {"company": membership.company.name}
        )


@transaction.atomic
def invite(company: Company, email: str, role: str, invited_by) -> Invitation:
    """Invite an address to the company and mail it the link. A new invitation to the same
    address replaces the one still waiting (its link stops working)."""
    email = email.strip().lower()
    if is_member_address(company, email):
        raise AlreadyMemberError(
            _("%(email)s är redan medlem i %(company)s.") % {"email": email, "company": company}
        )
    Invitation.objects.filter(
        company=company, email__iexact=email, accepted_at__isnull=True
    ).delete()
    invitation = Invitation.objects.create(
        company=company, email=email, role=role, invited_by=invited_by
    )
    notify(
        [email],
        "invitation",
        {
            "invitation": invitation,
            "company": company,
            "inviter": invited_by.public_name if invited_by else "",
            "role": MembershipRole(role).label,
            "accept_url": settings.SITE_URL
            + reverse("companies:invitation", args=[invitation.token]),
            "expires_at": invitation.expires_at,
        },
    )
    record(
        invited_by,
        AuditAction.INVITED,
        f"Bjöd in {email} till {company.name} som {_role_label(role).lower()}",
        company=company,
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, user) -> Membership:
    """Make the user a member of the invitation's company. Works once, before expiry.

    An existing membership is kept; it is raised to admin if the invitation says so, never
    lowered (an invitation must not demote anyone).
    """
    given = invitation
    invitation = Invitation.objects.select_for_update().select_related("company").get(pk=given.pk)
    if invitation.accepted_at is not None:
        raise InvitationUnusable(_("Inbjudan har redan använts."))
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable(_("Inbjudan har gått ut."))
    invitation.accepted_at = given.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    company = invitation.company
    membership, created = Membership.objects.get_or_create(
        user=user, company=company, defaults={"role": invitation.role}
    )
    if (
        not created
        and invitation.role == MembershipRole.ADMIN
        and membership.role != MembershipRole.ADMIN
    ):
        membership.role = MembershipRole.ADMIN
        membership.save(update_fields=["role"])
    record(
        user,
        AuditAction.MEMBER_ADDED,
        f"{user.email} gick med i {company.name} som {_role_label(membership.role).lower()} "
        f"(inbjudan till {invitation.email})",
        company=company,
    )
    return membership


@transaction.atomic
def remove_member(membership: Membership, by) -> None:
    _ensure_another_admin(membership)
    summary = f"Tog bort {membership.user.email} från {membership.company.name}"
    company = membership.company
    membership.delete()
    record(by, AuditAction.MEMBER_REMOVED, summary, company=company)


@transaction.atomic
def change_role(membership: Membership, role: str, by) -> Membership:
    role = MembershipRole(role)
    if membership.role == role:
        return membership
    if role != MembershipRole.ADMIN:
        _ensure_another_admin(membership)
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    record(
        by,
        AuditAction.ROLE_CHANGED,
        f"Ändrade rollen för {membership.user.email} i {membership.company.name} från "
        f"{_role_label(old).lower()} till {_role_label(role).lower()}",
        company=membership.company,
    )
    return membership


def cancel_invitation(invitation: Invitation) -> None:
    invitation.delete()
