"""Who may do what with companies, their members, efforts and experience reports: the one place
where the companies app decides access. Views, querysets, templates and the admin ask here.

"Is this user an editor" is the handbook's question (methods.permissions.is_editor); this
module builds on it rather than asking the user object itself.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Q

from methods.choices import Status
from methods.permissions import is_editor

from .choices import MembershipRole

# The states in which a report's writers may still change it; editors may change any.
REPORT_EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED)


# Membership


def _membership_role(user, company) -> str | None:
    """The user's role in the company, or None.

    Kept on the company object, per user: a page asking two questions about one company (its
    profile: may they manage it, may they follow it?) asks the database once. Every request
    loads its company anew, so no answer outlives the request that asked."""
    if not user.is_authenticated:
        return None
    known = company.__dict__.setdefault("_membership_roles", {})
    if user.pk not in known:
        known[user.pk] = (
            company.memberships.filter(user=user).values_list("role", flat=True).first()
        )
    return known[user.pk]


def is_company_member(user, company) -> bool:
    return _membership_role(user, company) is not None


def is_company_admin(user, company) -> bool:
    return _membership_role(user, company) == MembershipRole.ADMIN


def can_manage_company(user, company) -> bool:
    """Edit the profile, invite and remove members, change roles, export everything.

    Company admins only: superusers manage memberships in Django admin, and editors curate the
    handbook, not other companies' staff."""
    return is_company_admin(user, company)


def can_accept_invitation(user, invitation) -> bool:
    """Accept an invitation: only an account that has the invited address, verified.

    An invitation link is a secret sent to one address; forwarded, leaked or guessed it must
    not make another account a member, let alone an administrator. The address is compared
    without regard to case (e-mail providers ignore it), and only addresses the account has
    confirmed count."""
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


def can_follow_company(user, company) -> bool:
    """See the company's private work: its efforts and all its reports in every state."""
    return is_editor(user) or is_company_member(user, company)


# Efforts


def visible_efforts_q(user) -> Q | None:
    """Efforts are private to the company's members, and to editors. None: all of them."""
    if is_editor(user):
        return None
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(company__memberships__user=user)


# Experience reports


def visible_reports_q(user) -> Q | None:
    """Published reports for everyone; a company's members and a report's author also see its
    drafts; editors see all. None: all of them."""
    if is_editor(user):
        return None
    if user.is_authenticated:
        return Q(status=Status.PUBLISHED) | Q(author=user) | Q(company__memberships__user=user)
    return Q(status=Status.PUBLISHED)


def can_write_report(user, company) -> bool:
    """Members of the company write its reports; editors may help with any company's."""
    return can_follow_company(user, company)


def can_edit_report_now(user, report) -> bool:
    """The state half of can_edit_report, for a page that has already settled that the user
    writes the company's reports (no query per row)."""
    return is_editor(user) or report.status in REPORT_EDITABLE_STATUSES


def can_edit_report(user, report) -> bool:
    return can_write_report(user, report.company) and can_edit_report_now(user, report)


def can_review_reports(user) -> bool:
    return is_editor(user)


# Questions between companies ("Fråga ett företag som har använt metoden")


def can_ask_company(user, company) -> bool:
    """A signed-in user may ask a company that takes questions, unless it is their own (they
    ask their colleagues directly)."""
    return (
        user.is_authenticated and company.accepts_questions and not is_company_member(user, company)
    )


def can_request_study_visit(user, company) -> bool:
    """A study-visit request: only to a company that says it takes study visits."""
    return can_ask_company(user, company) and company.open_to_study_visits


def can_read_question_inbox(user, company) -> bool:
    """The company's questions are its admins' to answer. Editors do not read them: a question
    between two companies is private, like a letter, and nothing in it needs editing."""
    return is_company_admin(user, company)


def can_read_question(user, question) -> bool:
    """The asker and the asked company's admins, nobody else."""
    if not user.is_authenticated:
        return False
    return question.asker_id == user.pk or is_company_admin(user, question.company)


def can_answer_question(user, question) -> bool:
    return is_company_admin(user, question.company)


def visible_questions_q(user) -> Q:
    """The queryset form of can_read_question."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(asker=user) | Q(
        company__memberships__user=user, company__memberships__role=MembershipRole.ADMIN
    )


def offers_questions(user, company) -> bool:
    """Show the "ask this company" links: to anyone who may ask, and to signed-out readers
    (the link takes them through the login first)."""
    if not user.is_authenticated:
        return company.accepts_questions
    return can_ask_company(user, company)
