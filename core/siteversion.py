"""The site version: one counter that every change to what anonymous readers see moves on.

Cached pages (core/pagecache.py), facet counts and reference lists are keyed on it. This module
owns the manager of the SiteVersion model (core/models.py), the per-request memo of its value,
the `cached`/`cached_structure` helpers, and the registry of models whose saves bump it.

Each app registers its own visible models in its AppConfig.ready() with track(); core knows
none of them. Signals rather than calls in each service: saves in the admin, in management
commands and in services all pass through here, so a new write path cannot forget the cache.
The few bulk `QuerySet.update()` calls that change visible content call
`SiteVersion.objects.bump()` themselves (update() sends no signal).
"""

from __future__ import annotations

import threading

from django.apps import apps
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connections, models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

# The site version read once per request: the page cache, the facet counts and the reference
# lists all key on it, and a request should not pay for the same one-row read three times. Only
# inside a request (a worker or a shell has no natural point to forget it), per thread, and
# forgotten whenever this process bumps it.
_request_memo = threading.local()


def _request_started(**kwargs) -> None:
    _request_memo.active = True
    _request_memo.__dict__.pop("versions", None)


def _request_finished(**kwargs) -> None:
    _request_memo.active = False
    _request_memo.__dict__.pop("versions", None)


def forget_request_memo() -> None:
    """Forget the memo entirely (tests: a request that raised never finished)."""
    _request_memo.__dict__.clear()


request_started.connect(_request_started, dispatch_uid="site-version-memo-start")
request_finished.connect(_request_finished, dispatch_uid="site-version-memo-end")

# Derived lists keyed on a version live at most this long (a bump retires them at once).
REFERENCE_CACHE_SECONDS = 24 * 60 * 60


class SiteVersionManager(models.Manager):
    def _versions(self) -> tuple[int, int]:
        """(content version, structure version): one primary-key lookup per request.

        Plain SQL: it runs on every cached page view, where building the ORM query cost more
        than the query itself.
        """
        memo = getattr(_request_memo, "active", False) and self.db == "default"
        if memo and "versions" in _request_memo.__dict__:
            return _request_memo.versions
        table = connections[self.db].ops.quote_name(self.model._meta.db_table)
        with connections[self.db].cursor() as cursor:
            cursor.execute(f"SELECT value, structure FROM {table} WHERE id = 1")  # noqa: S608
            row = cursor.fetchone()
        versions = (row[0], row[1]) if row else (0, 0)
        if memo:
            _request_memo.versions = versions
        return versions

    def current(self) -> int:
        """The version of everything an anonymous reader sees."""
        return self._versions()[0]

    def bump(self, *, structure: bool = False) -> None:
        """A new version: every page cached for anonymous readers is stale from the commit on.
        With structure=True also a new structure version (phases, areas, lines, synonyms).

        Runs inside the writer's transaction, so readers see the new version exactly when they
        can see the new content (no window where new content is cached under the old key that
        matters: a key that is no longer current is never read again). An UPDATE of one row,
        not a read-modify-write, so concurrent writers cannot lose a bump.
        """
        _request_memo.__dict__.pop("versions", None)
        changes = {"value": models.F("value") + 1, "changed_at": timezone.now()}
        if structure:
            changes["structure"] = models.F("structure") + 1
        if not self.filter(pk=1).update(**changes):
            self.get_or_create(pk=1, defaults={"value": 1, "structure": 1})

    def cached(self, key: str, compute, timeout: int = REFERENCE_CACHE_SECONDS):
        """A value derived from the content (facet counts, a method's suggestion lists) kept
        in the cache for the current content version: computed once after each change."""
        return _cached(f"ref:{self._versions()[0]}:{key}", compute, timeout)

    def cached_structure(self, key: str, compute):
        """A value derived only from the handbook's structure (the phases, the facet
        vocabularies, the synonym table): kept across ordinary edits, publishes and comments,
        and retired when an editor changes a phase, an area, a line of business or a synonym."""
        return _cached(f"structure:{self._versions()[1]}:{key}", compute, REFERENCE_CACHE_SECONDS)


def _cached(key: str, compute, timeout: int):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


# --- Which models bump it -------------------------------------------------------------------

# Labels of the tracked models that make up the handbook's structure: what the facet
# vocabularies, the phase list and the synonym table are built from. A change to one of these
# also moves the structure version, which retires those lists.
_structure_models: set[str] = set()


def track(*tracked: type[models.Model], structure: bool = False) -> None:
    """Bump the site version whenever a row of these models is saved or deleted, or one of
    their own many-to-many links changes. For models whose rows appear on pages served to
    anonymous readers; call it from the owning app's AppConfig.ready().

    structure=True for the models the handbook's structure is built from (see above).
    """
    for model in tracked:
        label = model._meta.label
        if structure:
            _structure_models.add(label)
        post_save.connect(_bump, sender=model, dispatch_uid=f"site-version-save-{label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"site-version-delete-{label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _bump_m2m, sender=field.remote_field.through, dispatch_uid=f"site-version-{field}"
            )


def _bump(sender, **kwargs) -> None:
    update_fields = kwargs.get("update_fields")
    # A login writes last_login on every sign-in; no page shows it.
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    if kwargs.get("raw"):  # loading fixtures: the loaddata caller owns the data
        return
    # Looked up, not imported: core.models imports this module for the manager.
    site_version = apps.get_model("core", "SiteVersion")
    site_version.objects.bump(structure=sender._meta.label in _structure_models)


def _bump_m2m(sender, action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        _bump(sender)
