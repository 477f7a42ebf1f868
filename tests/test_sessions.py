"""core.sessions: Django's database sessions read by a query compiled once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.sessions.cached_db import SessionStore as CachedSessionStore
from core.sessions.db import SessionStore

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("store_class", [SessionStore, CachedSessionStore])
def test_a_stored_session_reads_back(store_class):
    store = store_class()
    store["kaffe"] = "svart"
    store.create()
    again = store_class(session_key=store.session_key)
    assert again["kaffe"] == "svart"
    assert again.session_key == store.session_key


def test_an_expired_session_is_no_session():
    """As Django's: the row is there, but past its expiry it reads as empty and the key is
    dropped (a new one is made when something is stored)."""
    store = SessionStore()
    store["kaffe"] = "svart"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    again = SessionStore(session_key=store.session_key)
    assert again.load() == {}
    assert again.session_key is None


def test_an_unknown_key_is_no_session():
    store = SessionStore(session_key="x" * 32)
    assert store.load() == {}
    assert store.session_key is None


def test_a_signed_in_page_reads_the_session_in_one_query(client, django_user_model):
    user = django_user_model.objects.create_user("ada@example.se", "lösenord-123-abc")
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/konto/profil/")
    assert response.status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]]
    assert len(reads) == 1
    # The expiry is compared in Python: the query takes only the key.
    assert "expire_date" not in reads[0].split("WHERE", 1)[1]


@override_settings(SESSION_ENGINE="core.sessions.db")
def test_signing_out_ends_the_session(client, django_user_model):
    user = django_user_model.objects.create_user("ada@example.se", "lösenord-123-abc")
    client.force_login(user)
    key = client.session.session_key
    client.post("/konto/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/konto/profil/").status_code == 302
