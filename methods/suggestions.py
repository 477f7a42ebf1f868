"""The method page's suggestion lists ("Liknande metoder" and "Används av företag i samma
bransch") kept as a read model: MethodSuggestion rows for each published method, so that the
page reads a few rows by index instead of ranking the handbook while a reader waits (the
ranking takes tens of milliseconds at 10,000 methods and grows with the handbook).

Each kept list is exactly what Method.objects.related_to() answers. A background task, queued
when the transaction that changed something commits, recomputes what the change can move:

- a method saved (published, archived, deleted, restored, retitled) or its phases, areas or
  lines of business changed: its own lists; every list it is in (it may have left or dropped);
  every list it now enters (its score against that method beats the list's last line); and
  the "same line" lists of the lines of the companies that reported on it;
- an experience report published or withdrawn, or a company's lines changed: that method, and
  the "same line" lists of every method whose lines meet the company's, computed once per set
  of lines (the list depends only on the lines).

Until its first computation a method's lists are ranked at render time, as before; rows of a
method that has since left the published handbook are never shown (the read filters them), so
an archive or delete is right at once and the task only fills the gap. `rebuild()` (command
`rebuild_suggestions`) computes every list, for existing data and the benchmark's seeder.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from django.db import connection, transaction
from django.db.models import Aggregate, Exists, JSONField, OuterRef, Prefetch, Subquery
from django.db.models.functions import JSONObject
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.tasks import task

from core.bulk import insert_rows
from core.models import SiteVersion
from core.tasks import gather_on_commit

from .choices import Status
from .models import BusinessLine, Method, MethodSuggestion, Phase

LIMIT = 4
Kind = MethodSuggestion.Kind
# The lists rebuilt for the whole handbook are written as plain tuples (core.bulk): model
# instances for hundreds of thousands of rows took half of rebuild()'s time.
ROW = ("method", "suggested", "kind", "position", "score")
COMPUTED, SIMILAR, SAME_LINE = int(Kind.COMPUTED), int(Kind.SIMILAR), int(Kind.SAME_LINE)
LISTS = (Kind.SIMILAR, Kind.SAME_LINE)


# --- Reading ----------------------------------------------------------------------------------


class _JSONRows(Aggregate):
    """The grouped rows as one JSON array, of jsonb on PostgreSQL (Django reads jsonb as text
    and decodes it, as for a JSONField); SQLite's JSON text otherwise."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def with_kept_lists(queryset):
    """The methods with `suggestions_kept` (whether their lists are in the read model: one
    indexed EXISTS) and `kept_lists` (the suggested methods of both lists as JSON, or None
    when there are none), in the query that loads the method: the page asks nothing more."""
    rows = (
        MethodSuggestion.objects.filter(
            method=OuterRef("pk"),
            kind__in=LISTS,
            suggested__status=Status.PUBLISHED,
            suggested__deleted_at__isnull=True,
        )
        .values("method")
        .annotate(
            rows=_JSONRows(
                JSONObject(
                    kind="kind",
                    position="position",
                    score="score",
                    id="suggested_id",
                    title="suggested__title",
                    slug="suggested__slug",
                    summary="suggested__summary",
                )
            )
        )
        .values("rows")
    )
    return queryset.annotate(
        suggestions_kept=Exists(
            MethodSuggestion.objects.filter(method=OuterRef("pk"), kind=Kind.COMPUTED)
        ),
        kept_lists=Subquery(rows),
    )


def lists_for(method: Method) -> tuple[list, list]:
    """(similar methods, methods used in the same lines of business) for the method page, each
    in order: the kept rows when there are any (loaded with with_kept_lists) as Suggested
    values, else Methods ranked now (both with title, summary, get_absolute_url and uses)."""
    if not getattr(method, "suggestions_kept", False):
        return Method.objects.related_to(method, LIMIT)
    similar, same_line = [], []
    for row in sorted(method.kept_lists or (), key=itemgetter("kind", "position")):
        other = Suggested(row["id"], row["title"], row["slug"], row["summary"], row["score"])
        (similar if row["kind"] == SIMILAR else same_line).append(other)
    return similar, same_line


@dataclass(frozen=True, slots=True)
class Suggested:
    """A suggested method as the lists show it, from a kept row: a plain value, not a Method
    (making eight model instances took a twentieth of a method page). `uses` is the score:
    in the "same line" list, how many companies in the lines tried it."""

    pk: int
    title: str
    slug: str
    summary: str
    uses: int

    # The method's own address rule, which reads only the slug.
    get_absolute_url = Method.get_absolute_url


# --- Computing --------------------------------------------------------------------------------


def _with_classification(queryset):
    return queryset.prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("number")),
        "competence_areas",
        "business_lines",
    )


def _rows(method: Method) -> list[MethodSuggestion]:
    similar, same_line = Method.objects.related_to(method, LIMIT)
    rows = [MethodSuggestion(method=method, kind=Kind.COMPUTED, position=0)]
    for kind, found in ((Kind.SIMILAR, similar), (Kind.SAME_LINE, same_line)):
        rows += [
            MethodSuggestion(
                method=method, suggested_id=other.pk, kind=kind, position=i, score=other.score
            )
            for i, other in enumerate(found, start=1)
        ]
    return rows


def _recompute(method_ids: Iterable[int]) -> None:
    """Both lists of these methods, from scratch: kept for the published ones, dropped for the
    rest (their pages are ranked at render time, for the few who may see them)."""
    method_ids = sorted(set(method_ids))
    for start in range(0, len(method_ids), 200):
        batch = method_ids[start : start + 200]
        methods = list(_with_classification(Method.objects.published().filter(pk__in=batch)))
        rows = [row for method in methods for row in _rows(method)]
        MethodSuggestion.objects.filter(method_id__in=batch).delete()
        MethodSuggestion.objects.bulk_create(rows)


def _lists_entered_by(method: Method) -> list[int]:
    """Kept methods whose similar list this published method now belongs in: it shares more
    with them than their last line does (or as much, with a lower id: the list's tiebreak), or
    their list is not full."""
    similar = Method.objects.all()._similar_sql(method, None)
    if similar is None:
        return []
    table = MethodSuggestion._meta.db_table
    sql = (
        f"SELECT s.id FROM ({similar[0]}) s "  # noqa: S608 - compiled SQL and table names only
        f"JOIN {table} kept ON kept.method_id = s.id AND kept.kind = %s "
        f"LEFT JOIN {table} last ON last.method_id = s.id AND last.kind = %s "
        "AND last.position = %s "
        "WHERE last.id IS NULL OR s.score > last.score "
        "OR (s.score = last.score AND %s < last.suggested_id)"
    )
    params = [*similar[1], Kind.COMPUTED, Kind.SIMILAR, LIMIT, method.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _reporter_line_ids(method_ids: Iterable[int]) -> set[int]:
    return set(
        BusinessLine.objects.filter(
            companies__experience_reports__method__in=list(method_ids),
            companies__experience_reports__status=Status.PUBLISHED,
        ).values_list("pk", flat=True)
    )


def _refresh_same_line(line_ids: set[int]) -> None:
    """The "same line" lists of every kept method whose lines meet these: its own lines, or
    for a method meant for every line, those of the companies that reported on it."""
    through = Method.business_lines.through
    reporters = BusinessLine.objects.filter(
        pk__in=line_ids,
        companies__experience_reports__method=OuterRef("pk"),
        companies__experience_reports__status=Status.PUBLISHED,
    )
    kept = Method.objects.published().filter(suggestion_rows__kind=Kind.COMPUTED)
    affected = set(kept.filter(business_lines__in=line_ids).values_list("pk", flat=True)) | set(
        kept.filter(business_lines__isnull=True)
        .filter(Exists(reporters))
        .values_list("pk", flat=True)
    )
    if not affected:
        return
    own: dict[int, set[int]] = defaultdict(set)
    for method_id, line_id in through.objects.filter(method_id__in=affected).values_list(
        "method_id", "businessline_id"
    ):
        own[method_id].add(line_id)
    for method_id, line_id in BusinessLine.objects.filter(
        companies__experience_reports__method__in=affected - own.keys(),
        companies__experience_reports__status=Status.PUBLISHED,
    ).values_list("companies__experience_reports__method", "pk"):
        own[method_id].add(line_id)
    by_lines: dict[frozenset[int], list[int]] = defaultdict(list)
    for method_id in affected:
        by_lines[frozenset(own[method_id])].append(method_id)
    rows = []
    for lines, method_ids in by_lines.items():
        # One ranking per set of lines; one more than a list holds, as each list leaves its
        # own method out.
        top = (
            list(Method.objects.used_in_lines(sorted(lines)).values_list("pk", "uses")[: LIMIT + 1])
            if lines
            else []
        )
        for method_id in method_ids:
            others = [(pk, uses) for pk, uses in top if pk != method_id][:LIMIT]
            rows += [
                (method_id, pk, SAME_LINE, i, uses) for i, (pk, uses) in enumerate(others, start=1)
            ]
    MethodSuggestion.objects.filter(method_id__in=affected, kind=Kind.SAME_LINE).delete()
    insert_rows(MethodSuggestion, ROW, rows)


def refresh(method_ids: Iterable[int] = (), line_ids: Iterable[int] = ()) -> None:
    """Bring the kept lists up to date after these methods changed (or were reported on) and
    the lists of these lines of business moved (see the module's docstring)."""
    method_ids, line_ids = set(method_ids), set(line_ids)
    if not method_ids and not line_ids:
        return
    with transaction.atomic():
        affected = set(method_ids)
        affected |= set(
            MethodSuggestion.objects.filter(suggested_id__in=method_ids).values_list(
                "method_id", flat=True
            )
        )
        for method in _with_classification(Method.objects.published().filter(pk__in=method_ids)):
            affected |= set(_lists_entered_by(method))
        line_ids |= _reporter_line_ids(method_ids)
        _recompute(affected)
        if line_ids:
            _refresh_same_line(line_ids)
        # The cached method pages (and the lists kept per version) show the new lists at once.
        SiteVersion.objects.bump()


class _Scores:
    """Every published method's similar list at once, with the scores and order of
    Method.objects.related_to() (MethodQuerySet._similar_sql: a shared competence area weighs
    3, a line of business 2, a phase 1; highest score first, then lowest id).

    A bitmap of published methods per area, line and phase (bit i: the i-th lowest id), and
    for each method the scores of all others at once as bit slices: slice k holds bit k of
    every other method's score. Adding a value's bitmap with its weight is a ripple-carry add
    over the slices, a few whole-bitmap operations, so a method costs some hundred operations
    on integers of N bits instead of a ranking query over the link tables (the SQL self-join
    this replaces made every pair of methods sharing a phase: N² rows, minutes at 10,000)."""

    WEIGHTS = (
        (Method.competence_areas.through, "competencearea_id", 3),
        (Method.business_lines.through, "businessline_id", 2),
        (Method.phases.through, "phase_id", 1),
    )

    def __init__(self, ids: list[int]):
        self.ids = ids  # ascending, so a lower bit is a lower id (the tiebreak)
        index = {pk: i for i, pk in enumerate(ids)}
        self.values: list[list[tuple[int, int]]] = [[] for _ in ids]  # (weight, bitmap key)
        self.bitmaps: dict[tuple[int, int], int] = defaultdict(int)
        for table, column, weight in self.WEIGHTS:
            for method_id, item in table.objects.values_list("method_id", column).iterator(
                chunk_size=10_000
            ):
                i = index.get(method_id)
                if i is not None:  # links of unpublished methods count for nobody
                    self.bitmaps[(weight, item)] |= 1 << i
                    self.values[i].append((weight, item))

    def top(self, i: int, limit: int) -> list[tuple[int, int]]:
        """(id, score) of the `limit` methods sharing the most with the i-th, best first."""
        slices: list[int] = []
        for weight, item in self.values[i]:
            bitmap = self.bitmaps[(weight, item)]
            for k in range(weight.bit_length()):
                if weight >> k & 1:
                    carry, j = bitmap, k
                    while carry:
                        while len(slices) <= j:
                            slices.append(0)
                        slices[j], carry = slices[j] ^ carry, slices[j] & carry
                        j += 1
        if not slices:
            return []
        alive = (1 << len(self.ids)) - 1 & ~(1 << i)  # everyone but the method itself
        found: list[tuple[int, int]] = []
        for score in range((1 << len(slices)) - 1, 0, -1):
            hits = alive
            for k, bits in enumerate(slices):
                hits &= bits if score >> k & 1 else ~bits
                if not hits:
                    break
            while hits and len(found) < limit:
                low = hits & -hits
                found.append((self.ids[low.bit_length() - 1], score))
                hits ^= low
            if len(found) == limit:
                break
        return found


def rebuild(report=None, batch: int = 2000) -> int:
    """Every published method's lists, from scratch; the number of methods kept. The similar
    lists from bitmaps in memory (_Scores), the "same line" lists once per set of lines."""
    ids = list(Method.objects.published().order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        MethodSuggestion.objects.all().delete()
        insert_rows(MethodSuggestion, ROW, ((pk, None, COMPUTED, 0, 0) for pk in ids))
        scores = _Scores(ids)
        for start in range(0, len(ids), batch):
            insert_rows(
                MethodSuggestion,
                ROW,
                (
                    (ids[i], other, SIMILAR, position, score)
                    for i in range(start, min(start + batch, len(ids)))
                    for position, (other, score) in enumerate(scores.top(i, LIMIT), start=1)
                ),
            )
            if report:
                report(min(start + batch, len(ids)), len(ids))
        _refresh_same_line(set(BusinessLine.objects.values_list("pk", flat=True)))
        SiteVersion.objects.bump()
    return len(ids)


def forget_all() -> None:
    """Drop every kept list (after a restore): pages rank at render time until the refresh
    tasks that loading the rows queued have computed them again."""
    MethodSuggestion.objects.all().delete()


def keep(method_ids: Iterable[int]) -> None:
    """Compute the own lists of these methods only (not the lists they appear in): for a
    database too large to rebuild at once, the methods whose pages are visited first."""
    with transaction.atomic():
        _recompute(method_ids)
        SiteVersion.objects.bump()


@task()
def refresh_suggestions(method_ids: list[int], line_ids: list[int]) -> None:
    refresh(method_ids, line_ids)


def schedule(method_ids: Iterable[int] = (), line_ids: Iterable[int] = ()) -> None:
    """Queue a refresh for when the current transaction commits (at once outside one): one task
    for every change in the transaction (core.tasks.gather_on_commit)."""
    gather_on_commit(
        "suggestions",
        lambda **ids: refresh_suggestions.enqueue(**ids),
        method_ids=method_ids,
        line_ids=line_ids,
    )


# --- What queues a refresh --------------------------------------------------------------------


def _method_saved(sender, instance: Method, raw: bool = False, **kwargs) -> None:
    if not raw:
        schedule(method_ids=[instance.pk])


def _method_deleted(sender, instance: Method, **kwargs) -> None:
    # Its rows in other lists go with it (cascade): those lists are recomputed.
    schedule(
        method_ids=MethodSuggestion.objects.filter(suggested=instance).values_list(
            "method_id", flat=True
        )
    )


def _classification_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        schedule(method_ids=[instance.pk])
    elif pk_set:
        schedule(method_ids=pk_set)


def connect() -> None:
    """Called from MethodsConfig.ready(); companies connects its own changes (reports, a
    company's lines) in companies.method_page."""
    post_save.connect(_method_saved, sender=Method, dispatch_uid="suggestions-method-saved")
    pre_delete.connect(_method_deleted, sender=Method, dispatch_uid="suggestions-method-deleted")
    for field in ("phases", "competence_areas", "business_lines"):
        m2m_changed.connect(
            _classification_changed,
            sender=getattr(Method, field).through,
            dispatch_uid=f"suggestions-{field}",
        )
