"""The error summary and the "Fel:" title prefix that base.html shows on every page with errors.

{% error_title_prefix %} goes first in <title>, {% error_summary %} first in <main>; both read
the same errors from the context (core/error_summary.py), so they always agree.
"""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from core.error_summary import errors_on_page

register = template.Library()


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    return _("Fel: ") if errors_on_page(context) else ""


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context) -> dict:
    return {"errors": errors_on_page(context), "csp_nonce": context.get("csp_nonce", "")}


@register.filter
def errors_for(page_errors, target: str) -> list[str]:
    """The messages of the view's `page_errors` that point at `target`, to show them there too,
    as a field shows its own (includes/page_errors.html)."""
    return [error.message for error in page_errors or () if error.target == target]
