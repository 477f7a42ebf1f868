"""Filters of the method list, read from the URL so a filtered list can be shared."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import LearningForm, Role
from .models import CompetenceArea, MethodQuerySet, Phase


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value_label: str
    remove_querystring: str


class MethodFilterForm(forms.Form):
    fas = forms.ModelChoiceField(
        label=_("Fas"),
        queryset=Phase.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alla faser"),
    )
    omrade = forms.ModelChoiceField(
        label=_("Kompetensområde"),
        queryset=CompetenceArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alla områden"),
    )
    form = forms.ChoiceField(
        label=_("Lärandeform"),
        choices=[("", _("Alla former"))] + LearningForm.choices,
        required=False,
    )
    roll = forms.ChoiceField(
        label=_("Roll"), choices=[("", _("Alla roller"))] + Role.choices, required=False
    )


class MethodFilter:
    """Validates the URL's filter values; unknown values are dropped rather than failing."""

    def __init__(self, params) -> None:
        self.form = MethodFilterForm(params)
        self.form.is_valid()
        # Keep only the values that validated; an invalid one (an old link) is ignored.
        self.values = {
            name: value
            for name, value in getattr(self.form, "cleaned_data", {}).items()
            if value not in (None, "") and name not in self.form.errors
        }

    def apply(self, queryset: MethodQuerySet) -> MethodQuerySet:
        if phase := self.values.get("fas"):
            queryset = queryset.filter(phases=phase)
        if area := self.values.get("omrade"):
            queryset = queryset.filter(competence_areas=area)
        if learning_form := self.values.get("form"):
            queryset = queryset.filter(learning_form=learning_form)
        if role := self.values.get("roll"):
            queryset = queryset.filter(target_roles__role=role)
        return queryset

    def _raw(self) -> dict[str, str]:
        raw = {}
        for name, value in self.values.items():
            raw[name] = getattr(value, "slug", value)
        return raw

    def querystring(self, **changes) -> str:
        params = self._raw()
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return urlencode(params)

    @property
    def active(self) -> list[ActiveFilter]:
        result = []
        for name, value in self.values.items():
            field = self.form.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                value_label = getattr(value, "display_name", None) or value.name
            else:
                value_label = str(dict(field.choices).get(value, value))
            result.append(
                ActiveFilter(str(field.label), value_label, self.querystring(**{name: None}))
            )
        return result

    @property
    def is_active(self) -> bool:
        return bool(self.values)
