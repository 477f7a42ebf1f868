"""The trainers' part of a method page: the approved trainers who run the method. Registered
with methods.sections from TrainersConfig.ready(), so methods shows it without importing
trainers. One query, at most METHOD_PAGE_TRAINERS rows, for a method that an approved trainer
runs (the page's own query says whether one does)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from methods.models import Method
from methods.sections import has

from .models import Trainer

METHOD_PAGE_TRAINERS = 12


def has_trainers() -> Exists:
    """Whether an approved trainer runs the method, asked in the query that loads it
    (methods.sections.add_method_annotation): most methods have none."""
    return Exists(Trainer.objects.approved().filter(methods=OuterRef("pk")))


def trainers_section(request: HttpRequest) -> Callable[[Method], dict]:
    def context(method: Method) -> dict:
        if not method.is_published or not has(method, "has_trainers"):
            return {"method_trainers": []}
        return {
            "method_trainers": list(
                Trainer.objects.approved()
                .filter(methods=method)
                .only("name", "slug", "summary", "kind")
                .order_by("name", "pk")[:METHOD_PAGE_TRAINERS]
            )
        }

    return context
