from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core.siteversion import track


class MethodsConfig(AppConfig):
    name = "methods"
    verbose_name = _("Handboken")

    def ready(self) -> None:
        # Rows that appear on pages served to anonymous readers: a change retires the cached
        # pages. Not tracked on purpose: revisions and comment reports (only signed-in users
        # see them, and their pages are never cached).
        track(*map(self.get_model, ["Method", "MethodTargetRole", "MethodStep", "Comment"]))
        # SQLite's full-text triggers go with a table Django rebuilds to alter it: put back.
        from . import search_sqlite

        post_migrate.connect(search_sqlite.restore_triggers, sender=self)
        # The handbook's structure: the phase list, the facet vocabularies, the synonym table.
        track(
            *map(
                self.get_model,
                ["Phase", "ChecklistItem", "CompetenceArea", "BusinessLine", "SearchSynonym"],
            ),
            structure=True,
        )
        # The list index (bitmaps per facet value) follows every change to a method.
        from . import listindex

        listindex.connect()
        # The bitmaps and the suggestion lists are derived from the methods: a backup leaves
        # them out, a restore computes them again.
        from core import backup

        backup.derived(self.get_model("FacetBitmap"), listindex.rebuild)
        # The method page's suggestion lists follow the methods they are built from.
        from . import suggestions

        suggestions.connect()
        # The method page's own parts, kept rendered, follow the method and the names they show.
        from . import keptpage

        keptpage.connect()
        post_migrate.connect(keptpage.after_migrate, sender=self)
        backup.derived(self.get_model("KeptMethodPage"), keptpage.forget_all)
        backup.derived(self.get_model("MethodSuggestion"), suggestions.forget_all)
