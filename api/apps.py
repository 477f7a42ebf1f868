from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The open read API, /api/v1/: the published handbook as JSON (docs/architecture.md,
    "The read API")."""

    name = "api"
    verbose_name = _("Öppet API")
