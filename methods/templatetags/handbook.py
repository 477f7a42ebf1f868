from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration(minutes) -> str:
    """90 -> '1 tim 30 min'; 0 -> '–'."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    if minutes <= 0:
        return "–"
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(n)d tim", "%(n)d tim", hours) % {"n": hours})
    if rest:
        parts.append(_("%(n)d min") % {"n": rest})
    return " ".join(parts)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def tried_by_companies(count: int) -> str:
    """'Prövad av 3 företag', for the method page's "same line of business" list: a filter
    rather than {% blocktranslate count %}, which costs five times as much (four on every
    method page)."""
    return ngettext("Prövad av %(counter)s företag", "Prövad av %(counter)s företag", count) % {
        "counter": count
    }
