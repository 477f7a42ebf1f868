"""Readable differences between two revision snapshots: per field, changed words marked.

Bounded work: difflib.SequenceMatcher costs up to (length of a) x (length of b) per call, and
more with many repeated tokens, so a word diff of two unrelated 16 KB bodies took over 30 s.
The diff now goes line by line first, then word by word inside the changed lines, and each
level first cuts the common start and end (linear). The remaining middle is compared only when
the product of its lengths is within a limit (LINE_DIFF_LIMIT, WORD_DIFF_LIMIT), with a budget
per field (WORD_DIFF_BUDGET); beyond that the changed lines are shown whole, removed then added,
under the note "För många ändringar för att visa ord för ord".

Every value is put in words before it is compared (issue 13): choice codes by their labels,
slugs by the names they stand for, roles by their labels, Ja/Nej, numbers and dates as written
in Swedish. A field equal in words is not listed; free text is compared word by word, any other
value shown whole, old → new.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .choices import Role
from .models import Method, Phase
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

# Snapshot keys holding slugs of another model (shown by its names), and keys holding lists.
RELATED = ["external_trainer_phase", "company", "phases", "competence_areas", "business_lines"]
LIST_FIELDS = {"phases", "competence_areas", "business_lines", "target_roles"}


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


def _number(value) -> str:
    """4, 4.0, Decimal("4.0") and "4.0" all as "4"; 4.5 as "4,5" in Swedish."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    return number_format(number)


class _Words:
    """Snapshot values in words: labels for codes, names for slugs, Swedish numbers and dates.

    The names of the phases, competence areas, lines of business and companies named in the
    two snapshots are read once per diff, one query per vocabulary.
    """

    def __init__(self, *snapshots: dict):
        wanted: dict[type, set[str]] = {}
        for name in RELATED:
            model = Method._meta.get_field(name).related_model
            for data in snapshots:
                value = data.get(name)
                values = value if isinstance(value, list) else [value]
                wanted.setdefault(model, set()).update(v for v in values if v)
        for data in snapshots:
            wanted.setdefault(Phase, set()).update(s["phase"] for s in data.get("steps", []))
        self.names: dict[type, dict[str, str]] = {}
        self.order: dict[type, dict[str, int]] = {}
        for model, slugs in wanted.items():
            rows = list(model.objects.filter(slug__in=slugs)) if slugs else []
            if model is Phase:
                self.names[model] = {r.slug: r.display_name for r in rows}
                self.order[model] = {r.slug: r.number for r in rows}
            else:
                # A company's name, a competence area's or line's in the reader's language.
                self.names[model] = {r.slug: str(r) for r in rows}
        self.roles = {value: str(label) for value, label in Role.choices}
        self.role_order = {value: i for i, (value, _label) in enumerate(Role.choices)}

    def items(self, name: str, values: list | None) -> list[str]:
        """A list field's items in words, in the order the site shows them."""
        values = list(values or [])
        if name == "target_roles":
            values.sort(key=lambda v: self.role_order.get(v, len(self.role_order)))
            return [self.roles.get(v, v) for v in values]
        model = Method._meta.get_field(name).related_model
        names = self.names.get(model, {})
        order = self.order.get(model)
        if order is not None:
            values.sort(key=lambda v: order.get(v, 0))
            return [names.get(v, v) for v in values]
        return sorted(names.get(v, v) for v in values)

    def value(self, name: str, value) -> str:
        """One field's value as the site shows it; "" for nothing."""
        if value is None or value == "":
            return ""
        field = Method._meta.get_field(name)
        if name in RELATED:
            return self.names.get(field.related_model, {}).get(value, str(value))
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.BooleanField):
            return str(_("Ja") if value else _("Nej"))
        if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
            try:
                return _number(value)
            except (ArithmeticError, ValueError):
                return str(value)
        if isinstance(field, models.DateField) and isinstance(value, str):
            try:
                return date_format(date.fromisoformat(value))
            except ValueError:
                return value
        return str(value)

    def steps(self, snapshot: dict) -> dict[tuple, tuple[str, str]]:
        """Each step under a sort key: (its heading "<phase> – <role>", its text)."""
        names, order = self.names.get(Phase, {}), self.order.get(Phase, {})
        return {
            (order.get(s["phase"], 0), self.role_order.get(s["role"], 0), s["phase"], s["role"]): (
                f"{names.get(s['phase'], s['phase'])} – {self.roles.get(s['role'], s['role'])}",
                s["text"],
            )
            for s in snapshot.get("steps", [])
        }


def _is_text(name: str) -> bool:
    """Free text, compared word by word; anything else is shown whole, old → new."""
    if name in LIST_FIELDS or name in RELATED:
        return False
    field = Method._meta.get_field(name)
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def _whole(before: str, after: str) -> SafeString:
    parts = [f"<del>{escape(before)}</del>" if before else "", "<ins>" + escape(after) + "</ins>"]
    if not after:
        parts[1] = ""
    return mark_safe(" → ".join(p for p in parts if p))  # noqa: S308 - escaped above


def _items(before: list[str], after: list[str]) -> SafeString:
    """Kept items plain, removed ones in <del>, added ones in <ins>, in the new order."""
    kept = set(before) & set(after)
    out = [f"<del>{escape(b)}</del>" for b in before if b not in kept]
    out += [escape(a) if a in kept else f"<ins>{escape(a)}</ins>" for a in after]
    return mark_safe(", ".join(out))  # noqa: S308 - escaped above


def diff_snapshots(old: dict | None, new: dict) -> list[FieldDiff]:
    """Every field whose value in words differs; a missing old snapshot means all is new."""
    old = old or {}
    words = _Words(old, new)
    diffs = []
    for name, label in labels().items():
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if name in LIST_FIELDS:
            before_items, after_items = words.items(name, before), words.items(name, after)
            if sorted(before_items) != sorted(after_items):
                diffs.append(FieldDiff(str(label), _items(before_items, after_items)))
            continue
        before_text, after_text = words.value(name, before), words.value(name, after)
        if before_text == after_text:
            continue
        html = (
            word_diff(before_text, after_text)
            if _is_text(name)
            else _whole(before_text, after_text)
        )
        diffs.append(FieldDiff(str(label), html))
    before_steps, after_steps = words.steps(old), words.steps(new)
    for key in sorted(set(before_steps) | set(after_steps)):
        heading, before_text = before_steps.get(key, ("", ""))
        heading, after_text = after_steps.get(key, (heading, ""))
        if before_text != after_text:
            label = _("Steg: %(step)s") % {"step": heading}
            diffs.append(FieldDiff(str(label), word_diff(before_text, after_text)))
    return diffs
