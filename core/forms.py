"""Form behaviour every app shares."""

from __future__ import annotations

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q


class KeepsStoredChoices:
    """A model form whose choice fields always offer what the object already has.

    A field's choices are often narrowed to what the person editing may pick (their own
    companies, published methods). Without this, a value stored earlier that falls outside
    those choices (another member's company, a method archived since) is not shown, the browser
    sends nothing for it, and saving silently drops it. Here the stored values are added to
    each field's choices, so a form can only change a relation it shows.

    Mix in before forms.ModelForm and call keep_stored_choices() at the end of __init__, after
    narrowing the querysets (tests/test_forms_keep_relations.py checks every model form with a
    choice of objects does).
    """

    def keep_stored_choices(self) -> None:
        instance = self.instance
        if instance.pk is None:
            return
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField) or field.disabled:
                continue
            stored = _stored_pks(instance, name)
            if not stored:
                continue
            offered = field.queryset.filter(pk__in=stored).values_list("pk", flat=True)
            missing = set(stored) - set(offered)
            if missing:
                model = field.queryset.model
                ordering = field.queryset.query.order_by or model._meta.ordering
                field.queryset = model._default_manager.filter(
                    Q(pk__in=field.queryset.values("pk")) | Q(pk__in=missing)
                ).order_by(*ordering)


def _stored_pks(instance, name: str) -> list:
    try:
        model_field = instance._meta.get_field(name)
    except FieldDoesNotExist:  # a form-only field: nothing is stored under this name
        return []
    if model_field.many_to_many:
        return list(getattr(instance, name).values_list("pk", flat=True))
    if model_field.many_to_one or model_field.one_to_one:
        value = getattr(instance, model_field.attname)
        return [value] if value is not None else []
    return []
