"""The trainer directory's filters and counts.

Filters: competence area (`omrade`), county (`lan`), language (`sprak`), format (`form`) and kind
(`typ`). Values within a filter are alternatives, filters combine. Next to each option is how
many trainers the list would show with it added (the other filters applied, not its own), as in
the method list. The directory holds approved profiles only, a few hundred at most, so the
counts are made from two narrow reads of every approved profile's facet values (the profile's
own columns, and its areas through the link table) instead of one count query per option: the
page costs the same queries at any size, and the rows it lists come in one more query.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from companies.choices import County
from methods.models import CompetenceArea

from .choices import TeachingLanguage, TrainerKind, TrainingFormat
from .models import Trainer

AREA, COUNTY, LANGUAGE, FORMAT, KIND = "omrade", "lan", "sprak", "form", "typ"
PARAMS = [AREA, COUNTY, LANGUAGE, FORMAT, KIND]
LABELS = {
    AREA: _("Kompetensområde"),
    COUNTY: _("Län"),
    LANGUAGE: _("Språk"),
    FORMAT: _("Var"),
    KIND: _("Typ av utbildare"),
}
# More values than any facet has: a longer list in the URL is cut, never an error.
MAX_VALUES = 30


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetView:
    param: str
    label: str
    options: list[Option]


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value_label: str
    remove_querystring: str


class TrainerFilter:
    """The directory's filters from the URL. Unknown values are dropped, never an error."""

    def __init__(self, params) -> None:
        areas = list(CompetenceArea.objects.order_by("name").only("slug", "name", "name_en"))
        self.choices: dict[str, list[tuple[str, str]]] = {
            AREA: [(a.slug, a.display_name) for a in areas],
            COUNTY: [(v, str(label)) for v, label in County.choices],
            LANGUAGE: [(v, str(label)) for v, label in TeachingLanguage.choices],
            FORMAT: [(v, str(label)) for v, label in TrainingFormat.choices],
            KIND: [(v, str(label)) for v, label in TrainerKind.choices],
        }
        self._area_slug = {a.pk: a.slug for a in areas}
        self.selected: dict[str, list[str]] = {}
        for param in PARAMS:
            known = {value for value, _label in self.choices[param]}
            values = [v for v in dict.fromkeys(params.getlist(param)) if v in known]
            if values:
                self.selected[param] = values[:MAX_VALUES]

    def _profiles(self) -> dict[int, dict[str, set[str]]]:
        """Every approved profile's values per facet: two queries."""
        profiles: dict[int, dict[str, set[str]]] = {}
        rows = Trainer.objects.approved().values_list(
            "pk", "kind", "counties", "languages", "formats"
        )
        for pk, kind, counties, languages, formats in rows:
            profiles[pk] = {
                AREA: set(),
                COUNTY: set(counties or []),
                LANGUAGE: set(languages or []),
                FORMAT: set(formats or []),
                KIND: {kind},
            }
        links = Trainer.competence_areas.through.objects.filter(
            trainer__in=Trainer.objects.approved()
        ).values_list("trainer_id", "competencearea_id")
        for trainer_id, area_id in links:
            if trainer_id in profiles and area_id in self._area_slug:
                profiles[trainer_id][AREA].add(self._area_slug[area_id])
        return profiles

    def _matches(self, values: dict[str, set[str]], *, skip: str | None = None) -> bool:
        return all(
            values[param] & set(chosen) for param, chosen in self.selected.items() if param != skip
        )

    def run(self) -> tuple[list[int], list[FacetView]]:
        """The ids of the matching profiles, and every option with its count."""
        profiles = self._profiles()
        matching = [pk for pk, values in profiles.items() if self._matches(values)]
        views = []
        for param in PARAMS:
            counts: dict[str, int] = {}
            for values in profiles.values():
                if self._matches(values, skip=param):
                    for value in values[param]:
                        counts[value] = counts.get(value, 0) + 1
            chosen = self.selected.get(param, [])
            options = [
                Option(value, label, counts.get(value, 0), value in chosen)
                for value, label in self.choices[param]
            ]
            views.append(FacetView(param, str(LABELS[param]), options))
        return matching, views

    def querystring(self, *, without: tuple[str, str] | None = None) -> str:
        pairs = [
            (param, value)
            for param in PARAMS
            for value in self.selected.get(param, [])
            if (param, value) != without
        ]
        return urlencode(pairs)

    @property
    def active(self) -> list[ActiveFilter]:
        result = []
        for param in PARAMS:
            labels = dict(self.choices[param])
            for value in self.selected.get(param, []):
                result.append(
                    ActiveFilter(
                        str(LABELS[param]),
                        labels[value],
                        self.querystring(without=(param, value)),
                    )
                )
        return result
