from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.siteversion import track


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Konton")

    def ready(self) -> None:
        # Display names appear on public pages (authors, comments). A sign-in writes only
        # last_login, which does not count as a change (core.siteversion).
        track(self.get_model("User"))
