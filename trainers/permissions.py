"""Who may do what with trainers and their guide: the one place the trainers app decides access.
Built on methods.permissions.is_editor. Each rule that lists need has its queryset form (…_q)
beside its object form. Imports no models (models.py uses it)."""

from __future__ import annotations

from django.db.models import Q

from methods.choices import Status
from methods.permissions import is_editor


def _owns(user, trainer) -> bool:
    return bool(user.is_authenticated and trainer.user_id == user.pk)


def has_trainer_profile(user) -> bool:
    """Whether the signed-in user has applied already (one profile per account)."""
    return bool(user.is_authenticated and hasattr(user, "trainer_profile"))


# The guide


def can_edit_trainer_guide(user) -> bool:
    """The editors write "För dig som utbildar i ett ASF", as they keep the phase guides."""
    return is_editor(user)


# Profiles


def visible_trainers_q(user) -> Q | None:
    """The profiles this user may see, as a filter; None means all. Approved profiles for
    everyone, their own for the trainer, all of them for editors."""
    if is_editor(user):
        return None
    if user.is_authenticated:
        return Q(status=Status.PUBLISHED) | Q(user=user)
    return Q(status=Status.PUBLISHED)


def can_see_trainer(user, trainer) -> bool:
    """The object form of visible_trainers_q."""
    return is_editor(user) or trainer.status == Status.PUBLISHED or _owns(user, trainer)


def can_apply_as_trainer(user) -> bool:
    """Any signed-in user without a profile may apply ("Anmäl dig som utbildare")."""
    return bool(user.is_authenticated and not has_trainer_profile(user))


def can_edit_trainer(user, trainer) -> bool:
    """Only the trainer edits their own profile; nobody else's, editors included (they
    approve, reject or archive it)."""
    return _owns(user, trainer)


def can_add_trainer_film(user, trainer) -> bool:
    """Films on a profile (material, registered from TrainersConfig.ready()): only the trainer
    adds and removes them, as only they edit the profile, and only once it is approved."""
    return _owns(user, trainer) and trainer.status == Status.PUBLISHED


def can_remove_trainer_film(user, trainer) -> bool:
    """The trainer removes their films; the editors do too, since a film on an approved profile
    is shown at once, without review, and taking it down must not mean archiving the whole
    profile."""
    return can_add_trainer_film(user, trainer) or is_editor(user)


def can_resubmit_trainer(user, trainer) -> bool:
    """After the editors asked for changes, the trainer sends the profile back to them."""
    return _owns(user, trainer)


def can_review_trainers(user, trainer=None) -> bool:
    """Editors approve, reject and archive profiles."""
    return is_editor(user)


def can_contact_trainer(user, trainer) -> bool:
    """A signed-in user writes to an approved trainer through the portal (never to themself)."""
    return bool(
        user.is_authenticated and trainer.status == Status.PUBLISHED and not _owns(user, trainer)
    )
