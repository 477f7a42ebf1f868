"""tests/dbsnapshot.py: the browser journeys start from its restore of the demo handbook instead
of loading it again, so a restore must give back exactly the rows seed_demo left, on both
databases, with search, new rows and foreign keys working as after a real load."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from companies.models import ExperienceReport
from core.roles import EDITOR_GROUP
from methods.models import Method, Phase
from methods.search import parse_query, search_methods
from tests import dbsnapshot
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def contents() -> dict[str, list]:
    """Every Django table's rows, in a comparable order."""
    snapshot = dbsnapshot.take()
    if connection.vendor == "postgresql":
        return {table: sorted(rows.splitlines()) for table, rows in snapshot.rows.items()}
    return {table: sorted(map(repr, rows)) for table, (_, rows) in snapshot.rows.items()}


def found(words: str) -> list[str]:
    methods = search_methods(Method.objects.published(), parse_query(words))
    return sorted(methods.values_list("slug", flat=True))


def test_a_restore_gives_back_exactly_the_seeded_rows_after_a_test_changed_them():
    call_command("seed_demo", stdout=io.StringIO())
    # A restore cannot give back mail: the seed must send none.
    assert mail.outbox == []
    seeded = contents()
    assert len(seeded[Method._meta.db_table]) >= 15
    assert seeded[ExperienceReport._meta.db_table]
    fadder = found("fadder")
    assert "fadder-pa-arbetsplatsen" in fadder
    snapshot = dbsnapshot.take()

    # What a journey does: deletes (with cascades), new rows, updates.
    Method.objects.get(slug="fadder-pa-arbetsplatsen").delete()
    Phase.objects.update(name="Ändrad")
    UserFactory(email="ny@example.org")
    assert contents() != seeded
    assert "fadder-pa-arbetsplatsen" not in found("fadder")

    dbsnapshot.restore(snapshot)

    assert contents() == seeded
    # SQLite's full-text tables follow the rows through their triggers; PostgreSQL's vectors
    # are columns of the rows.
    assert found("fadder") == fadder
    # New rows get new ids (PostgreSQL's sequences are set past the restored rows).
    newcomer = UserFactory(email="nyare@example.org")
    assert newcomer.pk > max(User.objects.exclude(pk=newcomer.pk).values_list("pk", flat=True))


def test_a_restore_after_a_flush_gives_back_the_rows_and_nothing_else():
    call_command("seed_demo", stdout=io.StringIO())
    seeded = contents()
    snapshot = dbsnapshot.take()
    call_command("flush", interactive=False, verbosity=0)
    assert not User.objects.exists()

    dbsnapshot.restore(snapshot)

    assert contents() == seeded
    demo_editor = User.objects.get(email="redaktor@kompetenshandboken.example")
    assert list(demo_editor.groups.values_list("name", flat=True)) == [EDITOR_GROUP]
