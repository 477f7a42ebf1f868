"""The audit log: entries written by actions, and the editors' log page per method."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from methods import services
from methods.audit import record
from methods.models import AuditAction, AuditEntry, Comment
from tests.factories import MethodFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
ROLES = ["anonymous", "member", "stranger", "company_admin", "editor", "superuser", "author"]


@pytest.fixture
def author(db):
    return UserFactory(display_name="Alva Författare")


@pytest.fixture
def method(author):
    return MethodFactory(title="Loggad metod", slug="loggad", author=author)


@pytest.fixture
def as_role(client, request, company, author):
    def sign_in(role: str):
        if role == "anonymous":
            return None
        user = request.getfixturevalue(role)
        client.force_login(user)
        return user

    return sign_in


@pytest.mark.parametrize("role", ROLES)
def test_audit_log_permissions(client, as_role, method, role):
    user = as_role(role)
    response = client.get(reverse("methods:audit_log", args=["loggad"]))
    if user is None:
        assert response.status_code == 302
        assert response.url == f"{LOGIN}?next=/metoder/loggad/logg/"
    elif role in {"editor", "superuser"}:
        assert response.status_code == 200
    else:  # the method's own author included
        assert response.status_code == 403


def test_audit_log_lists_the_methods_entries_newest_first(client, editor, method):
    other = MethodFactory(title="Annan metod")
    first = record(editor, AuditAction.SUBMITTED, "Skickade in «Loggad metod».", method=method)
    second = record(None, AuditAction.PUBLISHED, "Publicerade «Loggad metod».", method=method)
    record(editor, AuditAction.PUBLISHED, "Publicerade «Annan metod».", method=other)
    AuditEntry.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=1))
    client.force_login(editor)
    response = client.get(reverse("methods:audit_log", args=["loggad"]))
    assert response.context["entries"] == [second, first]
    html = response.content.decode()
    assert "<h1>Logg för «Loggad metod»</h1>" in html
    assert (
        "<td>systemet</td>\n      <td>publicerade</td>\n      <td>Publicerade «Loggad metod».</td>"
        in html
    )
    assert "<td>Eva Redaktör</td>\n      <td>skickade in</td>" in html
    assert "Annan metod" not in html
    assert "2 händelser" in html


def test_audit_log_of_a_deleted_method_stays_available(client, editor, method):
    services.move_to_bin(method, editor)
    client.force_login(editor)
    response = client.get(reverse("methods:audit_log", args=["loggad"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Metoden ligger i papperskorgen." in html
    assert "Flyttade metoden «Loggad metod» (loggad) till papperskorgen." in html


def test_audit_log_of_unknown_method_is_404(client, editor):
    client.force_login(editor)
    assert client.get(reverse("methods:audit_log", args=["finns-inte"])).status_code == 404


def test_audit_log_includes_comment_moderation(client, editor, method):
    comment = Comment.objects.create(
        method=method, author=UserFactory(display_name="Kim"), body="x"
    )
    client.force_login(editor)
    client.post(reverse("methods:comment_hide", args=[comment.pk]))
    client.post(reverse("methods:comment_show", args=[comment.pk]))
    client.post(reverse("methods:comment_delete", args=[comment.pk]))
    response = client.get(reverse("methods:audit_log", args=["loggad"]))
    assert [e.action for e in response.context["entries"]] == [
        AuditAction.DELETED,
        AuditAction.COMMENT_SHOWN,
        AuditAction.COMMENT_HIDDEN,
    ]
    assert [e.summary for e in response.context["entries"]] == [
        f"Flyttade kommentar {comment.pk} av Kim på metoden «Loggad metod» till papperskorgen.",
        f"Visade kommentar {comment.pk} av Kim på «Loggad metod».",
        f"Dolde kommentar {comment.pk} av Kim på «Loggad metod».",
    ]


@pytest.mark.parametrize("size", [2, 15])
def test_audit_log_query_count_is_constant(client, editor, method, django_assert_num_queries, size):
    for n in range(size):
        record(UserFactory(), AuditAction.SAVED, f"Sparade version {n}.", method=method)
    client.force_login(editor)
    # session, user, editor group, method, entries with their actors
    with django_assert_num_queries(5):
        response = client.get(reverse("methods:audit_log", args=["loggad"]))
    assert len(response.context["entries"]) == size


def test_record_links_the_comment_and_ignores_anonymous_actors(method):
    from django.contrib.auth.models import AnonymousUser

    comment = Comment.objects.create(method=method, author=None, body="x")
    entry = record(AnonymousUser(), AuditAction.COMMENT_HIDDEN, "s" * 400, comment=comment)
    entry.refresh_from_db()
    assert (entry.actor, entry.comment, entry.method) == (None, comment, None)
    assert entry.summary == "s" * 300


def test_entries_of_a_purged_comment_keep_their_summary(editor, method):
    comment = Comment.objects.create(method=method, author=None, body="x")
    services.move_to_bin(comment, editor)
    Comment.objects.filter(pk=comment.pk).update(deleted_at=timezone.now() - timedelta(days=40))
    services.purge_from_bin(30)
    entries = list(AuditEntry.objects.order_by("pk").values_list("action", "comment", "summary"))
    assert entries[0] == (
        AuditAction.DELETED,
        None,
        f"Flyttade kommentar {comment.pk} av tidigare medlem på metoden «Loggad metod» till "
        "papperskorgen.",
    )
    assert entries[1][:2] == (AuditAction.PURGED, None)
