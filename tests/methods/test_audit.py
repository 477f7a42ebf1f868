"""The audit log: entries written by actions, and the editors' log page per method."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.audit import record, words
from core.models import AuditAction, AuditEntry
from methods import services
from methods.models import Comment, Method
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
    first = record(editor, AuditAction.SUBMITTED, "Skickade in ”Loggad metod”.", target=method)
    second = record(None, AuditAction.PUBLISHED, "Publicerade ”Loggad metod”.", target=method)
    record(editor, AuditAction.PUBLISHED, "Publicerade ”Annan metod”.", target=other)
    AuditEntry.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=1))
    client.force_login(editor)
    response = client.get(reverse("methods:audit_log", args=["loggad"]))
    assert response.context["entries"] == [second, first]
    html = response.content.decode()
    assert "<h1>Logg för ”Loggad metod”</h1>" in html
    assert (
        "<td>systemet</td>\n      <td>publicerade</td>\n      <td>Publicerade ”Loggad metod”.</td>"
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
    assert "Flyttade metoden ”Loggad metod” (loggad) till papperskorgen." in html


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
        f"Flyttade kommentar {comment.pk} av Kim på metoden ”Loggad metod” till papperskorgen.",
        f"Visade kommentar {comment.pk} av Kim på ”Loggad metod”.",
        f"Dolde kommentar {comment.pk} av Kim på ”Loggad metod”.",
    ]


@pytest.mark.parametrize("size", [2, 15])
def test_audit_log_query_count_is_constant(client, editor, method, django_assert_num_queries, size):
    for n in range(size):
        record(UserFactory(), AuditAction.SAVED, f"Sparade version {n}.", target=method)
    client.force_login(editor)
    # session, user (with the editor group), method, entries with their actors
    with django_assert_num_queries(4):
        response = client.get(reverse("methods:audit_log", args=["loggad"]))
    assert len(response.context["entries"]) == size


def test_record_points_at_target_and_scope_and_ignores_anonymous_actors(method):
    from django.contrib.auth.models import AnonymousUser

    comment = Comment.objects.create(method=method, author=None, body="x")
    entry = record(
        AnonymousUser(), AuditAction.COMMENT_HIDDEN, "s" * 400, target=comment, scope=method
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert (entry.actor, entry.target, entry.scope) == (None, comment, method)
    assert (entry.message, entry.params) == ("s" * 300, {})
    assert entry.summary == "s" * 300
    # Without a scope the entry belongs on its target's page.
    own = record(None, AuditAction.SAVED, "Sparade.", target=method)
    assert (own.target, own.scope) == (method, method)
    assert list(method.audit_entries.all()) == [own, entry]
    assert list(comment.audit_entries.all()) == [entry]


def test_long_parameters_are_cut_as_summaries_always_were(method):
    entry = record(None, AuditAction.SAVED, "%(text)s", {"text": "t" * 400}, target=method)
    entry.refresh_from_db()
    assert entry.params == {"text": "t" * 300}
    assert entry.summary == "t" * 300


def test_summaries_are_stored_in_swedish_and_shown_in_the_readers_language(method):
    from django.utils import translation

    from companies.choices import MembershipRole

    with translation.override("en"):  # the editor's language does not matter
        entry = record(
            None,
            AuditAction.INVITED,
            "Bjöd in %(email)s till %(company)s som %(role)s",
            {
                "email": "ny@example.org",
                "company": "Kafé Test",
                "role": words(MembershipRole.ADMIN.label),
            },
            target=method,
        )
    entry.refresh_from_db()
    assert entry.message == "Bjöd in %(email)s till %(company)s som %(role)s"
    assert entry.params == {
        "email": "ny@example.org",
        "company": "Kafé Test",
        "role": {"words": ["Företagsadministratör"]},
    }
    assert entry.summary == "Bjöd in ny@example.org till Kafé Test som företagsadministratör"
    with translation.override("en"):
        assert entry.summary == "Invited ny@example.org to Kafé Test as company administrator"


def test_a_broken_placeholder_falls_back_to_the_stored_text(method):
    entry = record(None, AuditAction.SAVED, "Sparade %(title)s", {"other": "x"}, target=method)
    assert entry.summary == "Sparade %(title)s"


def test_audit_log_page_shows_summaries_in_english_for_english_readers(client, editor, method):
    from django.utils import translation

    services.move_to_bin(method, editor)
    client.force_login(editor)
    client.cookies["django_language"] = "en"
    # The request leaves English active in this thread; later tests expect Swedish again.
    with translation.override("sv"):
        html = client.get(reverse("methods:audit_log", args=["loggad"])).content.decode()
    assert "Moved the method “Loggad metod” (loggad) to the recycle bin." in html
    assert "Flyttade metoden" not in html


def test_entries_of_a_purged_comment_keep_their_summary(editor, method):
    comment = Comment.objects.create(method=method, author=None, body="x")
    services.move_to_bin(comment, editor)
    deleted_at = timezone.now() - timedelta(days=40)
    Comment.objects.filter(pk=comment.pk).update(deleted_at=deleted_at)
    services.purge_from_bin(30)
    assert not Comment.objects.filter(pk=comment.pk).exists()
    entries = list(AuditEntry.objects.order_by("pk"))
    # Still there, still on the method's page; they point at a comment that is gone.
    assert list(method.audit_entries.order_by("pk")) == entries
    assert [(e.action, e.target_id, e.target, e.scope) for e in entries] == [
        (AuditAction.DELETED, comment.pk, None, method),
        (AuditAction.PURGED, comment.pk, None, method),
    ]
    assert entries[0].summary == (
        f"Flyttade kommentar {comment.pk} av tidigare medlem på metoden ”Loggad metod” till "
        "papperskorgen."
    )
    day = f"{timezone.localtime(deleted_at):%Y-%m-%d}"
    assert entries[1].summary.endswith(f"för gott; den låg i papperskorgen sedan {day}.")


def test_entries_of_a_purged_method_outlive_it(editor, method):
    services.move_to_bin(method, editor)
    Method.objects.filter(pk=method.pk).update(deleted_at=timezone.now() - timedelta(days=40))
    services.purge_from_bin(30)
    assert not Method.objects.filter(pk=method.pk).exists()
    assert [(e.action, e.target_id, e.target) for e in AuditEntry.objects.order_by("pk")] == [
        (AuditAction.DELETED, method.pk, None),
        (AuditAction.PURGED, method.pk, None),
    ]
