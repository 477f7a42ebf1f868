"""Company members and invitations: company admins manage who belongs to their company."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.error_summary import ErrorLink
from core.ratelimit import ratelimited

from .. import permissions, services
from ..choices import MembershipRole
from ..forms import InviteForm, RoleForm
from ..models import Company, Invitation, Membership

# Members and invitations ----------------------------------------------------------------------


def _admin_company(request: HttpRequest, slug: str) -> Company:
    """The company, if the signed-in user administers it; 404 if unknown, 403 otherwise.

    Superusers manage memberships in Django admin, so they are no exception here.
    """
    company = get_object_or_404(Company, slug=slug)
    if not permissions.can_manage_company(request.user, company):
        raise PermissionDenied
    return company


def _members_page(
    request: HttpRequest,
    company: Company,
    *,
    invite_form: InviteForm | None = None,
    role_form: tuple[int, RoleForm] | None = None,
    row_error: tuple[int, str] | None = None,
) -> HttpResponse:
    """The member list with one role form per row; a failed form is shown bound, with errors."""
    memberships = list(
        company.memberships.select_related("user").order_by(
            "role", "user__display_name", "user__email"
        )
    )
    for membership in memberships:
        if role_form and role_form[0] == membership.pk:
            membership.role_form = role_form[1]
        else:
            membership.role_form = RoleForm(
                initial={"role": membership.role},
                prefix=f"m{membership.pk}",
                member_name=membership.user.public_name,
            )
        membership.error = row_error[1] if row_error and row_error[0] == membership.pk else ""
    invitations = company.invitations.filter(accepted_at__isnull=True).order_by("email")
    return render(
        request,
        "companies/members.html",
        {
            "company": company,
            "memberships": memberships,
            "invitations": invitations,
            "invite_form": invite_form or InviteForm(company=company),
            "now": timezone.now(),
            # For the error summary: the row's role form is not a value of the context, and a
            # refused removal is no form's error; it links to the row's button.
            "invalid_forms": [role_form[1]] if role_form else [],
            "page_errors": [ErrorLink(row_error[1], f"medlem-{row_error[0]}-ta-bort")]
            if row_error
            else [],
        },
        # A form shown again with its errors is a client error: 400, with what was typed.
        status=400 if (invite_form or role_form or row_error) else 200,
    )


def _is_post(request: HttpRequest) -> bool:
    return request.method == "POST"


@login_required
@require_http_methods(["GET", "POST"])
@ratelimited("invite", "RATELIMIT_INVITE", "RATELIMIT_INVITE_PERIOD", key="user", when=_is_post)
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """Company admins: the member list, pending invitations and the invite form."""
    company = _admin_company(request, slug)
    if request.method != "POST":
        return _members_page(request, company)
    form = InviteForm(request.POST, company=company)
    if form.is_valid():
        email, role = form.cleaned_data["email"], form.cleaned_data["role"]
        try:
            services.invite(company, email, role, request.user)
        except services.AlreadyMemberError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request, _("En inbjudan har skickats till %(email)s.") % {"email": email}
            )
            return redirect("companies:members", company.slug)
    return _members_page(request, company, invite_form=form)


def _company_membership(company: Company, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "company"), pk=pk, company=company
    )


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    company = _admin_company(request, slug)
    membership = _company_membership(company, pk)
    name = membership.user.public_name
    form = RoleForm(request.POST, prefix=f"m{pk}", member_name=name)
    if form.is_valid():
        role = form.cleaned_data["role"]
        try:
            services.change_role(membership, role, request.user)
        except services.LastAdminError as error:
            form.add_error("role", str(error))
        else:
            messages.success(
                request,
                _("%(name)s har nu rollen %(role)s.")
                % {"name": name, "role": str(MembershipRole(role).label).lower()},
            )
            if role != MembershipRole.ADMIN and membership.user_id == request.user.pk:
                # No longer an admin: the member page is closed to them now.
                return redirect(company)
            return redirect("companies:members", company.slug)
    return _members_page(request, company, role_form=(pk, form))


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    company = _admin_company(request, slug)
    membership = _company_membership(company, pk)
    name = membership.user.public_name
    is_self = membership.user_id == request.user.pk
    try:
        services.remove_member(membership, request.user)
    except services.LastAdminError as error:
        return _members_page(request, company, row_error=(pk, str(error)))
    if is_self:
        messages.success(
            request, _("Du är inte längre medlem i %(company)s.") % {"company": company.name}
        )
        return redirect(company)
    messages.success(
        request,
        _("%(name)s är inte längre medlem i %(company)s.")
        % {"name": name, "company": company.name},
    )
    return redirect("companies:members", company.slug)


@login_required
@require_POST
def invitation_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    company = _admin_company(request, slug)
    invitation = get_object_or_404(Invitation, pk=pk, company=company, accepted_at__isnull=True)
    services.cancel_invitation(invitation)
    messages.success(
        request, _("Inbjudan till %(email)s är återkallad.") % {"email": invitation.email}
    )
    return redirect("companies:members", company.slug)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation, signed in with the account of the invited address (a verified
    e-mail address of the account); any other account sees why not, and its POST is 403."""
    invitation = (
        Invitation.objects.select_related("company", "invited_by").filter(token=token).first()
    )
    if invitation is None:
        return render(request, "companies/invitation_unknown.html", status=404)
    user = request.user
    may_accept = permissions.can_accept_invitation(user, invitation)
    if invitation.is_usable and request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.path)
        if not may_accept:
            return _invitation_page(request, invitation, may_accept, status=403)
        try:
            services.accept_invitation(invitation, user)
        except services.InvitationUnusable:
            invitation.refresh_from_db()
        else:
            messages.success(
                request,
                _("Välkommen! Du är nu medlem i %(company)s.")
                % {"company": invitation.company.name},
            )
            return redirect(invitation.company)
    if not invitation.is_usable:
        return render(
            request,
            "companies/invitation_unusable.html",
            {
                "invitation": invitation,
                "is_member": permissions.is_company_member(user, invitation.company),
            },
            status=410,
        )
    return _invitation_page(request, invitation, may_accept)


def _invitation_page(request, invitation, may_accept: bool, status: int = 200) -> HttpResponse:
    return render(
        request,
        "companies/invitation.html",
        {
            "invitation": invitation,
            "is_member": permissions.is_company_member(request.user, invitation.company),
            "may_accept": may_accept,
            "next_query": urlencode({"next": request.path}),
            # Signing up from here fills in the invited address: only that account may accept.
            "signup_query": urlencode({"next": request.path, "email": invitation.email}),
        },
        status=status,
    )
