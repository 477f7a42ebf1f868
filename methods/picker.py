"""Choosing methods in a form when the handbook holds thousands: a search, not a list.

A form that links to methods (a trainer's "methods we work with", the method that replaces an
archived one) cannot offer every published method as a checkbox or an option: at 10,000
methods that is a page of two megabytes, and a render that grows with the handbook. The picker
fields show the methods already chosen and what a search in the same form found. The search is
a submit button of its own (`<name>_find`), so it works without JavaScript; the view answers it
by showing the form again with everything typed kept and no errors (core.forms.redisplayed).

Validation is not narrowed to what is shown: any published method may be chosen, and so may a
method the object is linked to already (archived since), so saving never drops a link that the
form showed as kept.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedModelMultipleChoiceField

from .models import Method

# Methods a search shows at most: a search is for finding one, not for browsing.
SEARCH_RESULTS = 20
SEARCH_MAX_LENGTH = 100
# Methods one form may link to: more is no longer a choice of "the methods we work with".
MAX_CHOSEN = 100


def finds_methods(request, name: str = "methods") -> bool:
    """Whether the request is the picker's "Sök metoder" button: the view then shows the form again
    (core.forms.redisplayed) instead of validating and saving it."""
    return request.method == "POST" and f"{name}_find" in request.POST


class MethodPicker(forms.CheckboxSelectMultiple):
    """Rendered by templates/includes/method_picker.html (form_fields.html picks it by type)."""


class OneMethodPicker(forms.RadioSelect):
    """The same, choosing one method (or none, the field's empty label)."""


class _Picking:
    """What both picker fields share: the allowed methods, the search and what is shown."""

    def _start(self) -> None:
        self.search = ""
        self.found = 0

    def prepare(
        self, form: forms.BaseForm, name: str, stored: list[int], exclude: int | None = None
    ) -> None:
        """What the form may choose and what it shows; call at the end of the form's
        __init__ with the pks the object is linked to now (and a method it may not choose,
        such as itself)."""
        published = Method.objects.published().exclude(pk=exclude)
        self.queryset = Method.objects.filter(
            Q(pk__in=published.values("pk")) | Q(pk__in=stored)
        ).order_by("title")
        if form.is_bound:
            search = form.data.get(form.add_prefix(f"{name}_q"), "")
            chosen = form.data.getlist(form.add_prefix(name))
        else:
            search = form.initial.get(f"{name}_q", "")
            chosen = form.initial.get(name, stored)
        self.search = str(search).strip()[:SEARCH_MAX_LENGTH]
        # Posted pks are text; a model form's initial holds the linked methods themselves.
        if not isinstance(chosen, list | tuple):
            chosen = [] if chosen in (None, "") else [chosen]
        chosen = [str(getattr(value, "pk", value)) for value in chosen]
        chosen_pks = [int(pk) for pk in chosen if pk.isascii() and pk.isdigit() and len(pk) < 19]
        chosen_pks = chosen_pks[:MAX_CHOSEN]
        shown = Q(pk__in=self.queryset.filter(pk__in=chosen_pks).values("pk"))
        if self.search:
            found = list(
                published.filter(title__icontains=self.search)
                .exclude(pk__in=chosen_pks)
                .order_by("title")
                .values_list("pk", flat=True)[:SEARCH_RESULTS]
            )
            self.found = len(found)
            shown |= Q(pk__in=found)
        # The widget offers the chosen methods and what the search found, nothing else.
        self.widget.choices = _ShownChoices(
            self, Method.objects.filter(shown).only("pk", "title").order_by("title")
        )


class MethodPickerField(_Picking, CheckedModelMultipleChoiceField):
    """Methods, found by a search in the form (see the module doc)."""

    widget = MethodPicker
    search_label = _("Sök en metod att lägga till")

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Method.objects.none())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self._start()

    def clean(self, value):
        if value and len(value) > MAX_CHOSEN:
            raise forms.ValidationError(
                _("Välj högst %(count)s metoder.") % {"count": MAX_CHOSEN}, code="too_many"
            )
        return super().clean(value)


class OneMethodPickerField(_Picking, forms.ModelChoiceField):
    """One method or none (the empty label), found by a search in the form."""

    widget = OneMethodPicker
    search_label = _("Sök en metod")

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Method.objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("blank", True)  # radio buttons: keep the empty label as a choice
        super().__init__(**kwargs)
        self._start()


class _ShownChoices(ModelChoiceIterator):
    """The field's choices, narrowed to the methods it shows."""

    def __init__(self, field: forms.ModelChoiceField, shown):
        super().__init__(field)
        self.queryset = shown
