"""Readable differences between two revision snapshots: per field, changed words marked."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .choices import Role
from .models import Method
from .services import SNAPSHOT_FIELDS, SNAPSHOT_RELATIONS

# Words with the spaces after them: a rewritten sentence shows as one deletion and one insertion.
_TOKENS = re.compile(r"\s+|\S+\s*")

# Field labels for the diff, in the order fields are shown. Each keeps its own short wording;
# any other snapshot field (services.SNAPSHOT_FIELDS and SNAPSHOT_RELATIONS) is shown after these
# under the model field's verbose_name, so a field added to the snapshot is never left out.
LABELS = {
    "title": _("Titel"), "summary": _("Sammanfattning"), "easy_read": _("Lättläst version"),
    "purpose": _("Syfte"), "body": _("Beskrivning"), "learning_form": _("Lärandeform"),
    "prerequisites": _("Förutsättningar"), "adaptation_language": _("Anpassning: språk"),
    "adaptation_reading": _("Anpassning: läsning och skrivning"),
    "adaptation_health": _("Anpassning: hälsa och ork"), "prep_minutes": _("Förberedelse (min)"),
    "delivery_minutes": _("Genomförande (min)"), "followup_minutes": _("Uppföljning (min)"),
    "group_size_min": _("Minsta grupp"), "group_size_max": _("Största grupp"),
    "cost_level": _("Kostnad"), "internal_hours": _("Interna timmar"), "materials": _("Material"),
    "needs_external_trainer": _("Extern utbildare"),
    "external_trainer_phase": _("Extern utbildare i fas"),
    "indicator_reaction": _("Uppföljning: reaktion"), "indicator_learning": _("Uppföljning: lärande"),
    "indicator_behaviour": _("Uppföljning: beteende"), "indicator_results": _("Uppföljning: resultat"),
    "evidence_status": _("Kunskapsläge"), "source": _("Källa"), "licence": _("Licens"),
    "contact": _("Kontakt"), "status": _("Status"), "review_by": _("Granskas senast"),
    "phases": _("Faser"), "competence_areas": _("Kompetensområden"),
    "business_lines": _("Branscher"), "target_roles": _("Målgrupp"),
}  # fmt: skip

# Snapshot keys not shown as a field: the address is not content; steps are compared one by one.
UNLABELLED = {"slug", "steps"}


def labels() -> dict[str, str]:
    """Every snapshot key shown in the diff with its label, in the order shown."""
    shown = dict(LABELS)
    for name in [*SNAPSHOT_FIELDS, *SNAPSHOT_RELATIONS]:
        if name not in shown and name not in UNLABELLED:
            shown[name] = capfirst(Method._meta.get_field(name).verbose_name)
    return shown


@dataclass(frozen=True)
class FieldDiff:
    label: str
    html: SafeString


def word_diff(old: str, new: str) -> SafeString:
    """old -> new with removed words in <del> and added words in <ins>; all text escaped."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def _steps_text(snapshot: dict) -> dict[str, str]:
    roles = dict(Role.choices)
    return {
        f"{step['phase']} – {roles.get(step['role'], step['role'])}": step["text"]
        for step in snapshot.get("steps", [])
    }


def diff_snapshots(old: dict | None, new: dict) -> list[FieldDiff]:
    """Every field that differs; a missing old snapshot means everything is new."""
    old = old or {}
    diffs = []
    for name, label in labels().items():
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if isinstance(after, list) or isinstance(before, list):
            before_text = ", ".join(before or [])
            after_text = ", ".join(after or [])
        else:
            before_text = "" if before is None else str(before)
            after_text = "" if after is None else str(after)
        diffs.append(FieldDiff(str(label), word_diff(before_text, after_text)))
    before_steps, after_steps = _steps_text(old), _steps_text(new)
    for key in sorted(set(before_steps) | set(after_steps)):
        if before_steps.get(key) != after_steps.get(key):
            label = _("Steg: %(step)s") % {"step": key}
            diffs.append(
                FieldDiff(
                    str(label), word_diff(before_steps.get(key, ""), after_steps.get(key, ""))
                )
            )
    return diffs
