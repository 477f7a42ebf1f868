"""Facets of the method list: filters read from the URL, and how many methods each value has.

Values within one facet are alternatives (OR); facets combine (AND). The count next to a value is
the number of methods the list would show if that value were added: it applies every other
facet's filter but not the facet's own ("disjunctive" counts, as shops do it). All counts come
from one UNION query, so the page costs the same however many facets are active.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Case, CharField, Count, F, QuerySet, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from core.models import SiteVersion

from . import listindex
from .choices import CostLevel, LearningForm, Role, TimeBand
from .models import (
    BusinessLine,
    CompetenceArea,
    Method,
    MethodTargetRole,
    Phase,
    in_reader_language,
)

FACET_CACHE_SECONDS = 600
EXTERNAL_CHOICES = [("ja", _("Behövs")), ("nej", _("Behövs inte"))]
SORTS = [
    ("titel", _("Titel A–Ö")),
    ("nyast", _("Nyast först")),
    ("rapporter", _("Flest erfarenhetsrapporter")),
]
RELEVANCE = ("relevans", _("Bäst träff"))


@dataclass(frozen=True)
class Facet:
    param: str  # the URL parameter
    label: str
    lookup: str  # Method lookup that the values filter on
    related: str | None = None  # for many-valued facets: the Method relation holding the values
    value_path: str = ""  # from a row of that relation's table to the value

    def filter(self, queryset: QuerySet, values: list[str]) -> QuerySet:
        if self.param == "extern":
            return queryset.filter(needs_external_trainer__in=[v == "ja" for v in values])
        if self.related:
            # A subquery, not a join: a method with two of the chosen values is listed once.
            matching = Method.objects.filter(**{f"{self.lookup}__in": values}).values("pk")
            return queryset.filter(pk__in=matching)
        return queryset.filter(**{f"{self.lookup}__in": values})

    def _value_of_field(self):
        if self.param == "extern":
            return Case(
                When(needs_external_trainer=True, then=Value("ja")),
                default=Value("nej"),
                output_field=CharField(),
            )
        return Cast(self.lookup, output_field=CharField())

    def counts(self, base: QuerySet) -> QuerySet:
        """(param, value, count) rows for this facet over the methods in base."""
        if self.related is None:
            rows = Method.objects.filter(pk__in=base.values("pk")).values(
                value=self._value_of_field()
            )
            count = Count("pk")
        else:
            table = (
                MethodTargetRole
                if self.related == "target_roles"
                else getattr(Method, self.related).through
            )
            rows = table.objects.filter(method_id__in=base.values("pk")).values(
                value=F(self.value_path)
            )
            count = Count("method_id", distinct=True)
        return (
            rows.annotate(n=count)
            .annotate(facet=Value(self.param, output_field=CharField()))
            .values_list("facet", "value", "n")
            .order_by()
        )


FACETS = [
    Facet("fas", _("Fas"), "phases__slug", "phases", "phase__slug"),
    Facet("omrade", _("Kompetensområde"), "competence_areas__slug", "competence_areas",
          "competencearea__slug"),
    Facet("form", _("Lärandeform"), "learning_form"),
    Facet("bransch", _("Bransch"), "business_lines__slug", "business_lines",
          "businessline__slug"),
    Facet("roll", _("För vem"), "target_roles__role", "target_roles", "role"),
    Facet("kostnad", _("Kostnad"), "cost_level"),
    Facet("tid", _("Tidsåtgång"), "time_band"),
    Facet("extern", _("Extern utbildare"), "needs_external_trainer"),
]  # fmt: skip
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetView:
    facet: Facet
    options: list[Option]

    @property
    def has_selection(self) -> bool:
        return any(o.selected for o in self.options)


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value_label: str
    remove_querystring: str


@dataclass(frozen=True)
class VocabularyEntry:
    """A phase, competence area or line of business as the facets show it."""

    pk: int
    slug: str
    name: str
    name_en: str
    number: int  # a phase's number; 0 for areas and lines

    @property
    def display_name(self) -> str:
        return in_reader_language(self.name, self.name_en)


def _reference_lists() -> dict[str, list[VocabularyEntry]]:
    """The three vocabularies in one query (a UNION in each table's display order): a cold
    cache costs the list one round trip, not three."""
    columns = ("kind", "pk", "slug", "name", "name_en", "position")
    parts = [
        Phase.objects.annotate(kind=Value("phases"), position=F("number")),
        CompetenceArea.objects.annotate(kind=Value("areas"), position=Value(0)),
        BusinessLine.objects.annotate(kind=Value("lines"), position=Value(0)),
    ]
    parts = [part.values_list(*columns).order_by() for part in parts]
    # In each list's display order: phases by number, the others by name (the database's
    # collation, as their Meta.ordering has it).
    rows = parts[0].union(*parts[1:], all=True).order_by("kind", "position", "name")
    lists: dict[str, list[VocabularyEntry]] = {"phases": [], "areas": [], "lines": []}
    for kind, *fields in rows:
        lists[kind].append(VocabularyEntry(*fields))
    return lists


def _choices(lists: dict[str, list]) -> dict[str, list[tuple[str, str]]]:
    """Every facet's possible values with labels, in display order, from the reference lists
    (the labels are made here, in the request's language)."""
    return {
        "fas": [(p.slug, f"{p.number}. {p.display_name}") for p in lists["phases"]],
        "omrade": [(a.slug, a.display_name) for a in lists["areas"]],
        "form": LearningForm.choices,
        "bransch": [(b.slug, b.display_name) for b in lists["lines"]],
        "roll": Role.choices,
        "kostnad": CostLevel.choices,
        "tid": TimeBand.choices,
        "extern": EXTERNAL_CHOICES,
    }


def _index_values(lists: dict[str, list]) -> dict[tuple[str, str], str]:
    """(facet, value in the URL) -> the value the list index keys on, where they differ: the
    index keys phases, areas and lines by id, so renaming a slug changes nothing there."""
    return {
        (param, row.slug): str(row.pk)
        for param, name in (("fas", "phases"), ("omrade", "areas"), ("bransch", "lines"))
        for row in lists[name]
    }


class MethodFilter:
    """The list's state from the URL: facet values, search text, sort. Unknown values are
    dropped (an old or mistyped link still shows a list), never an error."""

    def __init__(self, params, *, searching: bool = False) -> None:
        # The three lists from the database are kept per structure version (see SiteVersion).
        lists = SiteVersion.objects.cached_structure("facet-choices", _reference_lists)
        self.choices = _choices(lists)
        self.index_values = _index_values(lists)
        self.selected: dict[str, list[str]] = {}
        for facet in FACETS:
            valid = {value for value, _label in self.choices[facet.param]}
            values = [v for v in dict.fromkeys(params.getlist(facet.param)) if v in valid]
            if values:
                self.selected[facet.param] = values
        self.searching = searching
        sorts = self.sort_choices
        requested = params.get("sort", "")
        self.sort = requested if requested in dict(sorts) else sorts[0][0]

    @property
    def sort_choices(self) -> list[tuple[str, str]]:
        return [RELEVANCE, *SORTS] if self.searching else SORTS

    def apply(self, queryset: QuerySet, *, skip: str | None = None) -> QuerySet:
        for param, values in self.selected.items():
            if param != skip:
                queryset = FACETS_BY_PARAM[param].filter(queryset, values)
        return queryset

    def facet_views(self, base: QuerySet, search_key: str = "") -> list[FacetView]:
        """Every facet with every value and its count, over a search's hits (base).

        The counts come from one UNION query and are cached under the handbook's content
        version (SiteVersion), so paging through a list, or the next visitor with the same
        filters, reuses them; any change to the content retires them. Without a search,
        indexed_counts() counts from the list index instead.
        """

        def count() -> dict:
            parts = [facet.counts(self.apply(base, skip=facet.param)) for facet in FACETS]
            union = parts[0].union(*parts[1:], all=True)
            return {(param, value): n for param, value, n in union}

        key = hashlib.sha256(repr((sorted(self.params()), search_key)).encode()).hexdigest()
        counts = SiteVersion.objects.cached(f"facets:{key}", count, FACET_CACHE_SECONDS)
        return self._views(counts)

    def indexed_counts(self) -> tuple[list[FacetView], int, int | None]:
        """Every facet with every value and its count, and how many methods the list shows,
        over every published method, from the list index (methods.listindex): one query,
        whatever the size of the handbook and however many filters are chosen. The third
        value is the bitmap of the methods the filters let through (None without filters).

        Without filters the stored counts are the answer. With filters, a value's count is
        the popcount of its bitmap AND every other facet's choice (the values of one facet
        ORed), so each facet's own choice does not narrow its own counts.
        """
        if not self.selected:
            stored = listindex.counts()
            counts = {
                (param, value): stored.get((param, self.index_values.get((param, value), value)), 0)
                for param, value in self._all_values()
            }
            return self._views(counts), stored.get(listindex.ALL, 0), None
        bitmaps = listindex.bitmaps()
        everything = bitmaps.get(listindex.ALL, 0)

        def bitmap(param: str, value: str) -> int:
            return bitmaps.get((param, self.index_values.get((param, value), value)), 0)

        chosen = {}
        for param, values in self.selected.items():
            union = 0
            for value in values:
                union |= bitmap(param, value)
            chosen[param] = union
        shown = everything
        for union in chosen.values():
            shown &= union
        counts = {}
        for facet in FACETS:
            others = everything
            for param, union in chosen.items():
                if param != facet.param:
                    others &= union
            for value, _label in self.choices[facet.param]:
                counts[(facet.param, value)] = (bitmap(facet.param, value) & others).bit_count()
        return self._views(counts), shown.bit_count(), shown

    def _all_values(self):
        for facet in FACETS:
            for value, _label in self.choices[facet.param]:
                yield facet.param, value

    def _views(self, counts: dict) -> list[FacetView]:
        views = []
        for facet in FACETS:
            chosen = self.selected.get(facet.param, [])
            options = [
                Option(value, str(label), counts.get((facet.param, value), 0), value in chosen)
                for value, label in self.choices[facet.param]
            ]
            views.append(FacetView(facet, options))
        return views

    def order(self, queryset: QuerySet) -> QuerySet:
        if self.sort == "relevans":
            return queryset.order_by("-rank", "title", "pk")
        if self.sort == "nyast":
            # Every published method has a publication time (Method.save sets it); the order
            # is the one method_list_newest_idx holds (SQLite has no NULLS LAST in an index).
            return queryset.order_by("-published_at", "-pk")
        if self.sort == "rapporter":
            return queryset.order_by("-report_count", "title", "pk")
        return queryset.order_by("title", "pk")

    def params(self) -> list[tuple[str, str]]:
        return [(param, value) for param, values in self.selected.items() for value in values]

    def querystring(self, *, without: tuple[str, str] | None = None, **extra: str) -> str:
        pairs = [pair for pair in self.params() if pair != without]
        pairs += [(key, value) for key, value in extra.items() if value]
        return urlencode(pairs)

    @property
    def active(self) -> list[ActiveFilter]:
        result = []
        for param, values in self.selected.items():
            labels = dict(self.choices[param])
            for value in values:
                result.append(
                    ActiveFilter(
                        str(FACETS_BY_PARAM[param].label),
                        str(labels[value]),
                        self.querystring(without=(param, value)),
                    )
                )
        return result

    @property
    def is_active(self) -> bool:
        return bool(self.selected)
