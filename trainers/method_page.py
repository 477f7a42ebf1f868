"""The trainers' part of a method page: the approved trainers who run the method. Registered
with methods.sections from TrainersConfig.ready(), so methods shows it without importing
trainers. One query, at most METHOD_PAGE_TRAINERS rows."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from methods.models import Method

from .models import Trainer

METHOD_PAGE_TRAINERS = 12


def trainers_section(request: HttpRequest) -> Callable[[Method], dict]:
    def context(method: Method) -> dict:
        if not method.is_published:
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
