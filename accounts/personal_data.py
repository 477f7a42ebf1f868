"""Everything the portal holds about one person, as plain data ready for JSON.

`personal_data(user)` is the one place that knows where a person's data lives: Min sida offers
it as a download (accounts.views.personal_data), and an API can serve the same dictionary.
It reads with a fixed number of queries however much the person has written, and it never
includes a secret: no password hash, no two-factor secret or recovery code (only that
two-factor authentication is on, and since when).

Every foreign key or many-to-many relation to the user model, in any installed app, is listed
in COVERED with the section of the export that holds its rows; tests/accounts/
test_personal_data.py walks the model registry and fails when a relation is added that is not
covered here. Data that names the person by address rather than by key (invitations to them,
reminders mailed to them) is found through their e-mail addresses.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.choices import Factor, MembershipRole
from companies.models import (
    Effort,
    EffortCheck,
    ExperienceReport,
    Invitation,
    Membership,
    Question,
    ReminderSent,
)
from core.models import AuditAction, AuditEntry
from material.models import Film, MaterialLink
from methods import permissions as method_permissions
from methods.choices import CommentState, Status
from methods.models import Comment, CommentReport, Method, Revision
from trainers.models import Trainer

from .models import User

FORMAT_VERSION = 1

# (model label, field name) of every relation to the user model -> the export section that
# holds its rows. Django's own many-to-many tables appear under their auto-created names.
COVERED: dict[tuple[str, str], str] = {
    ("account.EmailAddress", "user"): "account.email_addresses",
    ("mfa.Authenticator", "user"): "account.two_factor",
    ("accounts.User_groups", "user"): "account.groups",
    ("accounts.User_user_permissions", "user"): "account.permissions",
    ("admin.LogEntry", "user"): "admin_log",
    ("core.AuditEntry", "actor"): "audit_log",
    ("methods.Method", "author"): "methods",
    ("methods.Method", "personal_data_confirmed_by"): "method_decisions",
    ("methods.Method", "easy_read_override_by"): "method_decisions",
    ("methods.Revision", "author"): "methods[].revisions, revisions_of_other_methods",
    ("methods.Comment", "author"): "comments",
    ("methods.CommentReport", "reporter"): "comment_reports",
    ("companies.Membership", "user"): "memberships",
    ("companies.Invitation", "invited_by"): "invitations_sent",
    ("companies.ExperienceReport", "author"): "experience_reports",
    ("companies.Effort", "created_by"): "efforts",
    ("companies.Effort_responsible_members", "user"): "efforts",
    ("companies.EffortCheck", "checked_by"): "effort_checks",
    ("material.Film", "added_by"): "material_added",
    ("material.MaterialLink", "added_by"): "material_added",
    ("trainers.Trainer", "user"): "trainer_profile",
    ("companies.Question", "asker"): "questions_asked",
    ("companies.Question", "answered_by"): "questions_answered",
}

METHOD_TEXT_FIELDS = [
    "title",
    "slug",
    "summary",
    "easy_read",
    "purpose",
    "body",
    "prerequisites",
    "adaptation_language",
    "adaptation_reading",
    "adaptation_health",
    "materials",
    "indicator_reaction",
    "indicator_learning",
    "indicator_behaviour",
    "indicator_results",
    "source",
    "contact",
    "editor_message",
    "archive_reason",
]
METHOD_STATE_FIELDS = [
    "status",
    "version",
    "created_at",
    "updated_at",
    "submitted_at",
    "published_at",
    "archived_at",
    "deleted_at",
]
REPORT_FIELDS = [
    "title",
    "period_start",
    "period_end",
    "context",
    "adaptations",
    "phase_notes",
    "outcome_reaction",
    "outcome_learning",
    "outcome_behaviour",
    "outcome_results",
    "helped",
    "hindered",
    "helping_factors",
    "hindering_factors",
    "hours_spent",
    "cost_sek",
    "used_external_trainer",
    "external_trainer_notes",
    "recommend_score",
    "consent_to_publish",
    "consent_recorded_at",
    "status",
    "published_at",
    "created_at",
    "updated_at",
]


def _label(choices, value: str) -> str:
    """A stored code in words, in the current language (the code itself if it is unknown)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _url(path: str) -> str:
    return settings.SITE_URL + path


def _account(user: User, addresses: list[dict], authenticators: list[dict]) -> dict[str, Any]:
    groups = list(user.groups.order_by("name").values_list("name", flat=True))
    permissions = sorted(
        f"{app}.{codename}"
        for app, codename in user.user_permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    return {
        "email": user.email,
        "display_name": user.display_name,
        "public_name": user.public_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "is_editor": method_permissions.is_editor(user),
        "may_use_admin": method_permissions.can_use_admin(user),
        "groups": groups,
        "permissions": permissions,
        "email_addresses": addresses,
        "two_factor": {
            # Whether it is on and since when; the secret and the codes never leave the site.
            "enabled": any(row["type"] == Authenticator.Type.TOTP for row in authenticators),
            "methods": [
                {
                    "type": row["type"],
                    "created_at": row["created_at"],
                    "last_used_at": row["last_used_at"],
                }
                for row in authenticators
            ],
        },
        "language": _(
            "Språkvalet sparas i en kaka i webbläsaren, inte i kontot. Kontot har inget "
            "sparat språk."
        ),
    }


def _methods(user: User) -> tuple[list[dict], list[dict], list[dict]]:
    """Methods the user wrote (each with the revisions the user saved of it), revisions the
    user saved of other people's methods, and editorial decisions the user made on methods."""
    methods = list(
        Method.objects.filter(author=user)
        .order_by("created_at", "pk")
        .values("pk", *METHOD_TEXT_FIELDS, *METHOD_STATE_FIELDS, "working_copy_of__slug")
    )
    by_pk = {row["pk"]: row for row in methods}
    for row in methods:
        row["status_label"] = _label(Status, row["status"])
        row["working_copy_of"] = row.pop("working_copy_of__slug")
        row["url"] = _url(reverse("methods:detail", args=[row["slug"]])) if row["slug"] else None
        row["revisions"] = []
    others = []
    revisions = (
        Revision.objects.filter(author=user)
        .order_by("created_at", "pk")
        .values(
            "method_id",
            "method__title",
            "method__slug",
            "number",
            "message",
            "created_at",
            "snapshot",
        )
    )
    for revision in revisions:
        method_pk = revision.pop("method_id")
        title, slug = revision.pop("method__title"), revision.pop("method__slug")
        if method_pk in by_pk:
            by_pk[method_pk]["revisions"].append(revision)
        else:
            others.append({"method": title, "method_slug": slug, **revision})
    for row in methods:
        del row["pk"]
    decisions = []
    for row in (
        Method.objects.filter(Q(personal_data_confirmed_by=user) | Q(easy_read_override_by=user))
        .order_by("pk")
        .values("title", "slug", "personal_data_confirmed_by", "easy_read_override_by")
    ):
        if row["personal_data_confirmed_by"] == user.pk:
            decisions.append(
                {
                    "method": row["title"],
                    "method_slug": row["slug"],
                    "decision": _("Bekräftade att texten inte innehåller personuppgifter"),
                }
            )
        if row["easy_read_override_by"] == user.pk:
            decisions.append(
                {
                    "method": row["title"],
                    "method_slug": row["slug"],
                    "decision": _("Godkände den lättlästa versionen trots högt LIX"),
                }
            )
    return methods, others, decisions


def _comments(user: User) -> list[dict]:
    rows = list(
        Comment.objects.filter(author=user)
        .order_by("created_at", "pk")
        .values(
            "method__title",
            "method__slug",
            "body",
            "state",
            "created_at",
            "updated_at",
            "deleted_at",
        )
    )
    for row in rows:
        row["method"] = row.pop("method__title")
        row["method_slug"] = row.pop("method__slug")
        row["state_label"] = _label(CommentState, row["state"])
    return rows


def _comment_reports(user: User) -> list[dict]:
    # The reported comment is someone else's text: the export names where it was, not what.
    return [
        {
            "method": row["comment__method__title"],
            "method_slug": row["comment__method__slug"],
            "comment_id": row["comment_id"],
            "reason": row["reason"],
            "created_at": row["created_at"],
        }
        for row in CommentReport.objects.filter(reporter=user)
        .order_by("created_at", "pk")
        .values(
            "comment_id", "comment__method__title", "comment__method__slug", "reason", "created_at"
        )
    ]


def _experience_reports(user: User) -> list[dict]:
    rows = list(
        ExperienceReport.objects.filter(author=user)
        .order_by("created_at", "pk")
        .values(*REPORT_FIELDS, "company__name", "method__title", "method__slug")
    )
    for row in rows:
        row["company"] = row.pop("company__name")
        row["method"] = row.pop("method__title")
        row["method_slug"] = row.pop("method__slug")
        row["status_label"] = _label(Status, row["status"])
        for key in ("helping_factors", "hindering_factors"):
            row[f"{key}_labels"] = [_label(Factor, value) for value in row[key] or []]
    return rows


def _efforts(user: User) -> tuple[list[dict], list[dict]]:
    responsible = Effort.responsible_members.through.objects.filter(
        effort=OuterRef("pk"), user=user
    )
    efforts = [
        {
            "title": row["title"],
            "company": row["company__name"],
            "goal": row["goal"],
            "created_by_you": row["created_by"] == user.pk,
            "you_are_responsible": row["is_responsible"],
            "created_at": row["created_at"],
            "finished_at": row["finished_at"],
            "url": _url(reverse("companies:effort", args=[row["company__slug"], row["pk"]])),
        }
        for row in Effort.objects.annotate(is_responsible=Exists(responsible))
        .filter(Q(created_by=user) | Q(is_responsible=True))
        .order_by("created_at", "pk")
        .values(
            "pk",
            "title",
            "goal",
            "created_by",
            "is_responsible",
            "created_at",
            "finished_at",
            "company__name",
            "company__slug",
        )
    ]
    checks = [
        {
            "effort": row["effort__title"],
            "company": row["effort__company__name"],
            "item": row["label"],
            "checked_at": row["checked_at"],
        }
        for row in EffortCheck.objects.filter(checked_by=user)
        .order_by("checked_at", "pk")
        .values("effort__title", "effort__company__name", "label", "checked_at")
    ]
    return efforts, checks


def _invitations(user: User, emails: list[str]) -> tuple[list[dict], list[dict]]:
    fields = ("company__name", "email", "role", "created_at", "expires_at", "accepted_at")

    def shown(row: dict) -> dict:
        row["company"] = row.pop("company__name")
        row["role_label"] = _label(MembershipRole, row["role"])
        return row

    sent = [
        shown(row)
        for row in Invitation.objects.filter(invited_by=user)
        .order_by("created_at", "pk")
        .values(*fields)
    ]
    to_you = Q()
    for email in emails:
        to_you |= Q(email__iexact=email)
    received = [
        shown(row)
        for row in Invitation.objects.filter(to_you)
        .order_by("created_at", "pk")
        .values(*fields, "invited_by__display_name", "invited_by__email")
    ]
    for row in received:
        # Who invited you, as others see them: the display name, never their address.
        name, email = row.pop("invited_by__display_name"), row.pop("invited_by__email")
        row["invited_by"] = name or (email.split("@", 1)[0] if email else None)
    return sent, received


def _reminders(emails: list[str]) -> list[dict]:
    to_you = Q()
    for email in emails:
        to_you |= Q(recipient__iexact=email)
    return list(
        ReminderSent.objects.filter(to_you)
        .order_by("sent_at", "pk")
        .values("kind", "recipient", "sent_at")
    )


def _audit_log(user: User) -> list[dict]:
    return [
        {
            "created_at": entry.created_at,
            "action": entry.action,
            "action_label": _label(AuditAction, entry.action),
            "summary": entry.summary,
        }
        for entry in AuditEntry.objects.filter(actor=user)
        .order_by("created_at", "pk")
        .only("created_at", "action", "message", "params")
    ]


def _admin_log(user: User) -> list[dict]:
    return [
        {
            "action_time": entry.action_time,
            "object": entry.object_repr,
            "type": entry.content_type.model if entry.content_type else None,
            "action": {1: "added", 2: "changed", 3: "deleted"}.get(entry.action_flag),
            "change": entry.get_change_message(),
        }
        for entry in LogEntry.objects.filter(user=user)
        .select_related("content_type")
        .order_by("action_time", "pk")
    ]


def _questions(user: User) -> tuple[list[dict], list[dict]]:
    """The questions the user asked other companies and the ones they answered for their
    company, from one query. The other side is named by company only."""
    asked, answered = [], []
    rows = (
        Question.objects.filter(Q(asker=user) | Q(answered_by=user))
        .select_related("company", "method")
        .order_by("created_at", "pk")
    )
    for question in rows:
        row = {
            "company": question.company.name,
            "url": _url(question.get_absolute_url()),
            "kind": question.kind,
            "method": question.method.title if question.method else None,
            "question": question.body,
            "asked_at": question.created_at,
            "answer": question.answer,
            "answered_at": question.answered_at,
        }
        if question.asker_id == user.pk:
            asked.append(row)
        if question.answered_by_id == user.pk:
            answered.append(row)
    return asked, answered


def _trainer_profile(user: User) -> dict[str, Any] | None:
    """The user's trainer profile (one per account), with the contact address readers never
    see."""
    trainer = Trainer.objects.filter(user=user).prefetch_related("competence_areas").first()
    if trainer is None:
        return None
    return {
        "name": trainer.name,
        "url": _url(trainer.get_absolute_url()),
        "kind": trainer.kind,
        "summary": trainer.summary,
        "description": trainer.description,
        "competence_areas": [area.name for area in trainer.competence_areas.all()],
        "counties": trainer.counties,
        "languages": trainer.languages,
        "formats": trainer.formats,
        "website": trainer.website,
        "contact_email": trainer.contact_email,
        "status": trainer.status,
        "review_message": trainer.review_message,
        "created_at": trainer.created_at,
        "updated_at": trainer.updated_at,
    }


def _material_added(user: User) -> list[dict]:
    """The films, links and files the user added to methods and phase guides (two queries)."""
    rows = [
        {"type": "film", "title": film.title, "url": film.url, "added_at": film.created_at}
        for film in Film.objects.filter(added_by=user).order_by("created_at", "pk")
    ]
    rows += [
        {"type": "file" if link.file else "link", "title": link.title, "url": link.url,
         "description": link.description, "added_at": link.created_at}
        for link in MaterialLink.objects.filter(added_by=user).order_by("created_at", "pk")
    ]  # fmt: skip
    return rows


def personal_data(user: User) -> dict[str, Any]:
    """Everything the portal holds about `user`, as a JSON-ready dictionary (dates and
    decimals as Python values: serialise with DjangoJSONEncoder)."""
    addresses = list(
        EmailAddress.objects.filter(user=user)
        .order_by("-primary", "email")
        .values("email", "verified", "primary")
    )
    emails = sorted({user.email, *(row["email"] for row in addresses)})
    authenticators = list(
        Authenticator.objects.filter(user=user)
        .order_by("type")
        .values("type", "created_at", "last_used_at")
    )
    methods, other_revisions, decisions = _methods(user)
    questions_asked, questions_answered = _questions(user)
    efforts, checks = _efforts(user)
    invitations_sent, invitations_received = _invitations(user, emails)
    memberships = [
        {
            "company": row["company__name"],
            "company_url": _url(reverse("companies:detail", args=[row["company__slug"]])),
            "role": row["role"],
            "role_label": _label(MembershipRole, row["role"]),
            "member_since": row["created_at"],
        }
        for row in Membership.objects.filter(user=user)
        .order_by("company__name")
        .values("company__name", "company__slug", "role", "created_at")
    ]
    return {
        "export": {
            "site": settings.SITE_URL,
            "created_at": timezone.now(),
            "format_version": FORMAT_VERSION,
        },
        "account": _account(user, addresses, authenticators),
        "memberships": memberships,
        "methods": methods,
        "revisions_of_other_methods": other_revisions,
        "method_decisions": decisions,
        "comments": _comments(user),
        "comment_reports": _comment_reports(user),
        "experience_reports": _experience_reports(user),
        "efforts": efforts,
        "effort_checks": checks,
        "invitations_sent": invitations_sent,
        "invitations_received": invitations_received,
        "reminders_received": _reminders(emails),
        "questions_asked": questions_asked,
        "questions_answered": questions_answered,
        "audit_log": _audit_log(user),
        "material_added": _material_added(user),
        "admin_log": _admin_log(user),
        "trainer_profile": _trainer_profile(user),
    }
