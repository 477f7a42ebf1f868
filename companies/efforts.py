"""Following an effort (insats) through the six phases: checklists, dates, finishing.

Each phase's checklist is the phase's own checklist plus what the chosen methods say each role
does in that phase. Finishing phase 6 turns what was recorded into an experience report draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from methods.choices import Role, Status
from methods.models import ChecklistItem, MethodStep, Phase

from .models import Effort, EffortCheck, EffortPhase, ExperienceReport


@dataclass(frozen=True)
class ChecklistEntry:
    key: str
    label: str
    source: str  # "" for the phase's own checklist, else the method's title
    check: EffortCheck | None


def checklist(
    phase: Phase,
    checks: dict[str, EffortCheck],
    items: list[ChecklistItem],
    steps: list[MethodStep],
) -> list[ChecklistEntry]:
    """The phase's checklist for this effort, from data fetched once for all phases."""
    roles = dict(Role.choices)
    entries = [
        ChecklistEntry(f"checklist:{item.pk}", item.text, "", checks.get(f"checklist:{item.pk}"))
        for item in items
        if item.phase_id == phase.pk
    ]
    for step in steps:
        if step.phase_id == phase.pk:
            key = f"step:{step.pk}"
            label = f"{roles.get(step.role, step.role)}: {step.text}"
            entries.append(ChecklistEntry(key, label, step.method.title, checks.get(key)))
    return entries


def valid_item(effort: Effort, key: str) -> tuple[Phase, str] | None:
    """The phase and label of a checklist key that belongs to this effort, or None."""
    kind, _sep, raw_id = key.partition(":")
    if not raw_id.isdigit():
        return None
    if kind == "checklist":
        item = ChecklistItem.objects.select_related("phase").filter(pk=raw_id).first()
        return (item.phase, item.text) if item else None
    if kind == "step":
        step = (
            MethodStep.objects.select_related("phase")
            .filter(pk=raw_id, method__in=effort.methods.all())
            .first()
        )
        return (step.phase, f"{Role(step.role).label}: {step.text}") if step else None
    return None


def phase_checklist(effort: Effort, phase: Phase) -> list[ChecklistEntry]:
    """One phase's checklist for this effort, in three queries (the detail page builds all six
    phases' from data it fetches once; this is for answering about a single tick)."""
    items = list(ChecklistItem.objects.filter(phase=phase))
    steps = list(
        MethodStep.objects.filter(method__in=effort.methods.all(), phase=phase)
        .select_related("method")
        .order_by("method__title", "role")
    )
    keys = [f"checklist:{item.pk}" for item in items] + [f"step:{step.pk}" for step in steps]
    ticked = effort.checks.filter(item_key__in=keys).select_related("checked_by")
    return checklist(phase, {c.item_key: c for c in ticked}, items, steps)


@transaction.atomic
def toggle_check(effort: Effort, key: str, user, checked: bool) -> Phase | None:
    """Tick or untick one item; returns the item's phase, or None (and changes nothing) if the
    key is not part of this effort."""
    found = valid_item(effort, key)
    if found is None:
        return None
    phase, label = found
    if checked:
        EffortCheck.objects.get_or_create(
            effort=effort, item_key=key,
            defaults={"phase": phase, "label": label[:600], "checked_by": user},
        )  # fmt: skip
    else:
        EffortCheck.objects.filter(effort=effort, item_key=key).delete()
    Effort.objects.filter(pk=effort.pk).update(updated_at=timezone.now())
    return phase


@transaction.atomic
def create_effort(company, user, save) -> Effort:
    effort = Effort(company=company, created_by=user, current_phase=Phase.objects.get(number=1))
    save(effort)
    EffortPhase.objects.bulk_create(
        [EffortPhase(effort=effort, phase=phase) for phase in Phase.objects.all()]
    )
    EffortPhase.objects.filter(effort=effort, phase=effort.current_phase).update(
        started_on=timezone.localdate()
    )
    return effort


@transaction.atomic
def complete_phase(effort: Effort, user, on: date | None = None) -> ExperienceReport | None:
    """Mark the current phase done and start the next; finishing phase 6 ends the effort and
    returns the experience report draft made from it."""
    today = on or timezone.localdate()
    record, _created = EffortPhase.objects.get_or_create(effort=effort, phase=effort.current_phase)
    record.completed_on = record.completed_on or today
    record.started_on = record.started_on or today
    record.save()
    if effort.current_phase.slug == "genomforande" and effort.delivery_ended_on is None:
        effort.delivery_ended_on = record.completed_on
    following = Phase.objects.filter(number__gt=effort.current_phase.number).first()
    if following is None:
        effort.finished_at = timezone.now()
        effort.save()
        return _report_draft(effort, user)
    effort.current_phase = following
    effort.save()
    EffortPhase.objects.filter(effort=effort, phase=following, started_on__isnull=True).update(
        started_on=today
    )
    return None


def _report_draft(effort: Effort, user) -> ExperienceReport | None:
    """An experience report draft prefilled with what the effort recorded, once."""
    existing = ExperienceReport.objects.filter(effort=effort).first()
    if existing:
        return existing
    method = effort.methods.filter(status=Status.PUBLISHED).order_by("title").first()
    if method is None:
        return None
    records = list(effort.phase_records.select_related("phase"))
    notes = {r.phase.slug: r.notes for r in records if r.notes.strip()}
    started = min((r.started_on for r in records if r.started_on), default=None)
    checked = list(effort.checks.values_list("label", flat=True))
    context = effort.goal
    if checked:
        context += "\n\n" + _("Det här gjorde vi enligt checklistan:") + "\n"
        context += "\n".join(f"- {label}" for label in checked)
    return ExperienceReport.objects.create(
        company=effort.company,
        method=method,
        author=user,
        effort=effort,
        title=_("Erfarenheter från %(title)s") % {"title": effort.title},
        period_start=started or effort.created_at.date(),
        period_end=timezone.localdate(),
        context=context.strip() or effort.title,
        phase_notes=notes,
        used_external_trainer=False,
        recommend_score=3,
        status=Status.DRAFT,
    )
