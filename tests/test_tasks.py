"""core/tasks.py: one task per commit for everything a transaction changed."""

import pytest
from django.db import connection, transaction

from core.tasks import gather_on_commit

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued():
    connection.__dict__.pop("gathered_on_commit", None)  # what earlier tests left
    calls = []
    yield calls
    connection.__dict__.pop("gathered_on_commit", None)


def record(calls):
    return lambda **ids: calls.append(ids)


def test_a_transaction_queues_one_task_with_every_id(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        gather_on_commit("a", record(queued), method_ids=[3, 1], line_ids=[])
        gather_on_commit("a", record(queued), method_ids=[2, 3], line_ids=[7])
        gather_on_commit("b", record(queued), method_ids=[9])
    assert queued == [{"method_ids": [1, 2, 3], "line_ids": [7]}, {"method_ids": [9]}]


def test_none_stands_for_every_row(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        gather_on_commit("a", record(queued), method_ids=[1])
        gather_on_commit("a", record(queued), method_ids=None)
        gather_on_commit("a", record(queued), method_ids=[2])
    assert queued == [{"method_ids": None}]


def test_nothing_to_do_queues_nothing(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        gather_on_commit("a", record(queued), method_ids=[], line_ids=set())
    assert queued == []


def test_the_next_transaction_starts_empty(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        gather_on_commit("a", record(queued), method_ids=[1])
    with django_capture_on_commit_callbacks(execute=True):
        gather_on_commit("a", record(queued), method_ids=[2])
    assert queued == [{"method_ids": [1]}, {"method_ids": [2]}]


def test_a_rolled_back_transactions_ids_go_with_the_next_commit(
    queued, django_capture_on_commit_callbacks
):
    """A task too many is harmless for a read model recomputed from the committed rows; one
    too few would leave it stale."""
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                gather_on_commit("a", record(queued), method_ids=[1])
                raise RuntimeError
        except RuntimeError:
            pass
        gather_on_commit("a", record(queued), method_ids=[2])
    assert queued == [{"method_ids": [1, 2]}]
