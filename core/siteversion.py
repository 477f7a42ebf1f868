"""The site version: one counter that every change to what anonymous readers see moves on.

Cached pages (core/pagecache.py), facet counts and reference lists are keyed on it. This module
owns the manager of the SiteVersion model (core/models.py), the per-request memo of its value,
the `cached`/`cached_structure` helpers, and the registry of models whose saves bump it.

Each app registers its own visible models in its AppConfig.ready() with track(); core knows
none of them. Signals rather than calls in each service: saves in the admin, in management
commands and in services all pass through here, so a new write path cannot forget the cache.
The few bulk `QuerySet.update()` calls that change visible content call
`SiteVersion.objects.bump()` themselves (update() sends no signal).

Where readers find it. The database row is the source of truth: a bump is an UPDATE in the
writer's transaction. With a shared cache that can keep counters (Redis, core/cache.py) the
versions are also kept there, so a cached page costs no database round trip, and each process
remembers them until Redis tells it that they changed (core.cache.CounterWatch), so most
cached pages cost no round trip at all; with any other cache every request reads the row (one
primary-key query), because:

- LocMemCache (development) lives in one process: a bump in another process (a second worker,
  a management command) would never reach it;
- DatabaseCache (production without Redis) is a table in the same database: reading the
  version from it is no cheaper than reading the row.

The protocol with a shared cache, and why a reader never gets a page older than the last
write that returned to its writer:

1. Every value the cache ever holds is a committed database value, and it never goes down:
   `raise_counters` sets a counter to max(its value, the given one) atomically.
2. A writer raises the cache in `transaction.on_commit`, to the row's value read after its
   commit, so the cache moves only once the new content is visible (a reader that got the new
   version and renders sees the new rows) and before the writer's response returns (on_commit
   runs inside the request): the next request on any server reads a version at least the
   writer's. A rolled-back transaction raises nothing.
3. A reader that finds no counter (the first request, Redis restarted or evicted the key, or
   the counter's recheck time ran out) reads the row and raises the cache to it: the row is at
   least every value the cache ever held (1.), so nothing goes back. If a writer commits
   between the reader's read and its raise, the writer's raise and the reader's meet at the
   max: whichever comes last, the cache ends at the writer's value.
4. Two writers at once each raise to what they read after their commit; the cache ends at the
   larger. (A plain incr() would not do: it cannot create a missing key, and a reader's add()
   of an older value could then win, or counting writers twice would put the cache ahead of
   the row, where a later fallback to the row would step back onto keys of older pages.)
5. Values are read from the database only outside transactions when they are put in the
   cache: inside one a reader may see an older snapshot (SQLite in WAL mode, PostgreSQL's
   REPEATABLE READ), and a writer its own uncommitted value, which a rollback would hand to the
   next writer with other content. A transaction that has bumped reads its own value from the
   database and `cached()` computes without storing until it commits.
6. The counters expire after VERSION_RECHECK_SECONDS and are then read from the row again
   (3.). That bounds the one case the cache cannot see: a writer whose raise failed (Redis
   unreachable for that call, or restored from a snapshot taken before the write). Run Redis
   for this site without persistence; with it, a restart can serve pages that old.

The cache must be one server (Django's Redis backend reads from replicas when LOCATION lists
several; a replica can lag behind a raise). Keys carry the database's identity, so two sites
or a benchmark and its peer sharing one Redis never read each other's versions.
"""

from __future__ import annotations

import hashlib
import threading

from django.apps import apps
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connections, models, transaction
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
    # A transaction of an earlier request on this thread has ended, committed or not.
    _request_memo.__dict__.pop("pending", None)


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
# How long the shared cache's copy of the versions is trusted before the next reader takes
# them from the database again (rule 6 in the module doc): one query per this many seconds.
VERSION_RECHECK_SECONDS = 10


def shared_cache():
    """The default cache if every process and server shares it and it keeps counters (the
    versions are then read from it), else None (they are read from the database)."""
    return cache if hasattr(cache, "raise_counters") else None


def namespace(using: str = "default") -> str:
    """A short name for the database, in every key derived from its versions: the same version
    number of two databases (a site and its staging copy, two benchmarks) never meets in one
    cache."""
    # The handler's settings are the connection's own settings_dict (the test runner renames
    # the database in it), read without the per-thread connection lookup: this runs on every
    # cached page.
    settings_dict = connections.settings[using]
    identity = "|".join(
        str(settings_dict.get(part) or "") for part in ("ENGINE", "HOST", "PORT", "NAME")
    )
    short = _namespaces.get(identity)
    if short is None:
        short = _namespaces[identity] = hashlib.sha256(identity.encode()).hexdigest()[:8]
    return short


_namespaces: dict[str, str] = {}


def _counter_keys(using: str) -> tuple[str, str]:
    space = namespace(using)
    return f"counter:siteversion:{space}:content", f"counter:siteversion:{space}:structure"


def _bumped_in_open_transaction(using: str) -> bool:
    return _request_memo.__dict__.get("pending", False) and connections[using].in_atomic_block


class SiteVersionManager(models.Manager):
    def _versions(self) -> tuple[int, int]:
        """(content version, structure version): from the shared cache when there is one,
        else one primary-key lookup; once per request either way."""
        memo = getattr(_request_memo, "active", False) and self.db == "default"
        if memo and "versions" in _request_memo.__dict__:
            return _request_memo.versions
        versions = self._from_shared_cache() or self._from_database()
        # A value this thread's open transaction wrote is not remembered: a rollback would
        # leave the request keying on a number the next writer commits with other content.
        if memo and not (shared_cache() is not None and _bumped_in_open_transaction(self.db)):
            _request_memo.versions = versions
        return versions

    def _from_shared_cache(self) -> tuple[int, int] | None:
        """The versions as the shared cache holds them (see the module doc), putting the
        database's there when it has none; None when there is no shared cache, it cannot be
        reached, or this thread's transaction has bumped (it must see its own value)."""
        store = shared_cache() if self.db == "default" else None
        if store is None or _bumped_in_open_transaction(self.db):
            return None
        keys = _counter_keys(self.db)
        found = store.read_counters(list(keys))
        if found is None:  # unreachable: the database answers
            return None
        if all(key in found for key in keys):
            return found[keys[0]], found[keys[1]]
        if connections[self.db].in_atomic_block:  # maybe an older snapshot (rule 5)
            return None
        versions = self._from_database()
        raised = store.raise_counters(dict(zip(keys, versions, strict=True)),
                                      VERSION_RECHECK_SECONDS)  # fmt: skip
        return (raised[keys[0]], raised[keys[1]]) if raised else versions

    def _from_database(self) -> tuple[int, int]:
        # Plain SQL: it runs on every cached page view without a shared cache, where building
        # the ORM query cost more than the query itself.
        table = connections[self.db].ops.quote_name(self.model._meta.db_table)
        with connections[self.db].cursor() as cursor:
            cursor.execute(f"SELECT value, structure FROM {table} WHERE id = 1")  # noqa: S608
            row = cursor.fetchone()
        return (row[0], row[1]) if row else (0, 0)

    def current(self) -> int:
        """The version of everything an anonymous reader sees."""
        return self._versions()[0]

    def bump(self, *, structure: bool = False) -> None:
        """A new version: every page cached for anonymous readers is stale from the commit on.
        With structure=True also a new structure version (phases, areas, lines, synonyms).

        Runs inside the writer's transaction, so readers see the new version exactly when they
        can see the new content (no window where new content is cached under the old key that
        matters: a key that is no longer current is never read again). An UPDATE of one row,
        not a read-modify-write, so concurrent writers cannot lose a bump. The shared cache's
        copy moves when the transaction commits (rule 2 in the module doc).
        """
        _request_memo.__dict__.pop("versions", None)
        changes = {"value": models.F("value") + 1, "changed_at": timezone.now()}
        if structure:
            changes["structure"] = models.F("structure") + 1
        if not self.filter(pk=1).update(**changes):
            self.get_or_create(pk=1, defaults={"value": 1, "structure": 1})
        if self.db == "default" and shared_cache() is not None:
            _request_memo.pending = True  # a raise is owed once this transaction commits
            # One callback per bump: Django drops those of a rolled-back savepoint, so the
            # first one that runs after the commit raises the cache and the others find
            # nothing pending. robust: the content is committed whatever happens to the cache.
            transaction.on_commit(self._raise_shared_cache, using=self.db, robust=True)

    def _raise_shared_cache(self) -> None:
        """After a commit: the shared cache's versions up to the committed row (rule 2)."""
        if not _request_memo.__dict__.get("pending"):
            return  # raised already by an earlier callback of this commit
        _request_memo.pending = False
        store = shared_cache()
        if store is not None:
            keys = _counter_keys(self.db)
            store.raise_counters(dict(zip(keys, self._from_database(), strict=True)),
                                 VERSION_RECHECK_SECONDS)  # fmt: skip

    def cached(self, key: str, compute, timeout: int = REFERENCE_CACHE_SECONDS):
        """A value derived from the content (facet counts, a method's suggestion lists) kept
        in the cache for the current content version: computed once after each change."""
        if self._storing_unsafe():
            return compute()
        return _cached(f"ref:{namespace()}:{self._versions()[0]}:{key}", compute, timeout)

    def cached_structure(self, key: str, compute):
        """A value derived only from the handbook's structure (the phases, the facet
        vocabularies, the synonym table): kept across ordinary edits, publishes and comments,
        and retired when an editor changes a phase, an area, a line of business or a synonym."""
        if self._storing_unsafe():
            return compute()
        key = f"structure:{namespace()}:{self._versions()[1]}:{key}"
        return _cached(key, compute, REFERENCE_CACHE_SECONDS)

    def _storing_unsafe(self) -> bool:
        # With the shared cache, a value computed from this transaction's uncommitted rows must
        # not be stored under a version: after a rollback the next writer would commit other
        # content under that same number (rule 5).
        return shared_cache() is not None and _bumped_in_open_transaction(self.db)


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
