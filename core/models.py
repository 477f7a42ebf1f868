"""The site-wide models: the site version (core/siteversion.py) and the audit log
(core/audit.py)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .siteversion import SiteVersionManager


class SiteVersion(models.Model):
    """One row holding a counter that every content change increases.

    Cached pages are keyed on it (core/pagecache.py). It lives in the database rather than in
    the cache so that it holds across processes and app servers whatever the cache backend is:
    a publish on one server is seen at once by the others.
    """

    value = models.PositiveBigIntegerField(default=0)
    # Changes only with the handbook's structure: phases, checklists, competence areas, lines
    # of business, search synonyms (the models tracked with structure=True, see
    # core.siteversion.track).
    structure = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    objects = SiteVersionManager()

    class Meta:
        verbose_name = _("innehållsversion")
        verbose_name_plural = _("innehållsversioner")

    def __str__(self) -> str:
        return str(self.value)
