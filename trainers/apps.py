from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.siteversion import track
from methods.sections import add_method_annotation, add_method_page_section


class TrainersConfig(AppConfig):
    name = "trainers"
    verbose_name = _("Utbildare")

    def ready(self) -> None:
        # The guide and approved profiles appear on pages served to anonymous readers.
        track(*map(self.get_model, ["TrainerGuidePage", "Trainer"]))
        # The trainers who run a method, on the method page (methods never imports trainers).
        from .method_page import has_trainers, trainers_section

        add_method_page_section(trainers_section)
        add_method_annotation("has_trainers", has_trainers)
        # A profile carries films (material never imports trainers: it asks this registry).
        from django.urls import reverse

        from material.owners import OwnerKind, register_owner

        from . import permissions

        register_owner(
            self.get_model("Trainer"),
            OwnerKind(
                may_add=permissions.can_add_trainer_film,
                may_see=permissions.can_see_trainer,
                may_remove=permissions.can_remove_trainer_film,
                films_url=lambda trainer: reverse("trainers:films", args=[trainer.slug]),
                parent=lambda: (_("Utbildare"), reverse("trainers:directory")),
            ),
        )
