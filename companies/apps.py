from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.siteversion import track
from methods.sections import add_method_annotation, add_method_page_section


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Företag")

    def ready(self) -> None:
        # Rows that appear on pages served to anonymous readers: a change retires the cached
        # pages. Not tracked on purpose: invitations, efforts and reminders (only signed-in
        # users see them, and their pages are never cached).
        track(*map(self.get_model, ["Company", "Membership", "ExperienceReport"]))
        # The experience reports on the method page (methods never imports companies). Models
        # are loaded only now, so the module that queries them is imported here.
        from .method_page import connect_suggestions, has_reports, reports_section

        add_method_page_section(reports_section)
        add_method_annotation("has_reports", has_reports)
        # Companies and reports are searched with SQLite's full-text index too (its module
        # reads the search models, which are loaded only now).
        from .search_indexes import register_search_indexes

        register_search_indexes()
        # The method page's "same line" suggestions follow the reports and companies' lines.
        connect_suggestions()
