"""The editorial workflow: drafts, versions, review decisions and restoring revisions.

States: draft -> submitted -> published, or submitted -> changes_requested -> submitted;
published -> archived -> published. A published method is edited through a working copy
(a draft row pointing at it) so the published text stays live until the copy is published.
Every save checks the version the editor started from, so nobody overwrites newer text unseen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.audit import record
from core.models import AuditAction
from core.readability import EASY_READ_MAX_LIX, find_personal_data, lix
from core.review import ReviewError, ReviewFlow, Transition

from . import permissions
from .choices import Status
from .models import (
    BusinessLine,
    CompetenceArea,
    Method,
    MethodStep,
    MethodTargetRole,
    Phase,
    Revision,
)
from .services import (
    SNAPSHOT_FIELDS,
    free_text_fields,
    record_revision,
    refresh_search_index,
    snapshot,
)


class WorkflowError(ReviewError):
    """Something the workflow cannot do now; the message is shown to the user. The review
    transitions raise core.review.ReviewError, of which this is a kind."""


class ConflictError(WorkflowError):
    """Someone saved the method after this editor opened it."""

    def __init__(self, current: Method):
        super().__init__(
            _(
                "Någon annan har sparat ändringar i metoden medan du skrev. Din text finns kvar "
                "nedan. Jämför med den sparade versionen, för över det som ska vara kvar och "
                "spara igen."
            )
        )
        self.current = current


# Text fields checked for personal data before submission and publication: all free text of
# Method (services.free_text_fields) except these.
CHECKED_EXCLUDED = {
    "contact",  # meant for contact details
    "wizard_step",  # where the form was left, not text
    "editor_message",  # the editors' note to the author, never published
}
CHECKED_FIELDS = free_text_fields(Method, CHECKED_EXCLUDED)


def personal_data_findings(method: Method):
    fields = {name: getattr(method, name) for name in CHECKED_FIELDS}
    labels = {name: capfirst(Method._meta.get_field(name).verbose_name) for name in CHECKED_FIELDS}
    for step in method.steps.all():
        name = f"steg: {step.phase_id}/{step.role}"
        fields[name] = step.text
        labels[name] = _("Vem gör vad i varje fas")
    return find_personal_data(fields, labels)


def easy_read_lix(method: Method) -> int | None:
    return lix(method.easy_read)


# Editing


@transaction.atomic
def create_draft(author, save: Callable[[Method], None]) -> Method:
    """A new method, owned by its author, not visible to anyone else until published."""
    method = Method(author=author, status=Status.DRAFT)
    save(method)
    record_revision(method, author, _("Utkast skapat"))
    record(author, AuditAction.CREATED, gettext_noop("Skapade %(title)s"),
           {"title": method.title}, target=method)  # fmt: skip
    return method


@transaction.atomic
def save_version(method: Method, expected_version: int, by, save: Callable[[Method], None],
                 message: str) -> Method:  # fmt: skip
    """Apply save() to the method if nobody saved it since expected_version; else ConflictError.

    The row is locked for the check so two saves at the same moment cannot both pass.
    """
    current = Method.objects.select_for_update().get(pk=method.pk)
    if current.version != expected_version:
        raise ConflictError(current)
    method.version = current.version + 1
    save(method)
    refresh_search_index(method)
    record_revision(method, by, message)
    return method


@transaction.atomic
def working_copy(method: Method) -> Method | None:
    """The working copy of a published method someone has started, if any (reads only)."""
    return Method.objects.filter(working_copy_of=method, deleted_at__isnull=True).first()


def start_new_version(method: Method, by) -> Method:
    """The working copy of a published method: created once, then continued."""
    existing = working_copy(method)
    if existing:
        return existing
    Method.objects.filter(working_copy_of=method).delete()  # a binned copy is replaced
    copy = Method.objects.get(pk=method.pk)
    copy.pk = None
    copy.id = None
    copy.slug = ""
    copy.status = Status.DRAFT
    copy.working_copy_of = method
    copy.author = by
    copy.version = 1
    copy.wizard_step = "grund"
    copy.published_at = None
    copy.submitted_at = None
    copy.editor_message = ""
    copy.personal_data_confirmed_by = None
    copy.easy_read_override_by = None
    copy.save()
    _copy_relations(method, copy)
    refresh_search_index(copy)
    record_revision(copy, by, _("Ny version påbörjad"))
    record(by, AuditAction.CREATED, gettext_noop("Påbörjade en ny version av %(title)s"),
           {"title": method.title}, target=method)  # fmt: skip
    return copy


def _copy_relations(source: Method, target: Method) -> None:
    target.phases.set(source.phases.all())
    target.competence_areas.set(source.competence_areas.all())
    target.business_lines.set(source.business_lines.all())
    MethodTargetRole.objects.filter(method=target).delete()
    MethodTargetRole.objects.bulk_create(
        [MethodTargetRole(method=target, role=r.role) for r in source.target_roles.all()]
    )
    MethodStep.objects.filter(method=target).delete()
    for step in source.steps.all():
        MethodStep.objects.create(method=target, phase=step.phase, role=step.role, text=step.text)


# Review: the method's flow through core.review, the one review engine.


def _submission_problems(method: Method, by, *, confirm_personal_data: bool = False) -> list:
    if not method.phases.exists():
        return [_("Välj minst en fas innan du skickar in metoden.")]
    if not method.easy_read.strip():
        return [_("Skriv en lättläst version innan du skickar in metoden.")]
    if (
        personal_data_findings(method)
        and method.personal_data_confirmed_by is None
        and not confirm_personal_data
    ):
        return [
            _(
                "Texten ser ut att innehålla personuppgifter. Ta bort dem eller bekräfta att "
                "de får publiceras."
            )
        ]
    return []


def _submitted(method: Method, by, *, confirm_personal_data: bool = False) -> None:
    if confirm_personal_data and method.personal_data_confirmed_by is None:
        method.personal_data_confirmed_by = by
    method.submitted_at = timezone.now()
    method.editor_message = ""
    method.version += 1


def _changes_problems(method: Method, by, *, message: str = "") -> list:
    return [] if message.strip() else [_("Skriv vad som behöver ändras.")]


def _changes_requested(method: Method, by, *, message: str = "") -> None:
    method.editor_message = message.strip()
    method.version += 1


def _archive_problems(method: Method, by, *, reason: str = "", replaced_by=None) -> list:
    problems = []
    if not reason.strip():
        problems.append(_("Skriv varför metoden arkiveras."))
    if replaced_by is not None and (replaced_by.pk == method.pk or not replaced_by.is_published):
        problems.append(_("Välj en annan publicerad metod som ersätter den här."))
    return problems


def _archived(method: Method, by, *, reason: str = "", replaced_by=None) -> None:
    method.archived_at = timezone.now()
    method.archive_reason = reason.strip()
    method.replaced_by = replaced_by
    method.version += 1


def _revision(message: str):
    """After-save hook: the new state as a numbered revision with this (source) message."""

    def hook(method: Method, by, **options) -> None:
        record_revision(method, by, _(message))

    return hook


def publication_problems(method: Method, by=None, *, override_easy_read: bool = False,
                         confirm_personal_data: bool = False) -> list[str]:  # fmt: skip
    problems = []
    value = easy_read_lix(method)
    if value is not None and value > EASY_READ_MAX_LIX and not override_easy_read:
        problems.append(
            _("Den lättlästa texten har LIX %(lix)s, över gränsen %(max)s. Förenkla texten "
              "eller godkänn den uttryckligen.") % {"lix": value, "max": EASY_READ_MAX_LIX}
        )  # fmt: skip
    if (
        personal_data_findings(method)
        and method.personal_data_confirmed_by is None
        and not confirm_personal_data
    ):
        problems.append(
            _(
                "Texten ser ut att innehålla personuppgifter. Kontrollera och bekräfta innan "
                "publicering."
            )  # fmt: skip
        )
    return problems


def _publish(method: Method, by, *, override_easy_read: bool = False,
             confirm_personal_data: bool = False) -> Method:  # fmt: skip
    """Publish a method, or a working copy onto the method it replaces (the result)."""
    if confirm_personal_data and method.personal_data_confirmed_by is None:
        method.personal_data_confirmed_by = by
    if override_easy_read and (easy_read_lix(method) or 0) > EASY_READ_MAX_LIX:
        method.easy_read_override_by = by
    if method.working_copy_of_id:
        return _publish_working_copy(method, by)
    method.status = Status.PUBLISHED
    method.published_at = method.published_at or timezone.now()
    method.editor_message = ""
    # Published again: no longer archived (the audit log keeps that it was).
    method.archived_at = None
    method.archive_reason = ""
    method.replaced_by = None
    method.version += 1
    method.save()
    refresh_search_index(method)
    record_revision(method, by, _("Publicerad"))
    return method


def _publish_working_copy(copy: Method, by) -> Method:
    original = Method.objects.select_for_update().get(pk=copy.working_copy_of_id)
    apply_snapshot(original, snapshot(copy))
    original.personal_data_confirmed_by = copy.personal_data_confirmed_by
    original.easy_read_override_by = copy.easy_read_override_by
    original.version += 1
    original.save()
    refresh_search_index(original)
    record_revision(original, by, _("Ny version publicerad"))
    # The copy's author hears of the decision (core.review passes it on to the mail).
    original.decision_recipient = copy.author
    copy.delete()
    return original


METHOD_REVIEW = ReviewFlow(
    transitions={
        transition.name: transition
        for transition in [
            Transition(
                name="submit",
                sources=frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}),
                target=Status.SUBMITTED,
                allowed=permissions.can_submit_method,
                wrong_state=gettext_noop("Bara utkast kan skickas in."),
                audit_action=AuditAction.SUBMITTED,
                audit_message=gettext_noop("Skickade in %(title)s"),
                notify="editors",
                checks=(_submission_problems,),
                before_save=(_submitted,),
                after_save=(_revision(gettext_noop("Inskickad för granskning")),),
            ),
            Transition(
                name="request_changes",
                sources=frozenset({Status.SUBMITTED}),
                target=Status.CHANGES_REQUESTED,
                allowed=lambda user, method: permissions.can_review_methods(user),
                wrong_state=gettext_noop("Bara inskickade metoder kan skickas tillbaka."),
                audit_action=AuditAction.CHANGES_REQUESTED,
                audit_message=gettext_noop("Begärde ändringar i %(title)s"),
                notify="author",
                checks=(_changes_problems,),
                before_save=(_changes_requested,),
                after_save=(_revision(gettext_noop("Ändringar begärda")),),
            ),
            Transition(
                name="publish",
                sources=frozenset(
                    {Status.SUBMITTED, Status.DRAFT, Status.CHANGES_REQUESTED, Status.ARCHIVED}
                ),
                target=Status.PUBLISHED,
                allowed=lambda user, method: permissions.can_review_methods(user),
                wrong_state=gettext_noop("Metoden är redan publicerad."),
                audit_action=AuditAction.PUBLISHED,
                audit_message=gettext_noop("Publicerade %(title)s"),
                notify="author",
                checks=(publication_problems,),
                perform=_publish,
            ),
            Transition(
                name="archive",
                sources=frozenset({Status.PUBLISHED}),
                target=Status.ARCHIVED,
                allowed=lambda user, method: permissions.can_review_methods(user),
                wrong_state=gettext_noop("Bara publicerade metoder kan arkiveras."),
                audit_action=AuditAction.ARCHIVED,
                audit_message=gettext_noop("Arkiverade %(title)s"),
                notify="author",
                checks=(_archive_problems,),
                before_save=(_archived,),
                after_save=(_revision(gettext_noop("Arkiverad")),),
            ),
        ]
    },
    audit_params=lambda method, options: {"title": method.title},
    author_template="method_decision",
    editors_template="method_submitted",
    mail_context=lambda method, by, decision, options: {
        "method": method,
        "decision": decision,
        "author": by,
    },
    author_of=lambda method: getattr(method, "decision_recipient", None) or method.author,
)


def submit(method: Method, by, *, confirm_personal_data: bool = False) -> Method:
    return METHOD_REVIEW.apply("submit", method, by, confirm_personal_data=confirm_personal_data)


def request_changes(method: Method, by, message: str) -> Method:
    return METHOD_REVIEW.apply("request_changes", method, by, message=message)


def publish(method: Method, by, *, override_easy_read: bool = False,
            confirm_personal_data: bool = False) -> Method:  # fmt: skip
    return METHOD_REVIEW.apply("publish", method, by, override_easy_read=override_easy_read,
                               confirm_personal_data=confirm_personal_data)  # fmt: skip


def archive(method: Method, by, reason: str, replaced_by: Method | None = None) -> Method:
    """Take a published method out of the handbook. Its address stays: readers get a page
    saying when and why, linking to replaced_by (a published method) when there is one."""
    return METHOD_REVIEW.apply("archive", method, by, reason=reason, replaced_by=replaced_by)


@transaction.atomic
def restore_revision(method: Method, revision: Revision, by) -> Method:
    """Bring back an earlier version's content as a new revision; nothing is overwritten."""
    if revision.method_id != method.pk:
        raise WorkflowError(_("Versionen hör inte till metoden."))
    apply_snapshot(method, revision.snapshot)
    method.version += 1
    method.save()
    refresh_search_index(method)
    record_revision(method, by, _("Återställd från version %(n)s") % {"n": revision.number})
    record(by, AuditAction.RESTORED_REVISION,
           gettext_noop("Återställde %(title)s till version %(n)s"),
           {"title": method.title, "n": revision.number}, target=method)  # fmt: skip
    return method


def apply_snapshot(method: Method, data: dict) -> None:
    """Set a method's content from a snapshot. Its address and status stay as they are."""
    for name in SNAPSHOT_FIELDS:
        if name in ("slug", "status", "review_by") or name not in data:
            continue
        # Snapshots hold dates and decimals as text; the field must get its own type back, or
        # the next snapshot of this same object (the revision recorded right after) fails.
        setattr(method, name, Method._meta.get_field(name).to_python(data[name]))
    # Revisions from before the review date was kept restore it as empty, as they always have.
    review_by = data.get("review_by")
    method.review_by = date.fromisoformat(review_by) if review_by else None
    phases = {p.slug: p for p in Phase.objects.all()}
    method.external_trainer_phase = phases.get(data.get("external_trainer_phase") or "")
    # Revisions from before the company was kept leave it as it is; a company deleted since
    # is left out, as a deleted phase is.
    if "company" in data:
        # The company model through the field: methods never imports companies.
        companies = Method._meta.get_field("company").related_model._default_manager
        method.company = companies.filter(slug=data["company"] or "").first()
    method.save()
    method.phases.set([phases[s] for s in data.get("phases", []) if s in phases])
    method.competence_areas.set(
        CompetenceArea.objects.filter(slug__in=data.get("competence_areas", []))
    )
    method.business_lines.set(BusinessLine.objects.filter(slug__in=data.get("business_lines", [])))
    MethodTargetRole.objects.filter(method=method).delete()
    MethodTargetRole.objects.bulk_create(
        [MethodTargetRole(method=method, role=role) for role in data.get("target_roles", [])]
    )
    MethodStep.objects.filter(method=method).delete()
    for step in data.get("steps", []):
        if step["phase"] in phases:
            MethodStep.objects.create(
                method=method, phase=phases[step["phase"]], role=step["role"], text=step["text"]
            )
