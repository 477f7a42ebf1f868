"""One error pattern on every form: a summary at the top of the page and "Fel:" in its title.

base.html asks `errors_on_page(context)` for both (core/templatetags/error_summary.py), so a
form page cannot forget either. It needs no help from a page whose form is a value of the
template context (`form`, `invite_form`, allauth's `form`): every bound form there with errors
is read. A view adds two context values only where that is not enough:

- `invalid_forms`: forms the template reaches through a row (`rows[i].form`,
  `membership.role_form`), which the context itself does not hold;
- `page_errors`: ErrorLink refusals that are not a form field's error (a review decision that
  cannot be made yet, a member who cannot be removed), each pointing at the control to change.

The messages beside the fields stay where they are (includes/form_field.html); Django gives the
fields aria-invalid and aria-describedby pointing at them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.forms.widgets import ChoiceWidget, MultiWidget


@dataclass(frozen=True)
class ErrorLink:
    """One line of the summary: what is wrong, and the id of the element to go and fix it."""

    message: str
    target: str


def _field_target(field: forms.BoundField) -> str:
    """The id of the element a field's label points at: the input itself, or the first box of a
    group of checkboxes or radio buttons, or the first part of a split widget."""
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    if isinstance(widget, ChoiceWidget):
        return widget.id_for_label(id_, "0")
    return widget.id_for_label(id_) or (f"{id_}_0" if isinstance(widget, MultiWidget) else id_)


def form_error_links(form: forms.BaseForm) -> list[ErrorLink]:
    """The form's errors in the order a reader meets them: the form's own first (they link to
    its first field, where correcting starts), then each visible field's, labelled."""
    visible = form.visible_fields()
    start = _field_target(visible[0]) if visible else "main"
    links = [ErrorLink(str(message), start) for message in form.non_field_errors()]
    for field in form.hidden_fields():
        links.extend(ErrorLink(str(message), start) for message in field.errors)
    for field in visible:
        label = str(field.label or "").rstrip(": ")
        target = _field_target(field)
        links.extend(
            ErrorLink(f"{label}: {message}" if label else str(message), target)
            for message in field.errors
        )
    return links


def _forms_in(values: Iterable[object]) -> list[forms.BaseForm]:
    found, seen = [], set()
    for value in values:
        # type(), not isinstance(): isinstance asks a lazy value for its __class__, and the
        # context's lazy `csrf_token` would then make a token and set the CSRF cookie on every
        # reading page, which the page cache must never store.
        if issubclass(type(value), forms.BaseForm) and value.is_bound and id(value) not in seen:
            seen.add(id(value))
            found.append(value)
    return found


def errors_on_page(context) -> list[ErrorLink]:
    """Every error the page shows: the bound forms among the context's values and in its
    `invalid_forms`, then the view's `page_errors`."""
    flat = context.flatten() if hasattr(context, "flatten") else dict(context)
    candidates = [*flat.values(), *(flat.get("invalid_forms") or ())]
    links: list[ErrorLink] = []
    for form in _forms_in(candidates):
        # Only a form its view has validated: the page never validates one itself, since
        # validating can do things (allauth's login form signs the person in).
        if form._errors:
            links.extend(form_error_links(form))
    links.extend(flat.get("page_errors") or ())
    return links
