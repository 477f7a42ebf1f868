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


# What a primary key can be: a 64-bit integer on both databases.
_LARGEST_KEY = 2**63 - 1


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing a key too large for the database with the field's own message.

    Django looks the chosen keys up with `pk IN (...)`. On SQLite a number past 64 bits (a
    tampered form: "99999999999999999999") makes the driver raise OverflowError, a server
    error, where it should be "not a valid choice". Every form's multiple choice of objects is
    this field (tests/security/test_oversized_keys.py checks)."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk":
            for pk in value:
                text = str(pk)
                # The length first: int() refuses strings of over 4,300 digits with an error.
                fits = len(text) <= 19 and text.isascii() and text.isdigit()
                if not (fits and int(text) <= _LARGEST_KEY):
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": text if len(text) <= 20 else f"{text[:20]}…"},
                    )
        return super()._check_values(value)


def redisplayed(form_class, data, **kwargs):
    """An unbound form_class showing what was posted in data, without validating it.

    For a submit button that asks for something other than saving (a search inside the form):
    the form comes back with everything typed kept and no error messages for fields the person
    has not reached yet. kwargs go to the form (instance, initial, prefix, ...); data that is
    no field of the form (a search term) is passed on in initial too."""
    initial = dict(kwargs.pop("initial", None) or {})
    fields = form_class(initial=initial, **kwargs)
    initial.update({key: value for key, value in data.items() if key not in fields.fields})
    for name, field in fields.fields.items():
        key = fields.add_prefix(name)
        if getattr(field.widget, "allow_multiple_selected", False):  # checkboxes, multi-select
            initial[name] = data.getlist(key)
        elif isinstance(field, forms.BooleanField):
            initial[name] = key in data
        elif key in data:
            initial[name] = data[key]
    return form_class(initial=initial, **kwargs)


def count_line_breaks_as_typed() -> None:
    """Every text area's value with its line breaks as one character each, as typed.

    A browser sends each line break of a text area as CRLF (HTML's form submission), but its
    `maxlength` counts it as one character, as the writer does: a comment of exactly 4,000
    characters with four line breaks came back refused for having 4,004. Turning CRLF (and a lone
    CR) into LF where Django reads a text area's value, before any field checks its length,
    makes the server count as the browser did; the stored text is the same either way once
    rendered (core.rendering reads all three). Every text area of the site, its own widgets,
    markdownx's and the admin's, inherits this method. Run once, from CoreConfig.ready()."""
    if getattr(forms.Textarea.value_from_datadict, "counts_line_breaks_as_typed", False):
        return
    read = forms.Textarea.value_from_datadict

    def value_from_datadict(self, data, files, name):
        value = read(self, data, files, name)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value

    value_from_datadict.counts_line_breaks_as_typed = True
    forms.Textarea.value_from_datadict = value_from_datadict
