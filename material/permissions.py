"""Every access question about films and other material. A film belongs to its owner (a
method, a phase guide, or a kind registered in material.owners such as a trainer's profile):
who may see and change the owner decides about its films. A registered kind's rules live in
its own app's permissions.py."""

from __future__ import annotations

from methods.models import Method, Phase
from methods.permissions import can_edit_method, can_see_method, is_editor

from .owners import owner_kind


def can_add_film(user, owner) -> bool:
    """Whoever may edit the method adds films to it; editors add films to the phase guides."""
    if isinstance(owner, Method):
        return can_edit_method(user, owner)
    if isinstance(owner, Phase):
        return is_editor(user)
    kind = owner_kind(owner)
    return bool(kind and kind.may_add(user, owner))


def can_remove_films(user, owner) -> bool:
    """Whoever adds films to an owner removes them; an owner kind may let more remove them (the
    editors take down a film on a trainer's profile, which only the trainer adds to)."""
    if isinstance(owner, Method | Phase):
        return can_add_film(user, owner)
    kind = owner_kind(owner)
    if kind is None:
        return False
    return bool((kind.may_remove or kind.may_add)(user, owner))


def can_remove_film(user, film) -> bool:
    return can_remove_films(user, film.owner)


def can_see_film(user, film) -> bool:
    """A film (its video file and captions) is seen by whoever sees its owner's page."""
    owner = film.owner
    if isinstance(owner, Method):
        return can_see_method(user, owner)
    if isinstance(owner, Phase):
        return True
    kind = owner_kind(owner)
    return bool(kind and kind.may_see(user, owner))


def can_add_link(user, owner) -> bool:
    """Links to other material follow the same rule as films: whoever may edit the owner."""
    return can_add_film(user, owner)


def can_remove_link(user, link) -> bool:
    return can_add_link(user, link.owner)


def can_see_dead_links(user) -> bool:
    """The list of links the nightly check found dead: the editors'."""
    return is_editor(user)
