"""The core app: site-wide models (the site version, the audit log) and their migrations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Webbplatsen")
