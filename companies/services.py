"""Writes with side effects in the companies app."""

from methods.choices import Status
from methods.models import Method


def refresh_report_stats(method: Method) -> None:
    """Keep the method's count of published experience reports current (lists sort by it)."""
    count = method.experience_reports.filter(status=Status.PUBLISHED).count()
    Method.objects.filter(pk=method.pk).update(report_count=count)
    method.report_count = count
