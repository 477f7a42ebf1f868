"""Readable differences between two revision snapshots: per field, changed words marked.

Bounded work: difflib.SequenceMatcher costs up to (length of a) x (length of b) per call, and
more with many repeated tokens, so a word diff of two unrelated 16 KB bodies took over 30 s.
The diff now goes line by line first, then word by word inside the changed lines, and each
level first cuts the common start and end (linear). The remaining middle is compared only when
the product of its lengths is within a limit (LINE_DIFF_LIMIT, WORD_DIFF_LIMIT), with a budget
per field (WORD_DIFF_BUDGET); beyond that the changed lines are shown whole, removed then added,
under the note "För många ändringar för att visa ord för ord".
"""

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

# Bounds on SequenceMatcher's input, as (items before) x (items after) once the common start
# and end are cut: lines within a field, words within one block of changed lines, and words
# over a whole field.
LINE_DIFF_LIMIT = 40_000
WORD_DIFF_LIMIT = 40_000
WORD_DIFF_BUDGET = 200_000
TOO_MANY_CHANGES = _("För många ändringar för att visa ord för ord.")

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


def _opcodes(a: list[str], b: list[str], limit: int) -> tuple[list[tuple], int]:
    """SequenceMatcher's opcodes for a -> b, and the work spent (the middle's product), or -1
    when the middle was too big to compare.

    The common start and end are cut first; when the rest is bigger than `limit`, it is one
    "replace" and no work is spent on it.
    """
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a_mid, b_mid = a[start : len(a) - end], b[start : len(b) - end]
    ops: list[tuple] = [("equal", 0, start, 0, start)] if start else []
    work = len(a_mid) * len(b_mid)
    if work > limit:
        ops.append(("replace", start, start + len(a_mid), start, start + len(b_mid)))
        work = -1
    elif a_mid or b_mid:
        matcher = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            ops.append((op, i1 + start, i2 + start, j1 + start, j2 + start))
    if end:
        ops.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return ops, work


def _marked(op: str, before: str, after: str) -> str:
    if op == "equal":
        return escape(before)
    out = f"<del>{escape(before)}</del>" if before else ""
    return out + (f"<ins>{escape(after)}</ins>" if after else "")


def word_diff(old: str, new: str) -> SafeString:
    """old -> new with removed words in <del> and added words in <ins>; all text escaped.

    Changed lines are compared word by word within the limits above; beyond them they are
    shown whole, after the note TOO_MANY_CHANGES.
    """
    a, b = (old or "").splitlines(keepends=True), (new or "").splitlines(keepends=True)
    budget = WORD_DIFF_BUDGET
    whole = False
    out = []
    for op, i1, i2, j1, j2 in _opcodes(a, b, LINE_DIFF_LIMIT)[0]:
        before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op != "replace":
            out.append(_marked(op, before, after))
            continue
        words_a, words_b = _TOKENS.findall(before), _TOKENS.findall(after)
        word_ops, work = _opcodes(words_a, words_b, min(WORD_DIFF_LIMIT, budget))
        if work < 0:
            whole = True  # too big to compare: the changed lines whole
        else:
            budget -= work
        for w_op, w1, w2, v1, v2 in word_ops:
            out.append(_marked(w_op, "".join(words_a[w1:w2]), "".join(words_b[v1:v2])))
    note = f'<span class="diff-note">{escape(str(TOO_MANY_CHANGES))}</span> ' if whole else ""
    return mark_safe(note + "".join(out))  # noqa: S308 - every piece is escaped above


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
