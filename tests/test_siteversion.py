"""The site version kept in a shared cache (core/siteversion.py): moved only by a commit, never
back, taken from the database when the cache has lost it, and a cached page served without a
database query.

These tests commit (transaction=True): the protocol hangs on transaction.on_commit, which a test
wrapped in one transaction never reaches. The shared cache is tests.shared_cache (Redis's counter
operations in local memory); test_cache.py runs the same operations on a real Redis.
"""

import time

import pytest
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import F
from django.test import override_settings

from core.models import SiteVersion
from core.pagecache import local_pages
from core.siteversion import (
    VERSION_RECHECK_SECONDS,
    _counter_keys,
    forget_request_memo,
    namespace,
)
from methods import workflow
from methods.choices import Status
from methods.models import Method
from tests.factories import MethodFactory, make_editor
from tests.shared_cache import settings_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def store():
    with override_settings(CACHES=settings_for("siteversion-tests")):
        shared = caches["default"]
        shared.clear()
        local_pages.clear()
        forget_request_memo()
        yield shared
        shared.clear()
        local_pages.clear()


def in_cache(store) -> tuple[int, int] | None:
    content, structure = _counter_keys("default")
    found = store.read_counters([content, structure])
    return (found[content], found[structure]) if found else None


def in_database() -> tuple[int, int]:
    row = SiteVersion.objects.get(pk=1)
    return row.value, row.structure


def test_a_reader_finds_the_database_version_and_puts_it_in_the_cache(
    store, django_assert_num_queries
):
    SiteVersion.objects.filter(pk=1).update(value=41, structure=7)
    with django_assert_num_queries(1):
        assert SiteVersion.objects.current() == 41
    assert in_cache(store) == (41, 7)
    with django_assert_num_queries(0):
        assert SiteVersion.objects.current() == 41


def test_a_bump_moves_the_cache_when_its_transaction_commits_and_not_before(store):
    SiteVersion.objects.filter(pk=1).update(value=10, structure=3)
    SiteVersion.objects.current()  # the cache holds 10
    with transaction.atomic():
        SiteVersion.objects.bump()
        assert in_cache(store) == (10, 3)  # other readers: the committed version
        assert SiteVersion.objects.current() == 11  # the writer: its own
    assert in_database() == (11, 3)
    assert in_cache(store) == (11, 3)


def test_a_bump_outside_a_transaction_moves_the_cache_at_once(store):
    SiteVersion.objects.filter(pk=1).update(value=10, structure=3)
    SiteVersion.objects.current()
    SiteVersion.objects.bump(structure=True)
    assert in_cache(store) == (11, 4)


def test_a_rolled_back_bump_moves_nothing(store):
    SiteVersion.objects.filter(pk=1).update(value=10, structure=3)
    SiteVersion.objects.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        SiteVersion.objects.bump(structure=True)
        raise RuntimeError("rolled back")
    assert in_database() == (10, 3)
    assert in_cache(store) == (10, 3)


def test_a_bump_in_a_rolled_back_savepoint_leaves_the_others_of_the_commit(store):
    SiteVersion.objects.filter(pk=1).update(value=10, structure=3)
    SiteVersion.objects.current()
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            SiteVersion.objects.bump()
            raise RuntimeError("savepoint rolled back")
        SiteVersion.objects.bump()
    assert in_database() == (11, 3)
    assert in_cache(store) == (11, 3)


def test_a_cache_that_lost_the_version_takes_it_from_the_database(store):
    SiteVersion.objects.filter(pk=1).update(value=10, structure=3)
    SiteVersion.objects.current()
    store.clear()  # Redis restarted, or evicted the key
    SiteVersion.objects.filter(pk=1).update(value=F("value") + 5)  # moved meanwhile
    forget_request_memo()
    assert SiteVersion.objects.current() == 15
    assert in_cache(store) == (15, 3)


def test_a_reader_that_read_before_a_commit_cannot_put_the_version_back(store):
    SiteVersion.objects.filter(pk=1).update(value=10, structure=3)
    content, structure = _counter_keys("default")
    read_before = SiteVersion.objects._from_database()  # a reader that found the cache empty
    SiteVersion.objects.bump()  # a writer commits and raises the empty cache to 11
    assert in_cache(store) == (11, 3)
    # The reader now puts what it read: the cache keeps the writer's version, and hands it back.
    after = store.raise_counters(dict(zip((content, structure), read_before, strict=True)), 10)
    assert after == {content: 11, structure: 3}
    assert in_cache(store) == (11, 3)


def test_two_writers_leave_the_larger_version(store):
    content, structure = _counter_keys("default")
    store.raise_counters({content: 12, structure: 4}, 10)
    assert store.raise_counters({content: 11, structure: 5}, 10) == {content: 12, structure: 5}


def test_the_cached_version_is_checked_against_the_database_now_and_then(store):
    SiteVersion.objects.current()
    content, _ = _counter_keys("default")
    expiry = store._expire_info[store.make_and_validate_key(content)]
    assert expiry - time.time() == pytest.approx(VERSION_RECHECK_SECONDS, abs=1)


def test_inside_a_transaction_that_bumped_nothing_is_stored_under_a_version(store):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    with transaction.atomic():
        SiteVersion.objects.bump()
        assert SiteVersion.objects.cached("k", compute) == 1
        assert SiteVersion.objects.cached("k", compute) == 2  # not stored
    assert SiteVersion.objects.cached("k", compute) == 3  # committed: stored from now on
    assert SiteVersion.objects.cached("k", compute) == 3


def test_a_cached_page_is_served_without_a_database_query(store, client, django_assert_num_queries):
    MethodFactory(title="Skuggning på golvet", slug="skuggning")
    assert client.get("/metoder/skuggning/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/metoder/skuggning/")
    assert response["X-Page-Cache"] == "hit"
    assert "Skuggning på golvet" in response.text
    local_pages.clear()  # another process: the page from the shared cache, still no query
    with django_assert_num_queries(0):
        assert client.get("/metoder/skuggning/")["X-Page-Cache"] == "hit"


def test_a_publish_shows_on_the_next_request(store, client):
    MethodFactory(title="Skuggning på golvet", slug="skuggning")
    editor = make_editor()
    draft = MethodFactory(title="Ny metod om nyckelrutiner", status=Status.SUBMITTED)
    client.get("/metoder/")
    listing = client.get("/metoder/")
    assert listing["X-Page-Cache"] == "hit"
    assert "Ny metod om nyckelrutiner" not in listing.text
    before = in_cache(store)
    workflow.publish(Method.objects.get(pk=draft.pk), editor)
    assert in_cache(store)[0] > before[0]
    assert in_cache(store) == in_database()
    listing = client.get("/metoder/")
    assert listing["X-Page-Cache"] == "miss"
    assert "Ny metod om nyckelrutiner" in listing.text


def test_a_request_whose_transaction_rolled_back_keys_on_the_committed_version(store):
    SiteVersion.objects.filter(pk=1).update(value=10, structure=3)
    SiteVersion.objects.current()
    request_started.send(sender=None)  # inside a request: the version is remembered
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            SiteVersion.objects.bump()
            assert SiteVersion.objects.current() == 11  # the writer's own, uncommitted
            raise RuntimeError("rolled back")
        assert SiteVersion.objects.current() == 10
        assert SiteVersion.objects.cached("k", lambda: "beräknad") == "beräknad"
        assert store.get(f"ref:{namespace()}:10:k") == "beräknad"
    finally:
        request_finished.send(sender=None)
