"""Deleting methods, the recycle bin, restoring and the purge command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from core.models import AuditAction, AuditEntry
from methods import services
from methods.choices import CommentState, Status
from methods.models import Comment, Method, MethodStep, Revision
from tests.factories import ExperienceReportFactory, MethodFactory, MethodStepFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
ROLES = ["anonymous", "member", "stranger", "company_admin", "editor", "superuser", "author"]


@pytest.fixture
def author(db):
    """The method's author."""
    return UserFactory(display_name="Alva Författare")


@pytest.fixture
def as_role(client, request, company, author):
    def sign_in(role: str):
        if role == "anonymous":
            return None
        user = request.getfixturevalue(role)
        client.force_login(user)
        return user

    return sign_in


def make_method(author, status=Status.DRAFT, **kwargs) -> Method:
    return MethodFactory(
        title="Min metod", slug="min-metod", author=author, status=status, **kwargs
    )


def row(model, pk) -> dict:
    """Every stored column of a row, to compare before and after."""
    return model.objects.filter(pk=pk).values().get()


# Deleting a method: permissions


# (role, status) -> expected: "deleted", 403, 404 or "login"
DRAFT_EXPECTED = {
    "anonymous": "login",
    "member": 404,
    "stranger": 404,
    "company_admin": 404,
    "editor": "deleted",
    "superuser": "deleted",
    "author": "deleted",
}
PUBLISHED_EXPECTED = {**DRAFT_EXPECTED, "member": 403, "stranger": 403, "company_admin": 403}
PUBLISHED_EXPECTED["author"] = 403


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.DRAFT, DRAFT_EXPECTED),
        (Status.CHANGES_REQUESTED, DRAFT_EXPECTED),
        (Status.SUBMITTED, {**DRAFT_EXPECTED, "author": 403}),
        (Status.PUBLISHED, PUBLISHED_EXPECTED),
        (Status.ARCHIVED, {**DRAFT_EXPECTED, "author": 403}),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_method_delete_permissions(client, as_role, author, role, status, expected):
    method = make_method(author, status)
    user = as_role(role)
    url = reverse("methods:delete", args=["min-metod"])
    get = client.get(url)
    post = client.post(url)
    method.refresh_from_db()
    outcome = expected[role]
    if outcome == "login":
        assert get.status_code == post.status_code == 302
        assert get.url == post.url == f"{LOGIN}?next=/metoder/min-metod/ta-bort/"
        assert method.deleted_at is None
    elif outcome == "deleted":
        assert get.status_code == 200
        assert post.status_code == 302
        assert post.url == ("/redaktion/papperskorg/" if user.is_editor else "/metoder/")
        assert method.deleted_at is not None
        entry = AuditEntry.objects.get()
        assert (entry.actor, entry.action, entry.target, entry.scope) == (
            user,
            AuditAction.DELETED,
            method,
            method,
        )
        assert entry.summary == "Flyttade metoden ”Min metod” (min-metod) till papperskorgen."
    else:
        assert get.status_code == post.status_code == outcome
        assert method.deleted_at is None
        assert not AuditEntry.objects.exists()


def test_author_cannot_delete_a_draft_that_was_published_before(client, author):
    method = make_method(author, Status.CHANGES_REQUESTED, published_at=timezone.now())
    client.force_login(author)
    assert client.post(reverse("methods:delete", args=[method.slug])).status_code == 403


def test_delete_confirmation_page(client, author):
    make_method(author)
    client.force_login(author)
    html = client.get(reverse("methods:delete", args=["min-metod"])).content.decode()
    assert "<h1>Ta bort ”Min metod”?</h1>" in html
    assert "Ja, ta bort metoden" in html
    assert 'action="/metoder/min-metod/ta-bort/"' in html
    assert "återställa det i 30 dagar" in html


def test_deleted_method_disappears_everywhere(client, editor):
    method = MethodFactory(title="Borttagen metod", slug="borttagen")
    services.move_to_bin(method, editor)
    assert not Method.objects.published().filter(pk=method.pk).exists()
    assert not Method.objects.visible_to(editor).filter(pk=method.pk).exists()
    assert client.get("/metoder/borttagen/").status_code == 404
    assert "Borttagen metod" not in client.get("/metoder/").content.decode()
    client.force_login(editor)
    assert client.get("/metoder/borttagen/").status_code == 404
    assert client.post(reverse("methods:delete", args=["borttagen"])).status_code == 404


def test_move_to_bin_changes_nothing_but_deleted_at_and_is_idempotent(editor):
    method = MethodFactory()
    before = row(Method, method.pk)
    services.move_to_bin(method, editor)
    services.move_to_bin(method, editor)
    after = row(Method, method.pk)
    assert after.pop("deleted_at") is not None
    before.pop("deleted_at")
    assert after == before
    assert AuditEntry.objects.count() == 1


# The recycle bin page


@pytest.mark.parametrize("role", ROLES)
def test_recycle_bin_permissions(client, as_role, role):
    user = as_role(role)
    response = client.get(reverse("methods:recycle_bin"))
    if user is None:
        assert response.status_code == 302
        assert response.url == f"{LOGIN}?next=/redaktion/papperskorg/"
    elif role in {"editor", "superuser"}:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_recycle_bin_lists_deleted_methods_and_comments_with_who_and_when(
    client, editor, superuser, author
):
    method = MethodFactory(title="Slängd metod", slug="slangd")
    live = MethodFactory(title="Levande metod", slug="levande")
    commenter = UserFactory(display_name="Kim Kommentar")
    comment = Comment.objects.create(method=live, author=commenter, body="Slängd kommentar")
    Comment.objects.create(method=live, author=commenter, body="Kvar")
    services.move_to_bin(method, editor)
    services.move_to_bin(comment, superuser)
    client.force_login(editor)
    response = client.get(reverse("methods:recycle_bin"))
    assert response.context["methods"] == [method]
    assert response.context["comments"] == [comment]
    assert response.context["methods"][0].deleted_by == editor
    assert response.context["comments"][0].deleted_by == superuser
    html = response.content.decode()
    assert "<h1>Papperskorgen</h1>" in html
    assert '<th scope="row">Slängd metod</th>' in html
    assert "<td>Eva Redaktör</td>" in html
    assert "Kim Kommentar om ”Levande metod”" in html
    assert "av Super" in html
    assert "Slängd kommentar" in html
    assert "Levande metod</th>" not in html
    assert "Kvar" not in html
    assert f'action="/redaktion/papperskorg/metoder/{method.pk}/aterstall/"' in html
    assert f'action="/redaktion/papperskorg/kommentarer/{comment.pk}/aterstall/"' in html
    purge_date = timezone.localtime(method.deleted_at + timedelta(days=30)).date()
    # In local time, as the page shows it (in UTC the date is a day earlier before 01:00).
    assert timezone.localtime(response.context["methods"][0].purge_after).date() == purge_date


def test_recycle_bin_flags_a_comment_whose_method_is_also_deleted(client, editor):
    method = MethodFactory()
    comment = Comment.objects.create(method=method, author=None, body="Text")
    services.move_to_bin(comment, editor)
    services.move_to_bin(method, editor)
    client.force_login(editor)
    html = client.get(reverse("methods:recycle_bin")).content.decode()
    assert "Metoden ligger också i papperskorgen." in html
    # The method's own deletion is the method's entry, not the comment's.
    response = client.get(reverse("methods:recycle_bin"))
    assert len(response.context["methods"][0].deletions) == 1


@pytest.mark.parametrize("size", [2, 12])
def test_recycle_bin_query_count_is_constant(client, editor, django_assert_num_queries, size):
    for _ in range(size):
        method = MethodFactory()
        comment = Comment.objects.create(method=MethodFactory(), author=UserFactory(), body="x")
        services.move_to_bin(method, UserFactory())
        services.move_to_bin(comment, UserFactory())
    client.force_login(editor)
    # session, user (with the editor group), methods, their deletions, comments, their
    # deletions
    with django_assert_num_queries(6):
        response = client.get(reverse("methods:recycle_bin"))
    assert len(response.context["methods"]) == size
    assert len(response.context["comments"]) == size


# Restoring


@pytest.mark.parametrize("role", ROLES)
def test_restore_permissions(client, as_role, author, role):
    method = make_method(author, Status.PUBLISHED)
    comment = Comment.objects.create(method=method, author=author, body="Hej")
    services.move_to_bin(method, None)
    services.move_to_bin(comment, None)
    user = as_role(role)
    responses = [
        client.post(reverse("methods:restore_method", args=[method.pk])),
        client.post(reverse("methods:restore_comment", args=[comment.pk])),
    ]
    method.refresh_from_db()
    comment.refresh_from_db()
    if user is None:
        assert [r.status_code for r in responses] == [302, 302]
        assert responses[0].url.startswith(f"{LOGIN}?next=/redaktion/papperskorg/")
        assert method.deleted_at is not None and comment.deleted_at is not None
    elif role in {"editor", "superuser"}:
        assert [r.url for r in responses] == ["/redaktion/papperskorg/"] * 2
        assert method.deleted_at is None and comment.deleted_at is None
        restored = AuditEntry.objects.filter(action=AuditAction.RESTORED).order_by("pk")
        assert [(e.actor, e.target, e.scope) for e in restored] == [
            (user, method, method),
            (user, comment, method),
        ]
        assert [e.summary for e in restored] == [
            "Återställde metoden ”Min metod” (min-metod) från papperskorgen.",
            f"Återställde kommentar {comment.pk} av Alva Författare på metoden ”Min metod” "
            "från papperskorgen.",
        ]
    else:
        assert [r.status_code for r in responses] == [403, 403]
        assert method.deleted_at is not None and comment.deleted_at is not None


def test_restore_brings_back_the_same_method_exactly(client, editor):
    method = MethodFactory(title="Tillbaka", slug="tillbaka", status=Status.PUBLISHED)
    MethodStepFactory(method=method)
    Comment.objects.create(method=method, author=None, body="Hör till metoden")
    ExperienceReportFactory(method=method)
    method.refresh_from_db()
    before = row(Method, method.pk)
    client.force_login(editor)
    client.post(reverse("methods:delete", args=["tillbaka"]))
    assert client.get("/metoder/tillbaka/").status_code == 404
    client.post(reverse("methods:restore_method", args=[method.pk]))
    assert row(Method, method.pk) == before
    assert MethodStep.objects.filter(method=method).count() == 1
    response = client.get("/metoder/tillbaka/")
    assert response.status_code == 200
    assert [c.body for c in response.context["comments"]] == ["Hör till metoden"]
    assert len(response.context["reports"]) == 1


def test_restore_brings_back_the_same_comment_exactly(client, editor):
    method = MethodFactory()
    comment = Comment.objects.create(method=method, author=UserFactory(), body="*Dold* text")
    Comment.objects.filter(pk=comment.pk).update(state=CommentState.HIDDEN)
    before = row(Comment, comment.pk)
    client.force_login(editor)
    client.post(reverse("methods:comment_delete", args=[comment.pk]))
    assert row(Comment, comment.pk)["deleted_at"] is not None
    client.post(reverse("methods:restore_comment", args=[comment.pk]))
    assert row(Comment, comment.pk) == before


def test_restoring_something_not_in_the_bin_is_404(client, editor):
    method = MethodFactory()
    comment = Comment.objects.create(method=method, author=None, body="x")
    client.force_login(editor)
    assert client.post(reverse("methods:restore_method", args=[method.pk])).status_code == 404
    assert client.post(reverse("methods:restore_comment", args=[comment.pk])).status_code == 404
    assert client.get(reverse("methods:restore_method", args=[method.pk])).status_code == 405


# Purging


def deleted_days_ago(obj, days: int) -> None:
    type(obj).objects.filter(pk=obj.pk).update(deleted_at=timezone.now() - timedelta(days=days))


def purge(*args) -> str:
    out = StringIO()
    call_command("purge_recycle_bin", *args, stdout=out)
    return out.getvalue().strip()


def test_purge_deletes_old_items_logs_them_and_is_idempotent(editor):
    old = MethodFactory(title="Gammal metod", slug="gammal")
    MethodStepFactory(method=old)
    services.record_revision(old, editor, "Första")
    recent = MethodFactory(title="Ny i korgen", slug="ny-i-korgen")
    live = MethodFactory(title="Levande", slug="levande")
    old_comment = Comment.objects.create(
        method=live, author=UserFactory(display_name="Kim"), body="Gammal kommentar"
    )
    comment_on_old = Comment.objects.create(method=old, author=None, body="Följer med")
    for obj in (old, recent, old_comment):
        services.move_to_bin(obj, editor)
    deleted_days_ago(old, 31)
    deleted_days_ago(old_comment, 45)
    deleted_days_ago(recent, 5)

    assert purge() == "Raderade 2 objekt ur papperskorgen (borttagna för mer än 30 dagar sedan)."
    assert set(Method.objects.values_list("slug", flat=True)) == {"ny-i-korgen", "levande"}
    assert not Comment.objects.filter(pk__in=[old_comment.pk, comment_on_old.pk]).exists()
    assert not MethodStep.objects.filter(method_id=old.pk).exists()
    assert not Revision.objects.filter(method_id=old.pk).exists()
    purged = AuditEntry.objects.filter(action=AuditAction.PURGED).order_by("pk")
    old_day = f"{timezone.localtime(timezone.now() - timedelta(days=31)):%Y-%m-%d}"
    comment_day = f"{timezone.localtime(timezone.now() - timedelta(days=45)):%Y-%m-%d}"
    # They point at what is gone now; the comment's entry is still on its method's page.
    assert [(e.actor, e.target_id, e.target, e.scope) for e in purged] == [
        (None, old_comment.pk, None, live),
        (None, old.pk, None, None),
    ]
    assert [e.summary for e in purged] == [
        f"Raderade kommentar {old_comment.pk} av Kim på metoden ”Levande” för gott; den låg i "
        f"papperskorgen sedan {comment_day}.",
        f"Raderade metoden ”Gammal metod” (gammal) för gott; den låg i papperskorgen sedan "
        f"{old_day}.",
    ]
    # The entries about the purged method stay, readable by their summaries.
    deleted = AuditEntry.objects.filter(action=AuditAction.DELETED).order_by("pk")
    assert [e.summary for e in deleted][0] == (
        "Flyttade metoden ”Gammal metod” (gammal) till papperskorgen."
    )
    assert (deleted[0].target_id, deleted[0].target) == (old.pk, None)

    entries = AuditEntry.objects.count()
    assert purge() == "Raderade 0 objekt ur papperskorgen (borttagna för mer än 30 dagar sedan)."
    assert AuditEntry.objects.count() == entries
    assert Method.objects.filter(slug="ny-i-korgen").exists()


def test_purge_days_option(editor):
    method = MethodFactory()
    services.move_to_bin(method, editor)
    deleted_days_ago(method, 5)
    assert purge("--days", "10").startswith("Raderade 0 objekt")
    assert purge("--days", "4").startswith("Raderade 1 objekt")
    assert not Method.objects.filter(pk=method.pk).exists()


def test_purge_default_is_the_recycle_bin_days_setting(editor, settings):
    method = MethodFactory()
    services.move_to_bin(method, editor)
    deleted_days_ago(method, 29)
    assert purge().startswith("Raderade 0 objekt")
    settings.RECYCLE_BIN_DAYS = 20
    assert purge() == "Raderade 1 objekt ur papperskorgen (borttagna för mer än 20 dagar sedan)."
    assert not Method.objects.filter(pk=method.pk).exists()


def test_purge_never_touches_live_or_restored_items(editor):
    live = MethodFactory()
    restored = MethodFactory()
    services.move_to_bin(restored, editor)
    deleted_days_ago(restored, 40)
    services.restore_from_bin(restored, editor)
    assert purge().startswith("Raderade 0 objekt")
    assert Method.objects.filter(pk__in=[live.pk, restored.pk]).count() == 2


def test_purge_refuses_negative_days():
    with pytest.raises(CommandError, match="--days must be 0 or more."):
        call_command("purge_recycle_bin", "--days", "-1")


def test_purge_service_returns_the_count(editor):
    comment = Comment.objects.create(method=MethodFactory(), author=None, body="x")
    services.move_to_bin(comment, editor)
    assert services.purge_from_bin(0) == 1
    assert services.purge_from_bin(0) == 0
