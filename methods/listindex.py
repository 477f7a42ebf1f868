"""The list index: per facet value, the set of published methods as a bitmap (FacetBitmap).

The start page, the phase pages and the method list show counts: methods per phase, the
published total, and on the list a count next to every facet value for the current filters.
Counting over the methods table on every render costs time in proportion to the handbook; a
bitmap per value costs a popcount of an AND (a few microseconds at 100,000 methods).

The bitmaps are kept in the same transaction as every change to a method (signals, connected
in MethodsConfig.ready(): a save, a delete, a change of its phases, areas, lines or target
roles; the recycle bin's update() paths call refresh() themselves), so a page rendered after
the change never shows the old numbers under the new site version. Bulk loads that bypass
save() (the benchmark seeder, a restored dump) call rebuild().
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Substr
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import FacetBitmap, Method, MethodTargetRole

Key = tuple[str, str]

# Every published method; the base of every count.
ALL: Key = ("alla", "")

# Above this many methods in one refresh, reading whole bitmaps is cheaper than one byte per
# method and row.
_BYTEWISE_LIMIT = 16


def _keys_of(method_ids: list[int] | None) -> dict[int, set[Key]]:
    """The keys each published method among method_ids (every one for None) belongs under.
    A method that is not published, or no longer exists, is absent."""
    methods = Method.objects.published()
    if method_ids is not None:
        methods = methods.filter(pk__in=method_ids)
    keys: dict[int, set[Key]] = {}
    for pk, form, cost, band, external in methods.values_list(
        "pk", "learning_form", "cost_level", "time_band", "needs_external_trainer"
    ).order_by():
        keys[pk] = {
            ALL,
            ("form", form),
            ("kostnad", cost),
            ("tid", band),
            ("extern", "ja" if external else "nej"),
        }
    links = [
        ("fas", Method.phases.through, "phase_id"),
        ("omrade", Method.competence_areas.through, "competencearea_id"),
        ("bransch", Method.business_lines.through, "businessline_id"),
        ("roll", MethodTargetRole, "role"),
    ]
    for facet, table, column in links:
        rows = table.objects.all()
        if method_ids is not None:
            if not keys:
                break  # none of them is published: nothing to look up
            rows = rows.filter(method_id__in=keys.keys())
        for method_id, value in rows.values_list("method_id", column).order_by():
            if method_id in keys:
                keys[method_id].add((facet, str(value)))
    return keys


def _to_int(bits: bytes | memoryview) -> int:
    return int.from_bytes(bytes(bits), "little")


def _to_bytes(number: int) -> bytes:
    return number.to_bytes((number.bit_length() + 7) // 8, "little")


def rebuild() -> None:
    """Every bitmap from scratch: for data written without save() (bulk loads, migrations).
    Rows of values no published method has are kept, empty."""
    numbers: dict[Key, int] = defaultdict(int)
    numbers[ALL] = 0
    for pk, keys in _keys_of(None).items():
        for key in keys:
            numbers[key] |= 1 << pk
    with transaction.atomic():
        rows = {(r.facet, r.value): r for r in FacetBitmap.objects.select_for_update()}
        for key, row in rows.items():
            number = numbers.pop(key, 0)
            row.bits, row.count = _to_bytes(number), number.bit_count()
        FacetBitmap.objects.bulk_update(rows.values(), ["bits", "count"], batch_size=50)
        FacetBitmap.objects.bulk_create(
            FacetBitmap(facet=facet, value=value, bits=_to_bytes(number), count=number.bit_count())
            for (facet, value), number in numbers.items()
        )


@transaction.atomic
def refresh(method_ids: list[int]) -> None:
    """Put these methods' bits right in every bitmap, after a change to them (or their
    deletion). Only the rows whose bit changes are written, each locked first."""
    method_ids = sorted(set(method_ids))
    if not method_ids:
        return
    # A change to a method and its refresh in one order: whoever changes it next waits.
    list(Method.objects.select_for_update().filter(pk__in=method_ids).values_list("pk"))
    wanted = _keys_of(method_ids)
    changed: dict[Key, dict[int, bool]] = defaultdict(dict)
    existing: set[Key] = set()
    for (key, method_id), is_set in _current_bits(method_ids):
        existing.add(key)
        should = key in wanted.get(method_id, ())
        if is_set != should:
            changed[key][method_id] = should
    for method_id, keys in wanted.items():
        for key in keys - existing:
            changed[key][method_id] = True
    if not changed:
        return
    FacetBitmap.objects.bulk_create(
        [FacetBitmap(facet=f, value=v) for f, v in changed.keys() - existing],
        ignore_conflicts=True,  # another writer may create the same row meanwhile
    )
    rows = FacetBitmap.objects.select_for_update().order_by("facet", "value")
    updated = []
    for row in rows.filter(facet__in={f for f, _v in changed}):
        bits = changed.get((row.facet, row.value))
        if bits is None:
            continue
        number = _to_int(row.bits)
        for pk, should in bits.items():
            number = number | (1 << pk) if should else number & ~(1 << pk)
        row.bits, row.count = _to_bytes(number), number.bit_count()
        updated.append(row)
    FacetBitmap.objects.bulk_update(updated, ["bits", "count"])


def _current_bits(method_ids: list[int]):
    """((key, method id), whether the bit is set) for every row and method: the byte holding
    each method's bit, read on its own while few methods changed."""
    if len(method_ids) > _BYTEWISE_LIMIT:
        for facet, value, bits in FacetBitmap.objects.values_list("facet", "value", "bits"):
            number = _to_int(bits)
            for pk in method_ids:
                yield ((facet, value), pk), bool(number >> pk & 1)
        return
    columns = {
        f"b{pk}": Substr("bits", Value(pk // 8 + 1), Value(1), output_field=FacetBitmap.bits.field)
        for pk in method_ids
    }
    for row in FacetBitmap.objects.annotate(**columns).values("facet", "value", *columns):
        for pk in method_ids:
            byte = bytes(row[f"b{pk}"] or b"")
            yield ((row["facet"], row["value"]), pk), bool(byte and byte[0] >> (pk % 8) & 1)


# --- Reading ----------------------------------------------------------------------------------


def counts() -> dict[Key, int]:
    """How many published methods each value has, and the total under ALL: one query over
    the few rows, without their bits."""
    return {(f, v): n for f, v, n in FacetBitmap.objects.values_list("facet", "value", "count")}


def bitmap(key: Key) -> int:
    """One value's bitmap (0 for a value no published method has)."""
    row = FacetBitmap.objects.filter(facet=key[0], value=key[1]).values_list("bits").first()
    return _to_int(row[0]) if row else 0


def members(bitmap: int) -> list[int]:
    """The method ids in a bitmap, highest first (bin() and a scan for "1" run in C)."""
    digits = bin(bitmap)  # "0b1..."; the last character is bit 0
    top = len(digits) - 1
    return [top - match.start() for match in re.finditer("1", digits)]


def bitmaps() -> dict[Key, int]:
    """Every value's bitmap as a Python int (AND, OR and int.bit_count do the counting)."""
    return {
        (f, v): _to_int(bits)
        for f, v, bits in FacetBitmap.objects.values_list("facet", "value", "bits")
    }


# --- Keeping it current -----------------------------------------------------------------------


def connect() -> None:
    """Refresh a method's bits whenever it, its target roles or its phase, area or line links
    change (called from MethodsConfig.ready()). Signals, like the site version: saves in the
    admin, the services and the management commands all pass through here."""
    post_save.connect(_method_changed, sender=Method, dispatch_uid="listindex-method-save")
    post_delete.connect(_method_changed, sender=Method, dispatch_uid="listindex-method-delete")
    post_save.connect(_role_changed, sender=MethodTargetRole, dispatch_uid="listindex-role-save")
    post_delete.connect(
        _role_changed, sender=MethodTargetRole, dispatch_uid="listindex-role-delete"
    )
    for field in ("phases", "competence_areas", "business_lines"):
        m2m_changed.connect(
            _links_changed,
            sender=getattr(Method, field).through,
            dispatch_uid=f"listindex-{field}",
        )


def _method_changed(sender, instance: Method, raw: bool = False, **kwargs) -> None:
    if not raw:  # loading fixtures: the loaddata caller rebuilds
        refresh([instance.pk])


def _role_changed(sender, instance: MethodTargetRole, raw: bool = False, **kwargs) -> None:
    if not raw:
        refresh([instance.method_id])


def _links_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        refresh([instance.pk])
    elif pk_set:  # phase.methods.add(...): the methods are the changed ones
        refresh(list(pk_set))
    elif action == "post_clear":  # phase.methods.clear(): which methods is no longer known
        rebuild()
