"""The moves from methods to core keep their data, forwards and backwards: the audit log's
entries and the site version's row.

On the test database filled with `manage.py seed_demo` plus entries of every kind (about a
method, a comment on its method's page, an experience report on its method's page, a company,
and a comment purged since), methods 0014 is unapplied and applied again:

- backwards, the entries are back in methods' table under their ids and times, with the
  method, company and comment they were about and their summaries as Swedish text;
- forwards again, they are in core's table under the same ids and times, on the same pages,
  with the same summaries; new entries get new ids after them.

The site version's row stays in its table through core's migrations back to zero and forwards
again (the table is only renamed).

Transactional, like tests/test_migrations.py (migrations change the schema).
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext_noop

from companies.choices import MembershipRole
from companies.models import Company, ExperienceReport
from core.audit import record, words
from core.models import AuditAction, AuditEntry, SiteVersion
from methods.models import Comment, Method
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MIGRATION = ("methods", "0014_audit_entries_to_core")


@pytest.fixture(autouse=True)
def forget_content_type_ids():
    yield
    ContentType.objects.clear_cache()
    cache.clear()


def quietly(*args) -> None:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out)


def loader():
    return MigrationExecutor(connection).loader


def previous_migration() -> str:
    (parent,) = [
        node.key
        for node in loader().graph.node_map[MIGRATION].parents
        if node.key[0] == MIGRATION[0]
    ]
    return parent[1]


def make_entries() -> dict[str, AuditEntry]:
    """One entry of each kind the site writes, with times and ids of their own."""
    editor = UserFactory(display_name="Eva Redaktör")
    method = Method.objects.published().order_by("pk").first()
    report = ExperienceReport.objects.order_by("pk").first()
    company = Company.objects.order_by("pk").first()
    comment = Comment.objects.create(method=method, author=editor, body="Kort kommentar.")
    gone = Comment.objects.create(method=method, author=None, body="Borttagen sedan.")
    entries = {
        "method": record(
            editor, AuditAction.PUBLISHED, gettext_noop("Publicerade %(title)s"),
            {"title": method.title}, target=method,
        ),
        "comment": record(
            editor, AuditAction.COMMENT_HIDDEN,
            gettext_noop("Dolde kommentar %(number)s av %(author)s på ”%(title)s”."),
            {"number": comment.pk, "author": "Eva Redaktör", "title": method.title},
            target=comment, scope=method,
        ),
        "report": record(
            None, AuditAction.PUBLISHED,
            gettext_noop("Publicerade erfarenhetsrapporten ”%(title)s” från %(company)s"),
            {"title": report.title, "company": report.company.name},
            target=report, scope=report.method,
        ),
        "company": record(
            editor, AuditAction.INVITED,
            gettext_noop("Bjöd in %(email)s till %(company)s som %(role)s"),
            {"email": "ny@example.org", "company": company.name,
             "role": words(MembershipRole.ADMIN.label)},
            target=company,
        ),
        "gone": record(
            editor, AuditAction.DELETED,
            gettext_noop(
                "Flyttade kommentar %(number)s av %(author)s på metoden ”%(title)s” till "
                "papperskorgen."
            ),
            {"number": gone.pk, "author": words(gettext_noop("tidigare medlem")),
             "title": method.title},
            target=gone, scope=method,
        ),
    }  # fmt: skip
    gone.delete()
    # Distinct times in the past, with microseconds: they must survive exactly.
    for n, entry in enumerate(entries.values(), start=1):
        entry.created_at = timezone.now() - timedelta(days=n, microseconds=n * 1234)
        AuditEntry.objects.filter(pk=entry.pk).update(created_at=entry.created_at)
    return entries


def test_audit_entries_survive_the_move_backwards_and_forwards():
    quietly("seed_demo")
    entries = make_entries()
    summaries = {name: entry.summary for name, entry in entries.items()}
    assert summaries["company"] == (
        f"Bjöd in ny@example.org till {entries['company'].target.name} som företagsadministratör"
    )
    report = entries["report"].target
    # Read now: while methods is stepped back, its table lacks the columns added since.
    method = entries["method"].target
    comment = entries["comment"].target
    total = AuditEntry.objects.count()
    before = {
        entry.pk: (entry.created_at, entry.actor_id, entry.action, entry.summary)
        for entry in AuditEntry.objects.all()
    }
    try:
        quietly("migrate", MIGRATION[0], previous_migration())
        assert MIGRATION not in loader().applied_migrations
        # Back in methods' table, under the same ids, with foreign keys and finished text.
        state = loader().project_state(("methods", previous_migration()), at_end=True)
        old = state.apps.get_model("methods", "AuditEntry")
        rows = {
            row["id"]: row
            for row in old.objects.values(
                "id", "created_at", "actor_id", "action", "summary", "method_id", "company_id",
                "comment_id",
            )
        }  # fmt: skip
        assert {
            pk: (r["created_at"], r["actor_id"], r["action"], r["summary"])
            for pk, r in rows.items()
        } == before  # noqa: E501
        links = {
            name: (
                rows[entry.pk]["method_id"],
                rows[entry.pk]["company_id"],
                rows[entry.pk]["comment_id"],
            )
            for name, entry in entries.items()
        }
        assert links == {
            "method": (method.pk, None, None),
            "comment": (method.pk, None, comment.pk),
            "report": (report.method_id, report.company_id, None),
            "company": (None, entries["company"].target.pk, None),
            # The comment is gone, as the old foreign key would have it.
            "gone": (method.pk, None, None),
        }
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM core_auditentry")
            assert cursor.fetchone()[0] == 0
    finally:
        quietly("migrate")
        ContentType.objects.clear_cache()
        cache.clear()
    assert MIGRATION in loader().applied_migrations

    after = {
        entry.pk: (entry.created_at, entry.actor_id, entry.action, entry.summary)
        for entry in AuditEntry.objects.all()
    }
    assert after == before
    moved = {name: AuditEntry.objects.get(pk=entry.pk) for name, entry in entries.items()}
    method = entries["method"].target
    assert {name: (entry.target, entry.scope) for name, entry in moved.items()} == {
        "method": (method, method),
        "comment": (entries["comment"].target, method),
        # Which report it was is not kept by the old table: the company, on the method's page.
        "report": (report.company, report.method),
        "company": (entries["company"].target, entries["company"].target),
        "gone": (method, method),
    }
    # On the same pages as before.
    assert set(method.audit_entries.values_list("pk", flat=True)) >= {
        entries[name].pk for name in ("method", "comment", "gone")
    }
    assert entries["report"].pk in report.method.audit_entries.values_list("pk", flat=True)
    # New entries continue after the copied ids (the sequence moved on with them).
    newest = record(None, AuditAction.SAVED, "Sparade.", target=method)
    assert newest.pk > max(before)
    assert AuditEntry.objects.count() == total + 1


def test_the_site_version_keeps_its_row_through_the_move():
    quietly("seed_demo")
    SiteVersion.objects.bump(structure=True)
    before = SiteVersion.objects.values_list("pk", "value", "structure", "changed_at").get()
    try:
        # Takes every migration after the move with it (methods 0011 onwards).
        quietly("migrate", "core", "zero")
        assert ("core", "0001_initial") not in loader().applied_migrations
        assert ("methods", "0011_site_version_to_core") not in loader().applied_migrations
        tables = connection.introspection.table_names()
        assert "methods_siteversion" in tables and "core_siteversion" not in tables
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, value, structure FROM methods_siteversion")
            assert cursor.fetchall() == [before[:3]]
    finally:
        quietly("migrate")
        ContentType.objects.clear_cache()
        cache.clear()
    assert "methods_siteversion" not in connection.introspection.table_names()
    assert SiteVersion.objects.values_list("pk", "value", "structure", "changed_at").get() == before
    assert ContentType.objects.filter(app_label="methods", model="siteversion").count() == 0
