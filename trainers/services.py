"""Writes about trainers: applying, editing one's own profile, the editors' review (through the
one review engine, core.review) and a message to a trainer through the portal."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop

from core.audit import record
from core.models import AuditAction
from core.notifications import editor_addresses, notify
from core.review import ReviewFlow, Transition
from methods.choices import Status

from . import permissions
from .models import Trainer

# Paths under /utbildare/ that are pages of their own, never a profile's slug.
RESERVED_SLUGS = frozenset({"guide", "anmal", "granska", "min-profil"})


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify(name) or "utbildare")[:120].strip("-") or "utbildare"
    taken = set(
        Trainer.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    taken |= RESERVED_SLUGS
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def apply_as_trainer(user, trainer: Trainer, *, areas, methods) -> Trainer:
    """Save a new profile as an application to the editors (it is seen by nobody else yet)."""
    trainer.user = user
    trainer.status = Status.SUBMITTED
    trainer.slug = unique_slug(trainer.name)
    trainer.save()
    trainer.competence_areas.set(areas)
    trainer.methods.set(methods)
    record(
        user,
        AuditAction.SUBMITTED,
        gettext_noop("Anmälde sig som utbildare: %(name)s"),
        {"name": trainer.name},
        target=trainer,
    )
    notify(
        editor_addresses(),
        "trainer_submitted",
        {"trainer": trainer, "decision": Status.SUBMITTED},
    )
    return trainer


@transaction.atomic
def update_trainer(trainer: Trainer, by, *, areas, methods) -> Trainer:
    """The trainer's own change of their profile. An approved profile stays approved; the
    change is in the audit log for the editors."""
    trainer.save()
    trainer.competence_areas.set(areas)
    trainer.methods.set(methods)
    record(
        by,
        AuditAction.SAVED,
        gettext_noop("Ändrade utbildarprofilen %(name)s"),
        {"name": trainer.name},
        target=trainer,
    )
    return trainer


def _reason_problems(trainer: Trainer, by, message: str = "", **options) -> list[str]:
    if not (message or "").strip():
        return [gettext("Skriv varför, så att utbildaren vet vad som ska ändras.")]
    return []


def _set_reason(trainer: Trainer, by, message: str = "", **options) -> None:
    trainer.review_message = (message or "").strip()


def _set_approved(trainer: Trainer, by, **options) -> None:
    trainer.review_message = ""
    if trainer.approved_at is None:
        trainer.approved_at = timezone.now()


TRAINER_REVIEW = ReviewFlow(
    transitions={
        transition.name: transition
        for transition in [
            Transition(
                name="approve",
                sources=frozenset({Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.ARCHIVED}),
                target=Status.PUBLISHED,
                allowed=permissions.can_review_trainers,
                wrong_state=gettext_noop("Profilen är redan godkänd."),
                audit_action=AuditAction.PUBLISHED,
                audit_message=gettext_noop("Godkände utbildaren %(name)s"),
                notify="author",
                before_save=(_set_approved,),
            ),
            Transition(
                name="reject",
                sources=frozenset({Status.SUBMITTED}),
                target=Status.CHANGES_REQUESTED,
                allowed=permissions.can_review_trainers,
                wrong_state=gettext_noop("Bara anmälningar som väntar kan avslås."),
                audit_action=AuditAction.CHANGES_REQUESTED,
                audit_message=gettext_noop("Avslog utbildaren %(name)s: %(message)s"),
                notify="author",
                checks=(_reason_problems,),
                before_save=(_set_reason,),
            ),
            Transition(
                name="resubmit",
                sources=frozenset({Status.CHANGES_REQUESTED}),
                target=Status.SUBMITTED,
                allowed=permissions.can_resubmit_trainer,
                wrong_state=gettext_noop("Profilen väntar inte på ändringar."),
                audit_action=AuditAction.SUBMITTED,
                audit_message=gettext_noop("Skickade in utbildarprofilen %(name)s igen"),
                notify="editors",
            ),
            Transition(
                name="archive",
                sources=frozenset({Status.PUBLISHED}),
                target=Status.ARCHIVED,
                allowed=permissions.can_review_trainers,
                wrong_state=gettext_noop("Bara godkända profiler kan arkiveras."),
                audit_action=AuditAction.ARCHIVED,
                audit_message=gettext_noop("Arkiverade utbildaren %(name)s"),
                notify="author",
            ),
        ]
    },
    audit_params=lambda trainer, options: {
        "name": trainer.name,
        "message": (options.get("message") or "").strip(),
    },
    author_template="trainer_decision",
    editors_template="trainer_submitted",
    mail_context=lambda trainer, by, decision, options: {
        "trainer": trainer,
        "decision": decision,
        "message": (options.get("message") or "").strip(),
    },
    author_of=lambda trainer: trainer.user,
)


def approve_trainer(trainer: Trainer, by) -> Trainer:
    return TRAINER_REVIEW.apply("approve", trainer, by)


def reject_trainer(trainer: Trainer, by, message: str) -> Trainer:
    return TRAINER_REVIEW.apply("reject", trainer, by, message=message)


def resubmit_trainer(trainer: Trainer, by) -> Trainer:
    return TRAINER_REVIEW.apply("resubmit", trainer, by)


def archive_trainer(trainer: Trainer, by) -> Trainer:
    return TRAINER_REVIEW.apply("archive", trainer, by)


def send_contact_message(trainer: Trainer, sender, *, subject: str, message: str) -> None:
    """Mail a reader's message to the trainer's address, which the reader never sees. The
    trainer answers the sender's own address, named in the mail."""
    notify(
        [trainer.contact_email],
        "trainer_contact",
        {
            "trainer": trainer,
            "sender_name": sender.public_name,
            "sender_email": sender.email,
            "topic": subject,
            "message": message,
        },
    )
