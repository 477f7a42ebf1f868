"""Every migration applies forwards and backwards on a database holding the demo handbook.

Two tests, both on the test database filled with `manage.py seed_demo`:

- every app back to zero (every migration of the site and of the libraries unapplied, demo
  data and all), then forwards again: the schema matches the models (makemigrations --check)
  and the data migrations' rows (phases with their checklists, competence areas, business
  lines, the editors' group, the search synonyms) are there again;
- for each of the site's apps, its newest migration back one step and forwards again, with the
  demo data present: every table the migration does not touch keeps every row, unchanged.

Transactional (migrations change the schema, which a test transaction cannot roll back). Both
tests end on the latest migrations; pytest-django then empties the database and the serialized
rollback puts the migrations' rows back for later transactional tests, as in test_backup.py.
"""

from __future__ import annotations

import io
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunPython, RunSQL

from companies.models import Company, ExperienceReport
from core.roles import EDITOR_GROUP
from methods.models import BusinessLine, ChecklistItem, CompetenceArea, Method, Phase, SearchSynonym

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SITE_APPS = ("accounts", "companies", "methods", "core")

# Rows a data migration writes into tables its own schema operations do not create: its
# reverse removes them (and what cascades from them), so a step back and forwards again does
# not keep those tables as they were. A new RunPython/RunSQL in a site app's newest migration
# fails test_each_app_steps_back_and_forwards_keeping_the_other_tables until it is listed.
DATA_MIGRATION_TABLES = {
    # The editors' group goes, and with it who was in it (Group.user_set, a cascade).
    ("accounts", "0002_editor_group"): {
        "auth.Group",
        "accounts.User_groups",
        "auth.Group_permissions",
    },
    # The row of the content version counter, in the table the same migration creates.
    ("methods", "0009_site_version"): set(),
    # Content types of models that moved to core: a step back makes the old one again
    # (post_migrate), the step forwards deletes it, so the table ends as it was.
    ("methods", "0011_site_version_to_core"): set(),
    # Queued mails renamed to the notification task's new path, and back (none in the demo).
    ("core", "0002_notification_task_path"): set(),
    # The audit entries are copied back to methods and deleted from core, then copied again:
    # they come back under the same ids and times, their summaries now finished text (see
    # tests/test_audit_migration.py). The old model's content type, made again by the step
    # back, is deleted by the step forwards.
    ("methods", "0014_audit_entries_to_core"): {"core.AuditEntry"},
    # The line of business's content type is renamed to methods (and back on a step back);
    # one made by post_migrate in between is deleted, with its permissions.
    ("companies", "0006_business_line_to_methods"): {"contenttypes.ContentType", "auth.Permission"},
    # The English names of the vocabulary (filled again after the step back drops the column),
    # audit summaries and phase guides moved to ” ” (a step back leaves them so).
    ("methods", "0017_vocabulary_in_english"): set(),
    # SQLite's full-text index of companies and reports: FTS5 tables and triggers only, which
    # the step back drops and the step forwards makes and fills again (none on PostgreSQL).
    ("companies", "0009_sqlite_full_text"): set(),
    # The same indexes made again with positions in their trigram tables (SQLite only).
    ("companies", "0010_sqlite_trigram_positions"): set(),
    ("methods", "0024_sqlite_trigram_positions"): set(),
    # PostgreSQL's search vocabulary (its own table outside the models) and the trigram
    # indexes of the companies' and reports' search text: nothing on SQLite.
    ("methods", "0018_search_vocabulary"): set(),
    ("companies", "0011_search_trigram_indexes"): set(),
    # The kept method page parts (a read model of rendered HTML, the table its own fields
    # change): dropped both ways, kept again by the task migrate queues.
    ("methods", "0028_kept_method_page_text_columns"): set(),
    # An index dropped on PostgreSQL (created again backwards): no rows change.
    ("methods", "0029_drop_unused_search_text_trigram_index"): set(),
}


# Not data: the content version counter that page caches are keyed on. Anything that may have
# changed content moves it on purpose (core/siteversion.py), a migration included.
COUNTERS = {"core.SiteVersion"}
# Rendered HTML, not data: migrate renders what is missing again (methods.keptpage), possibly
# as new rows. Compared without their ids.
RENDERED = {"methods.KeptMethodPage"}


@pytest.fixture(autouse=True)
def forget_content_type_ids():
    """The tests make content types again under new ids; the serialized rollback brings back the
    old ones, which later tests must not find cached under the new."""
    yield
    ContentType.objects.clear_cache()
    cache.clear()


def quietly(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out, **kwargs)
    return out.getvalue()


def seed_demo() -> None:
    quietly("seed_demo")
    assert (
        Method.objects.exists() and Company.objects.exists() and ExperienceReport.objects.exists()
    )


def table_contents() -> dict[str, list]:
    """Every row of every table the models know, by model label."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
    }


def loader_graph():
    executor = MigrationExecutor(connection)
    return executor.loader


def applied_count() -> int:
    return len(loader_graph().applied_migrations)


def back_to_latest() -> None:
    quietly("migrate")
    # Content types and permissions were made again with new ids; forget the cached ones.
    ContentType.objects.clear_cache()
    cache.clear()


def assert_seeded_rows_are_back() -> None:
    phases_module = import_module("methods.migrations.0002_seed_phases_and_areas")
    lines_module = import_module("companies.migrations.0003_seed_business_lines")
    synonyms_module = import_module("methods.migrations.0005_search_indexes_and_synonyms")
    assert list(Phase.objects.order_by("number").values_list("slug", flat=True)) == [
        phase["slug"] for phase in phases_module.PHASES
    ]
    for phase in phases_module.PHASES:
        assert list(
            ChecklistItem.objects.filter(phase__slug=phase["slug"])
            .order_by("position")
            .values_list("text", flat=True)
        ) == list(phase["checklist"])
    assert CompetenceArea.objects.count() == len(phases_module.AREAS)
    assert BusinessLine.objects.count() == len(lines_module.BUSINESS_LINES)
    assert SearchSynonym.objects.count() == len(synonyms_module.SYNONYMS)
    assert Group.objects.filter(name=EDITOR_GROUP).exists()


def assert_models_match_schema() -> None:
    # --check exits with status 1 when a model change has no migration.
    quietly("makemigrations", "--check", "--dry-run")


# Migrations that cannot be unapplied, with the reason. None may be the site's own.
IRREVERSIBLE = {
    # django-tasks-db moves exception details into new fields with a RunPython that has no
    # reverse; the queue's tables stay at this migration (its earlier ones stay applied too).
    ("django_tasks_database", "0013_separate_exception_fields"),
}


def irreversible_migrations() -> set[tuple[str, str]]:
    return {
        key
        for key, migration in loader_graph().disk_migrations.items()
        if not all(operation.reversible for operation in migration.operations)
    }


def earliest_target(app: str) -> str:
    """'zero', or the newest migration of the app that cannot be unapplied."""
    stuck = sorted(name for label, name in IRREVERSIBLE if label == app)
    return stuck[-1] if stuck else "zero"


def test_every_app_back_to_zero_and_forwards_again_with_the_demo_handbook():
    assert irreversible_migrations() == IRREVERSIBLE
    seed_demo()
    applied = applied_count()
    try:
        # The site's apps first: unapplying accounts takes every migration that needs the user
        # model with it (admin, allauth...); then whatever is left, app by app.
        for app in (*SITE_APPS, *sorted(loader_graph().migrated_apps - set(SITE_APPS))):
            quietly("migrate", app, earliest_target(app))
        still_applied = loader_graph().applied_migrations
        kept_apps = {app for app, _name in IRREVERSIBLE}
        assert {app for app, _name in still_applied} == kept_apps
        kept_tables = {
            model._meta.db_table
            for app in kept_apps
            for model in apps.get_app_config(app).get_models(include_auto_created=True)
        }
        left = set(connection.introspection.table_names()) - {"django_migrations"}
        assert left == kept_tables
        print(f"unapplied {applied - len(still_applied)} of {applied} migrations")
    finally:
        back_to_latest()
    assert applied_count() == applied
    assert_models_match_schema()
    assert_seeded_rows_are_back()


def newest_and_previous(app: str) -> tuple[tuple[str, str], tuple[str, str] | None]:
    graph = loader_graph().graph
    (newest,) = graph.leaf_nodes(app)
    parents = [node for node in graph.node_map[newest].parents if node.key[0] == app]
    return newest, (parents[0].key if parents else None)


def touched_tables(app: str, name: str) -> set[str]:
    """Labels of the models whose table the migration creates, changes or deletes, their
    many-to-many tables, and every model with a foreign key to one of them (a cascade); plus
    the tables its data operations write, from DATA_MIGRATION_TABLES."""
    loader = loader_graph()
    migration = loader.get_migration(app, name)
    before = loader.project_state((app, name), at_end=False)
    after = loader.project_state((app, name), at_end=True)
    changed = {
        key
        for key in set(before.models) | set(after.models)
        if key not in before.models
        or key not in after.models
        or before.models[key].fields != after.models[key].fields
        or before.models[key].options != after.models[key].options
    }
    labels = set()
    for model in apps.get_models(include_auto_created=True):
        key = (model._meta.app_label, model._meta.model_name)
        related = {
            (field.related_model._meta.app_label, field.related_model._meta.model_name)
            for field in model._meta.get_fields()
            if field.is_relation and field.related_model is not None and field.concrete
        }
        if key in changed or related & changed:
            labels.add(model._meta.label)
    if any(isinstance(op, (RunPython, RunSQL)) for op in migration.operations):
        assert (app, name) in DATA_MIGRATION_TABLES, f"{app}.{name} writes data: list its tables"
        labels |= DATA_MIGRATION_TABLES[(app, name)]
    return labels


@pytest.mark.parametrize("app", SITE_APPS)
def test_each_app_steps_back_and_forwards_keeping_the_other_tables(app):
    seed_demo()
    (_, newest), previous = newest_and_previous(app)
    touched = touched_tables(app, newest)
    before = table_contents()
    try:
        quietly("migrate", app, previous[1] if previous else "zero")
        assert (app, newest) not in loader_graph().applied_migrations
    finally:
        back_to_latest()
    assert (app, newest) in loader_graph().applied_migrations
    after = table_contents()
    kept = set(before) - touched - COUNTERS
    assert kept, "the step back touched every table"
    for label in RENDERED & kept:
        before[label] = sorted(row[1:] for row in before[label])
        after[label] = sorted(row[1:] for row in after[label])
    assert {label for label in kept if before[label] != after[label]} == set()
    assert_models_match_schema()
    assert_seeded_rows_are_back()
