"""Backup and restore of the whole handbook: database rows and media files in one archive.

The archive is a .tar.gz with

- ``manifest.json``: format version, creation time, Django version, database vendor, the
  migrations applied per app, row counts per model and the sha256 of every media file;
- ``database.json``: every row of the backed-up models in Django's JSON serialization (natural
  foreign keys where a model has them, so permissions and content types are found by name and
  the archive loads into a database whose ids for those differ);
- ``media/<name>``: every file in the default storage (MEDIA_ROOT).

The database is read in one transaction (REPEATABLE READ, READ ONLY on PostgreSQL; a SQLite
transaction is a snapshot by itself), so the rows agree with each other even while the site is
in use. Media files are copied after the rows: a file uploaded meanwhile is simply extra.

``restore_backup`` checks the archive before it touches anything (manifest, migrations,
checksums), replaces all rows of the backed-up models in one transaction, verifies the row
counts against the manifest and then writes the media files back.

Every installed app's models are backed up, whichever app they belong to, except permissions,
content types, sessions and queued task results: the first two are recreated by ``migrate``, the
others are short-lived (see SKIPPED_APPS and SKIPPED_MODELS).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import itertools
import json
import os
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

from .models import SiteVersion

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_NAME = "database.json"
MEDIA_PREFIX = "media/"

# Every installed app's rows are backed up except these apps'. Content types are recreated by
# migrate; sessions and queued task results are short-lived. allauth's MFA authenticators were
# never part of the backup (they hold the staff's TOTP secrets).
SKIPPED_APPS = {"contenttypes", "sessions", "django_tasks_database", "mfa"}
# Permissions are rebuilt by migrate; the site version is a cache key, not data (a restore moves
# it forward instead, see restore_backup).
SKIPPED_MODELS = {"auth.permission", "core.siteversion", "core.cacheentry"}

# Read models computed from the backed-up rows (the method list's bitmaps): not data, so left
# out of the archive and computed afresh after a restore. Loading the rows fires the signals that
# keep them, so a copy of them in the archive would clash with what the load already wrote. Each
# app registers its own in AppConfig.ready() with derived(); core knows none of them.
_derived: dict[str, Callable[[], object]] = {}

_CHUNK = 1024 * 1024


def derived(model: type[Model], rebuild: Callable[[], object]) -> None:
    """Leave this model out of backups and call rebuild() after a restore has loaded the rows,
    in the restore's transaction."""
    _derived[model._meta.label_lower] = rebuild


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it rounds them to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why."""


@dataclass
class BackupResult:
    path: Path
    manifest: dict

    @property
    def rows(self) -> int:
        return sum(self.manifest["row_counts"].values())

    @property
    def files(self) -> int:
        return len(self.manifest["media"])


@dataclass
class RestoreResult:
    manifest: dict
    objects: int = 0
    rows: int = 0
    files: int = 0
    extra_files: list[str] = field(default_factory=list)


# --- Which models -------------------------------------------------------------------------


def backed_up_models() -> list[type[Model]]:
    """The backed-up models in an order that loads: natural-key dependencies first."""
    app_list = []
    for app_config in apps.get_app_configs():
        if app_config.label in SKIPPED_APPS:
            continue
        models = [
            model
            for model in app_config.get_models()
            if model._meta.label_lower not in SKIPPED_MODELS | _derived.keys()
            and not model._meta.proxy
        ]
        if models:
            app_list.append((app_config, models))
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def auto_created_through_models(models: list[type[Model]]) -> list[type[Model]]:
    """The many-to-many tables Django creates itself; their rows travel with the owning model."""
    through = []
    for model in models:
        for m2m in model._meta.local_many_to_many:
            if m2m.remote_field.through._meta.auto_created:
                through.append(m2m.remote_field.through)
    return through


def all_tables_models() -> list[type[Model]]:
    """Every model whose table the backup covers, including automatic many-to-many tables."""
    models = backed_up_models()
    return models + auto_created_through_models(models)


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.using(using).count() for model in all_tables_models()
    }


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connections[using])
    result: dict[str, list[str]] = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        result.setdefault(app_label, []).append(name)
    return result


# --- Media ----------------------------------------------------------------------------------


def media_files(storage=None) -> list[str]:
    """Every file name in the storage, walked recursively, sorted."""
    storage = storage or default_storage
    names: list[str] = []

    def walk(directory: str) -> None:
        try:
            dirs, files = storage.listdir(directory)
        except FileNotFoundError:
            return
        for name in files:
            names.append(f"{directory}/{name}" if directory else name)
        for name in dirs:
            walk(f"{directory}/{name}" if directory else name)

    walk("")
    return sorted(names)


def _copy_and_hash(source, target) -> str:
    digest = hashlib.sha256()
    while chunk := source.read(_CHUNK):
        digest.update(chunk)
        target.write(chunk)
    return digest.hexdigest()


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _safe_media_name(name: str) -> str:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise BackupError(f"Otillåtet filnamn i arkivet: {name!r}.")
    return str(path)


# --- Backup ---------------------------------------------------------------------------------


def default_backup_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "backups" / f"kompetenshandboken-{stamp}.tar.gz"


def check_fully_migrated(using: str = DEFAULT_DB_ALIAS) -> None:
    """The models describe the tables only when every migration is applied."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        pending = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:5])
        raise BackupError(
            f"Databasen har {len(plan)} omigrerade migreringar ({pending}…); "
            "kör manage.py migrate först."
        )


def _dump_database(target, using: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Serialize every backed-up row to `target` from one consistent snapshot."""
    connection = connections[using]
    models = backed_up_models()
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            # Must be the first statement of the transaction; inside an outer transaction (as
            # in a test case) the snapshot of that transaction is used instead.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        counts = row_counts(using)
        migrations = applied_migrations(using)
        objects = itertools.chain.from_iterable(
            model._base_manager.using(using).order_by(model._meta.pk.name).iterator()
            for model in models
        )
        serializers.serialize(
            "json",
            objects,
            stream=target,
            indent=None,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=False,
            cls=ExactJSONEncoder,
        )
    return counts, migrations


def create_backup(path: Path | str | None = None, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write a backup archive to `path` (default: BASE_DIR/backups/kompetenshandboken-….tar.gz)."""
    check_fully_migrated(using)
    path = Path(path) if path else default_backup_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    created_at = timezone.now()
    with tempfile.TemporaryDirectory(prefix="kh-backup-") as work_dir:
        work = Path(work_dir)
        database_file = work / DATABASE_NAME
        with database_file.open("w", encoding="utf-8") as target:
            counts, migrations = _dump_database(target, using)

        # Copy every media file once, hashing on the way, so the archive holds exactly the bytes
        # the manifest describes even if a file changes while the backup runs.
        media: dict[str, str] = {}
        spool = work / "media"
        for name in media_files():
            local = spool / name
            local.parent.mkdir(parents=True, exist_ok=True)
            try:
                with default_storage.open(name, "rb") as source, local.open("wb") as target:
                    media[name] = _copy_and_hash(source, target)
            except FileNotFoundError:
                continue  # deleted while the backup ran

        manifest = {
            "format_version": FORMAT_VERSION,
            "created_at": created_at.isoformat(),
            "django_version": django.get_version(),
            "database_vendor": connections[using].vendor,
            "migrations": migrations,
            "row_counts": counts,
            "media": media,
        }
        manifest_bytes = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")

        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size = len(manifest_bytes)
            info.mtime = int(created_at.timestamp())
            archive.addfile(info, io.BytesIO(manifest_bytes))
            archive.add(database_file, arcname=DATABASE_NAME)
            for name in media:
                archive.add(spool / name, arcname=MEDIA_PREFIX + name)
        os.replace(partial, path)  # never leave a half-written archive under the final name
    return BackupResult(path=path, manifest=manifest)


# --- Restore --------------------------------------------------------------------------------


def read_manifest(archive_path: Path | str) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST_NAME)
            if member is None:
                raise KeyError(MANIFEST_NAME)
            return json.load(member)
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{archive_path} är inget läsbart backuparkiv: {exc}") from exc


def check_migrations(manifest: dict, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse unless the database has exactly the migrations the backup was taken with."""
    current = applied_migrations(using)
    wanted = manifest["migrations"]
    problems = []
    for app_label in sorted(set(current) | set(wanted)):
        have, need = set(current.get(app_label, [])), set(wanted.get(app_label, []))
        if missing := sorted(need - have):
            problems.append(f"{app_label}: saknar {', '.join(missing)}")
        if extra := sorted(have - need):
            problems.append(f"{app_label}: har även {', '.join(extra)}")
    if problems:
        raise BackupError(
            "Databasens migreringar stämmer inte med backupen. Migrera databasen till samma "
            "läge som backupen togs i (manage.py migrate <app> <migrering>) och försök igen.\n  "
            + "\n  ".join(problems)
        )


def _extract(archive_path: Path, work: Path, manifest: dict) -> None:
    """Unpack the database dump and the media files, verifying every checksum."""
    expected = {
        MEDIA_PREFIX + _safe_media_name(name): digest for name, digest in manifest["media"].items()
    }
    seen: set[str] = set()
    with tarfile.open(archive_path, "r:gz") as archive:
        for member in archive:
            if member.name == MANIFEST_NAME:
                continue
            if member.name != DATABASE_NAME and member.name not in expected:
                raise BackupError(f"Okänd fil i arkivet: {member.name!r}.")
            if not member.isfile():
                raise BackupError(f"{member.name!r} i arkivet är ingen vanlig fil.")
            target = work / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            with target.open("wb") as handle:
                digest = _copy_and_hash(source, handle)
            if member.name in expected and digest != expected[member.name]:
                raise BackupError(f"Kontrollsumman för {member.name} stämmer inte med manifestet.")
            seen.add(member.name)
    missing = sorted((set(expected) | {DATABASE_NAME}) - seen)
    if missing:
        raise BackupError(f"Arkivet saknar {', '.join(missing)}.")


def _replace_rows(database_file: Path, manifest: dict, using: str) -> int:
    """Delete all backed-up rows and load the archive's, in one transaction."""
    connection = connections[using]
    tables = all_tables_models()
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        with connection.constraint_checks_disabled():
            # Children before parents. Plain DELETEs: no signals, no cascades in Python, as
            # every table involved is emptied anyway.
            with connection.cursor() as cursor:
                for model in reversed(tables):
                    table = connection.ops.quote_name(model._meta.db_table)
                    cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a quoted table name
            loaded = 0
            deferred = []
            with database_file.open(encoding="utf-8") as stream:
                for obj in serializers.deserialize(
                    "json", stream, using=using, handle_forward_references=True
                ):
                    obj.save(using=using)
                    if obj.deferred_fields:
                        deferred.append(obj)
                    loaded += 1
            for obj in deferred:
                obj.save_deferred_fields(using=using)
            for rebuild in _derived.values():
                rebuild()
        connection.check_constraints(table_names=[m._meta.db_table for m in tables])

        sequence_sql = connection.ops.sequence_reset_sql(no_style(), tables)
        if sequence_sql:
            with connection.cursor() as cursor:
                for sql in sequence_sql:
                    cursor.execute(sql)

        counts = row_counts(using)
        wanted = manifest["row_counts"]
        wrong = [
            f"{label}: {counts.get(label, 0)} i stället för {number}"
            for label, number in sorted(wanted.items())
            if counts.get(label, 0) != number
        ]
        wrong += [f"{label}: saknas i manifestet" for label in sorted(set(counts) - set(wanted))]
        if wrong:
            raise BackupError(
                "Antalet rader efter återläsningen stämmer inte med manifestet; inget ändrades.\n  "
                + "\n  ".join(wrong)
            )
    return loaded


def _restore_media(spool: Path, manifest: dict) -> int:
    for name, digest in manifest["media"].items():
        if default_storage.exists(name):
            default_storage.delete(name)
        with (spool / name).open("rb") as handle:
            saved = default_storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"Lagringen sparade {name} som {saved}.")
        with default_storage.open(name, "rb") as written:
            if _copy_and_hash(written, io.BytesIO()) != digest:
                raise BackupError(f"{name} blev inte identisk efter återställningen.")
    return len(manifest["media"])


def restore_backup(archive_path: Path | str, using: str = DEFAULT_DB_ALIAS) -> RestoreResult:
    """Replace the database rows and media files with the archive's."""
    archive_path = Path(archive_path)
    manifest = read_manifest(archive_path)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Arkivets formatversion {manifest.get('format_version')!r} stöds inte "
            f"(den här versionen läser {FORMAT_VERSION})."
        )
    check_migrations(manifest, using)
    result = RestoreResult(manifest=manifest)
    with tempfile.TemporaryDirectory(prefix="kh-restore-") as work_dir:
        work = Path(work_dir)
        _extract(archive_path, work, manifest)
        result.objects = _replace_rows(work / DATABASE_NAME, manifest, using)
        result.files = _restore_media(work / MEDIA_PREFIX.rstrip("/"), manifest)
    # Pages cached before the restore show content that is gone now: retire them all.
    SiteVersion.objects.db_manager(using).bump()
    cache.clear()
    result.rows = sum(manifest["row_counts"].values())
    result.extra_files = sorted(set(media_files()) - set(manifest["media"]))
    return result
