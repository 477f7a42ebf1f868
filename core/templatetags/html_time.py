"""Dates and times for the machine-readable side of <time datetime="...">.

Django's "c" date format keeps microseconds (2026-11-30T15:05:00.123456+01:00), which the HTML
standard does not allow (at most three digits of a second), so the W3C checker rejects it.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso_datetime(value) -> str:
    """A datetime as 2026-11-30T15:05:00+01:00 (whole seconds, in the current time zone, like
    the date shown beside it), a date as 2026-11-30; anything else as ""."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
