from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.siteversion import track


class MaterialConfig(AppConfig):
    name = "material"
    verbose_name = _("Filmer och material")

    def ready(self) -> None:
        # Films appear on pages served to anonymous readers: a change retires the cached pages.
        track(self.get_model("Film"), self.get_model("MaterialLink"))
        # The films on the method page and the phase guide, and their words in the method
        # search (methods never imports material). Models are loaded only now.
        from methods.sections import (
            add_method_page_section,
            add_phase_page_section,
            add_print_section,
            add_search_text_source,
        )

        from .pages import method_films_section, phase_films_section, printed_films, search_text

        add_method_page_section(method_films_section)
        add_phase_page_section(phase_films_section)
        add_search_text_source(search_text)
        add_print_section(printed_films)
