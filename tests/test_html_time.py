"""<time datetime> values are valid HTML: whole seconds, the page's time zone, plain dates."""

import datetime

from django.template import Context, Template
from django.utils import timezone

from core.templatetags.html_time import iso_datetime


def render(value) -> str:
    return Template("{% load html_time %}{{ value|iso_datetime }}").render(
        Context({"value": value})
    )


def test_aware_datetime_in_the_current_time_zone_without_microseconds():
    value = datetime.datetime(2026, 11, 30, 14, 5, 0, 123456, tzinfo=datetime.UTC)

    assert render(value) == "2026-11-30T15:05:00+01:00"  # Europe/Stockholm in winter
    with timezone.override("UTC"):
        assert render(value) == "2026-11-30T14:05:00+00:00"


def test_summer_time_offset():
    value = datetime.datetime(2026, 6, 1, 8, 30, 15, 999999, tzinfo=datetime.UTC)

    assert render(value) == "2026-06-01T10:30:15+02:00"


def test_date_and_nothing():
    assert render(datetime.date(2026, 11, 1)) == "2026-11-01"
    assert render(None) == ""
    assert iso_datetime("") == ""


def test_no_template_uses_the_date_format_with_microseconds():
    """Django's "c" format in a datetime attribute gives microseconds, which HTML forbids."""
    from pathlib import Path

    templates = Path(__file__).resolve().parents[1] / "templates"
    offenders = [
        str(path.relative_to(templates))
        for path in sorted(templates.rglob("*.html"))
        if "|date:'c'" in path.read_text() or '|date:"c"' in path.read_text()
    ]
    assert offenders == []
