"""The kinds of owner films can belong to besides the method and the phase guide (which
material knows itself): an app above material registers its own from its AppConfig.ready()
with register_owner, so material never imports it. A kind says who may add films to an owner,
who removes them, who sees them, and where the owner's films page is; its rules stay in that
app's permissions.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models.signals import post_delete


@dataclass(frozen=True)
class OwnerKind:
    may_add: Callable[[object, models.Model], bool]  # (user, owner): add its films
    may_see: Callable[[object, models.Model], bool]  # (user, owner): see its films
    films_url: Callable[[models.Model], str]  # owner -> its films page
    parent: Callable[[], tuple[str, str]]  # () -> (label, url) of the owner's list page
    # (user, owner): remove its films; whoever may add them when not given.
    may_remove: Callable[[object, models.Model], bool] | None = None


_KINDS: dict[str, OwnerKind] = {}


def register_owner(model: type[models.Model], kind: OwnerKind) -> None:
    """Let films belong to model's rows; its rows' films go when a row is deleted for good."""
    from .services import remove_material_of

    _KINDS[model._meta.label_lower] = kind
    post_delete.connect(
        remove_material_of, sender=model, dispatch_uid=f"material-{model._meta.label_lower}"
    )


def owner_kind(owner) -> OwnerKind | None:
    """The registered kind of owner, or None (an unknown owner may do nothing)."""
    meta = getattr(owner, "_meta", None)
    return _KINDS.get(meta.label_lower) if meta else None
