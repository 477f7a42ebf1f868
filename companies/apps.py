from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.siteversion import track


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Företag")

    def ready(self) -> None:
        # Rows that appear on pages served to anonymous readers: a change retires the cached
        # pages. Not tracked on purpose: invitations, efforts and reminders (only signed-in
        # users see them, and their pages are never cached).
        track(*map(self.get_model, ["Company", "Membership", "ExperienceReport"]))
