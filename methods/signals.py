"""Every change to what readers see bumps the site version, which retires the cached pages.

Signals rather than calls in each service: saves in the admin, in management commands and in
services all pass through here, so a new write path cannot forget the cache. The few bulk
`QuerySet.update()` calls that change visible content call `SiteVersion.objects.bump()`
themselves (update() sends no signal).
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

# Models whose rows appear on pages served to anonymous readers. Not listed on purpose: revisions,
# audit entries, comment reports, invitations, efforts and reminders (only signed-in users see
# them, and their pages are never cached).
VISIBLE_MODELS = [
    "methods.Phase",
    "methods.ChecklistItem",
    "methods.CompetenceArea",
    "methods.Method",
    "methods.MethodTargetRole",
    "methods.MethodStep",
    "methods.Comment",
    "methods.SearchSynonym",
    "companies.BusinessLine",
    "companies.Company",
    "companies.Membership",
    "companies.ExperienceReport",
    "accounts.User",
]


# The handbook's structure: what the facet vocabularies, the phase list and the synonym table
# are built from. A change to one of these also retires those lists.
STRUCTURE_MODELS = {
    "methods.Phase",
    "methods.ChecklistItem",
    "methods.CompetenceArea",
    "methods.SearchSynonym",
    "companies.BusinessLine",
}


def _bump(sender, **kwargs) -> None:
    from .models import SiteVersion

    update_fields = kwargs.get("update_fields")
    # A login writes last_login on every sign-in; no page shows it.
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    if kwargs.get("raw"):  # loading fixtures: the loaddata caller owns the data
        return
    SiteVersion.objects.bump(structure=sender._meta.label in STRUCTURE_MODELS)


def _bump_m2m(sender, action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        _bump(sender)


def connect() -> None:
    for label in VISIBLE_MODELS:
        model = apps.get_model(label)
        post_save.connect(_bump, sender=model, dispatch_uid=f"site-version-save-{label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"site-version-delete-{label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _bump_m2m, sender=field.remote_field.through, dispatch_uid=f"site-version-{field}"
            )
