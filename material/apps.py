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
            add_method_annotation,
            add_method_page_section,
            add_phase_page_section,
            add_print_section,
            add_search_text_source,
        )

        from .pages import (
            has_films,
            has_links,
            method_films_section,
            phase_films_section,
            printed_films,
            search_text,
        )

        add_method_page_section(method_films_section)
        add_method_annotation("has_films", has_films)
        add_method_annotation("has_links", has_links)
        add_phase_page_section(phase_films_section)
        add_search_text_source(search_text)
        add_print_section(printed_films)
        # A method or phase that is deleted for good takes its films, links and files along
        # (they point at it by content type and id: no foreign key cascades).
        from django.db.models.signals import post_delete

        from .services import remove_material_of

        for owner in (
            self.apps.get_model("methods", "Method"),
            self.apps.get_model("methods", "Phase"),
        ):
            post_delete.connect(
                remove_material_of, sender=owner, dispatch_uid=f"material-{owner.__name__}"
            )
