"""Comments: writing, editing, deleting, reporting, moderation, rate limit and e-mail."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import AuditAction, AuditEntry
from methods.choices import CommentState, Status
from methods.models import Comment, CommentReport
from tests.factories import MethodFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
ROLES = ["anonymous", "member", "stranger", "company_admin", "editor", "superuser", "author"]


@pytest.fixture
def method_author(db):
    return UserFactory(display_name="Mo Metodägare", email="agare@example.org")


@pytest.fixture
def method(method_author):
    return MethodFactory(title="Visa – gör – öva", slug="visa-gor-ova", author=method_author)


@pytest.fixture
def author(db):
    """The comment's author."""
    return UserFactory(display_name="Kim Kommentar")


@pytest.fixture
def comment(method, author):
    return Comment.objects.create(method=method, author=author, body="Bra **metod**!")


@pytest.fixture
def as_role(client, request, company):
    """Sign the client in as a role from ROLES; returns the user (None for anonymous)."""

    def sign_in(role: str):
        if role == "anonymous":
            return None
        user = request.getfixturevalue(role)
        client.force_login(user)
        return user

    return sign_in


def login_redirect(next_url: str) -> str:
    return f"{LOGIN}?next={next_url.replace('#', '%23')}"


def page(client, method) -> str:
    return client.get(method.get_absolute_url()).content.decode()


# Writing


@pytest.mark.parametrize("role", ROLES)
def test_comment_create_permissions(client, as_role, method, role):
    user = as_role(role)
    response = client.post(
        reverse("methods:comment_create", args=[method.slug]), {"body": "Vi prövade den."}
    )
    if user is None:
        assert response.status_code == 302
        assert response.url == login_redirect("/metoder/visa-gor-ova/#kommentarer")
        assert not Comment.objects.exists()
        return
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == f"/metoder/visa-gor-ova/#kommentar-{comment.pk}"
    assert (comment.method, comment.author, comment.body) == (method, user, "Vi prövade den.")
    assert comment.body_html == "<p>Vi prövade den.</p>"
    assert comment.state == CommentState.VISIBLE


def test_comment_appears_on_method_page_with_name_and_date(client, member, method):
    client.force_login(member)
    client.post(reverse("methods:comment_create", args=[method.slug]), {"body": "Så *bra*."})
    comment = Comment.objects.get()
    html = page(client, method)
    assert f'id="kommentar-{comment.pk}"' in html
    assert "<strong>Mira Medlem</strong>" in html
    assert "<p>Så <em>bra</em>.</p>" in html
    # Whole seconds: HTML allows at most three digits of a second in a datetime attribute.
    created = timezone.localtime(comment.created_at).replace(microsecond=0)
    assert f'datetime="{created.isoformat()}"' in html
    assert "Tack! Din kommentar är publicerad." in html


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.ARCHIVED]
)
def test_comment_on_unpublished_method_is_404_even_for_its_author(client, status):
    method = MethodFactory(status=status)
    client.force_login(method.author)
    response = client.post(reverse("methods:comment_create", args=[method.slug]), {"body": "Hej"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_comment_on_deleted_method_is_404(client, member, method):
    method.deleted_at = timezone.now()
    method.save()
    client.force_login(member)
    response = client.post(reverse("methods:comment_create", args=[method.slug]), {"body": "x"})
    assert response.status_code == 404


def test_comment_create_get_is_not_allowed(client, member, method):
    client.force_login(member)
    assert client.get(reverse("methods:comment_create", args=[method.slug])).status_code == 405


def test_empty_comment_shows_error_next_to_field(client, member, method):
    client.force_login(member)
    response = client.post(reverse("methods:comment_create", args=[method.slug]), {"body": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<ul class="field__errors" id="id_body_error"><li>Skriv något innan du skickar ' in html
    assert "<h1>Skriv en kommentar</h1>" in html
    assert not Comment.objects.exists()


def test_too_long_comment_is_refused_and_text_kept(client, member, method):
    client.force_login(member)
    text = "å" * 4001
    response = client.post(reverse("methods:comment_create", args=[method.slug]), {"body": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kommentaren får vara högst 4000 tecken (den har 4001)." in html
    assert f">\n{text}</textarea>" in html
    assert not Comment.objects.exists()


def test_comment_of_4000_characters_is_accepted(client, member, method):
    client.force_login(member)
    response = client.post(
        reverse("methods:comment_create", args=[method.slug]), {"body": "a" * 4000}
    )
    assert response.status_code == 302
    assert len(Comment.objects.get().body) == 4000


@pytest.mark.parametrize(
    ("payload", "forbidden"),
    [
        ("<script>alert('x')</script>", "<script"),
        # With an alt text: an image without one is refused before it is stored.
        ('<img src="x" alt="x" onerror="alert(1)">', "onerror"),
        ("[klicka](javascript:alert(1))", "javascript:"),
        ('<a href="#" onclick="alert(1)">länk</a>', "onclick"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ('<p style="background:url(x)">stil</p>', "style="),
    ],
)
def test_comment_xss_payloads_are_sanitised(client, member, method, payload, forbidden):
    client.force_login(member)
    client.post(reverse("methods:comment_create", args=[method.slug]), {"body": payload})
    comment = Comment.objects.get()
    assert forbidden not in comment.body_html
    html = page(client, method)
    # The comments section only: the share box after it has a script of its own.
    section = html[html.index('id="kommentarer"') : html.index('id="share-heading"')]
    assert forbidden not in section


def test_comment_help_text_explains_the_markdown_subset(client, member, method):
    client.force_login(member)
    html = page(client, method)
    assert "Du kan använda enkel formatering: **fetstil**, *kursiv*" in html
    assert 'maxlength="4000"' in html


def test_anonymous_sees_login_link_instead_of_form(client, method):
    html = page(client, method)
    assert '<a href="/konto/login/?next=/metoder/visa-gor-ova/%23kommentarer">' in html
    assert "Logga in för att skriva en kommentar" in html
    assert 'action="/metoder/visa-gor-ova/kommentarer/"' not in html


def test_signed_in_user_sees_form(client, member, method):
    client.force_login(member)
    html = page(client, method)
    assert 'action="/metoder/visa-gor-ova/kommentarer/"' in html
    assert "Logga in för att skriva en kommentar" not in html


def test_unpublished_method_page_has_no_comment_form(client):
    method = MethodFactory(status=Status.DRAFT)
    client.force_login(method.author)
    response = client.get(method.get_absolute_url())
    assert response.context["comment_field"] is None
    assert "kommentarer/" not in response.content.decode()


def test_comment_of_deleted_account_shows_former_member(client, comment, author, method):
    author.delete()
    html = page(client, method)
    assert "<strong>tidigare medlem</strong>" in html


def test_comments_are_listed_oldest_first(client, method, author):
    first = Comment.objects.create(method=method, author=author, body="Första")
    second = Comment.objects.create(method=method, author=author, body="Andra")
    Comment.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=1))
    response = client.get(method.get_absolute_url())
    assert response.context["comments"] == [first, second]


# Rate limit


def test_rate_limit_returns_429_and_keeps_the_text(client, member, method, settings):
    settings.COMMENT_RATE_LIMIT = 2
    client.force_login(member)
    url = reverse("methods:comment_create", args=[method.slug])
    for n in range(2):
        assert client.post(url, {"body": f"Kommentar {n}"}).status_code == 302
    response = client.post(url, {"body": "Min tredje & sista tanke"})
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    html = response.content.decode()
    assert "Du har skrivit många kommentarer på kort tid." in html
    assert "Min tredje &amp; sista tanke</textarea>" in html
    assert Comment.objects.count() == 2


def test_rate_limit_counts_deleted_comments_and_only_the_last_ten_minutes(
    client, member, method, settings
):
    settings.COMMENT_RATE_LIMIT = 2
    client.force_login(member)
    old = Comment.objects.create(method=method, author=member, body="Gammal")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    Comment.objects.create(
        method=method, author=member, body="Borttagen", deleted_at=timezone.now()
    )
    url = reverse("methods:comment_create", args=[method.slug])
    assert client.post(url, {"body": "Ny"}).status_code == 302
    assert client.post(url, {"body": "En till"}).status_code == 429


def test_rate_limit_is_per_user(client, member, stranger, method, settings):
    settings.COMMENT_RATE_LIMIT = 1
    url = reverse("methods:comment_create", args=[method.slug])
    client.force_login(member)
    assert client.post(url, {"body": "Ett"}).status_code == 302
    client.force_login(stranger)
    assert client.post(url, {"body": "Två"}).status_code == 302


# Notification


def test_method_author_is_mailed_about_a_new_comment(
    client, member, method, mailoutbox, django_capture_on_commit_callbacks, settings
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("methods:comment_create", args=[method.slug]),
            {"body": "Vi gjorde så här & det gick bra."},
        )
    comment = Comment.objects.get()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["agare@example.org"]
    assert mail.subject == "[Kompetenshandboken] Ny kommentar på din metod ”Visa – gör – öva”"
    assert "Mira Medlem har skrivit en kommentar om din metod ”Visa – gör – öva”:" in mail.body
    assert "Vi gjorde så här & det gick bra." in mail.body
    assert f"{settings.SITE_URL}/metoder/visa-gor-ova/#kommentar-{comment.pk}" in mail.body


def test_no_mail_when_the_method_author_comments_on_own_method(
    client, method, method_author, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(method_author)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("methods:comment_create", args=[method.slug]), {"body": "Tack!"})
    assert Comment.objects.count() == 1
    assert mailoutbox == []


def test_no_mail_when_the_method_has_no_author(
    client, member, mailoutbox, django_capture_on_commit_callbacks
):
    method = MethodFactory(author=None)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("methods:comment_create", args=[method.slug]), {"body": "Hej"})
    assert Comment.objects.count() == 1
    assert mailoutbox == []


def test_no_mail_when_the_comment_is_refused(
    client, member, method, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("methods:comment_create", args=[method.slug]), {"body": ""})
    assert mailoutbox == []


# Editing


@pytest.mark.parametrize("role", ROLES)
def test_comment_edit_permissions(client, as_role, comment, role):
    user = as_role(role)
    url = reverse("methods:comment_edit", args=[comment.pk])
    get = client.get(url)
    post = client.post(url, {"body": "Ändrad _text_"})
    comment.refresh_from_db()
    if user is None:
        assert get.status_code == post.status_code == 302
        assert get.url == post.url == login_redirect(url)
        assert comment.body == "Bra **metod**!"
    elif role == "author":
        assert get.status_code == 200
        assert "Bra **metod**!</textarea>" in get.content.decode()
        assert "<h1>Redigera kommentar</h1>" in get.content.decode()
        assert post.status_code == 302
        assert post.url == f"/metoder/visa-gor-ova/#kommentar-{comment.pk}"
        assert comment.body == "Ändrad _text_"
        assert comment.body_html == "<p>Ändrad <em>text</em></p>"
    else:
        assert get.status_code == post.status_code == 403
        assert comment.body == "Bra **metod**!"


def test_comment_edit_with_errors_keeps_the_text(client, author, comment):
    client.force_login(author)
    text = "x" * 4001
    response = client.post(reverse("methods:comment_edit", args=[comment.pk]), {"body": text})
    assert response.status_code == 400
    assert f"{text}</textarea>" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Bra **metod**!"


# Deleting


@pytest.mark.parametrize("role", ROLES)
def test_comment_delete_permissions(client, as_role, comment, role):
    user = as_role(role)
    response = client.post(reverse("methods:comment_delete", args=[comment.pk]))
    comment.refresh_from_db()
    if user is None:
        assert response.status_code == 302
        assert response.url == login_redirect(f"/metoder/visa-gor-ova/#kommentar-{comment.pk}")
        assert comment.deleted_at is None
    elif role in {"author", "editor", "superuser"}:
        assert response.status_code == 302
        assert response.url == "/metoder/visa-gor-ova/#kommentarer"
        assert comment.deleted_at is not None
        entry = AuditEntry.objects.get(action=AuditAction.DELETED)
        assert (entry.actor, entry.scope, entry.target) == (user, comment.method, comment)
        assert entry.summary == (
            f"Flyttade kommentar {comment.pk} av Kim Kommentar på metoden ”Visa – gör – öva” "
            "till papperskorgen."
        )
    else:
        assert response.status_code == 403
        assert comment.deleted_at is None
        assert not AuditEntry.objects.exists()


def test_deleted_comment_disappears_from_the_page_for_everyone(client, comment, editor, method):
    comment.deleted_at = timezone.now()
    comment.save()
    assert "Bra <strong>metod</strong>!" not in page(client, method)
    client.force_login(editor)
    assert "Bra <strong>metod</strong>!" not in page(client, method)


def test_comment_delete_follows_only_a_safe_next(client, editor, comment, author, method):
    client.force_login(editor)
    response = client.post(
        reverse("methods:comment_delete", args=[comment.pk]),
        {"next": "/redaktion/kommentarer/"},
    )
    assert response.url == "/redaktion/kommentarer/"
    other = Comment.objects.create(method=method, author=author, body="Till")
    response = client.post(
        reverse("methods:comment_delete", args=[other.pk]), {"next": "https://evil.example/"}
    )
    assert response.url == "/metoder/visa-gor-ova/#kommentarer"


@pytest.mark.parametrize(
    "name", ["comment_edit", "comment_delete", "comment_report", "comment_hide", "comment_show"]
)
@pytest.mark.parametrize("role", ROLES)
def test_deleted_comment_is_404_for_every_action(client, as_role, comment, role, name):
    Comment.objects.filter(pk=comment.pk).update(deleted_at=timezone.now())
    as_role(role)
    assert client.post(reverse(f"methods:{name}", args=[comment.pk])).status_code == 404


@pytest.mark.parametrize("name", ["comment_edit", "comment_delete", "comment_report"])
@pytest.mark.parametrize("role", ["anonymous", "member", "stranger", "company_admin", "author"])
def test_hidden_comment_is_404_for_non_editors(client, as_role, comment, role, name):
    Comment.objects.filter(pk=comment.pk).update(state=CommentState.HIDDEN)
    as_role(role)
    assert client.post(reverse(f"methods:{name}", args=[comment.pk])).status_code == 404
    assert client.get(reverse(f"methods:{name}", args=[comment.pk])).status_code in {404, 405}


def test_comment_on_unpublished_method_is_404_for_its_author(client, comment, author, method):
    method.status = Status.ARCHIVED
    method.save()
    client.force_login(author)
    assert client.get(reverse("methods:comment_edit", args=[comment.pk])).status_code == 404


# Reporting


@pytest.mark.parametrize("role", ROLES)
def test_comment_report_permissions(client, as_role, comment, role):
    user = as_role(role)
    url = reverse("methods:comment_report", args=[comment.pk])
    response = client.post(url, {"reason": "Reklam"})
    comment.refresh_from_db()
    if user is None:
        assert response.status_code == 302
        assert response.url == login_redirect(f"/metoder/visa-gor-ova/#kommentar-{comment.pk}")
        assert client.get(url).url == login_redirect(url)
        assert not CommentReport.objects.exists()
    elif role == "author":
        assert response.status_code == 403
        assert not CommentReport.objects.exists()
        assert comment.state == CommentState.VISIBLE
    else:
        assert response.status_code == 302
        assert response.url == f"/metoder/visa-gor-ova/#kommentar-{comment.pk}"
        report = CommentReport.objects.get()
        assert (report.comment, report.reporter, report.reason) == (comment, user, "Reklam")
        assert comment.state == CommentState.REPORTED


def test_report_page_shows_the_comment_and_the_reason_field(client, member, comment):
    client.force_login(member)
    response = client.get(reverse("methods:comment_report", args=[comment.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Anmäl kommentar</h1>" in html
    assert "Bra <strong>metod</strong>!" in html
    assert 'name="reason"' in html
    assert "Skicka anmälan" in html


def test_a_user_reports_a_comment_only_once(client, member, comment):
    client.force_login(member)
    url = reverse("methods:comment_report", args=[comment.pk])
    client.post(url, {"reason": "Först"})
    response = client.post(url, {"reason": "Igen"}, follow=True)
    assert "Du har redan anmält den här kommentaren." in response.content.decode()
    assert list(CommentReport.objects.values_list("reason", flat=True)) == ["Först"]
    assert "Du har redan anmält" in client.get(url).content.decode()


def test_report_without_reason_is_fine_and_too_long_reason_is_400(
    client, member, stranger, comment
):
    client.force_login(member)
    url = reverse("methods:comment_report", args=[comment.pk])
    response = client.post(url, {"reason": "x" * 301})
    assert response.status_code == 400
    assert "x" * 301 in response.content.decode()
    assert not CommentReport.objects.exists()
    assert client.post(url, {}).status_code == 302
    assert CommentReport.objects.get().reason == ""


def test_reporting_a_hidden_comment_keeps_it_hidden(client, editor, comment):
    Comment.objects.filter(pk=comment.pk).update(state=CommentState.HIDDEN)
    client.force_login(editor)
    client.post(reverse("methods:comment_report", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN


def test_reported_comment_is_still_shown_to_readers(client, comment, method):
    Comment.objects.filter(pk=comment.pk).update(state=CommentState.REPORTED)
    html = page(client, method)
    assert "Bra <strong>metod</strong>!" in html
    assert "Anmäld" not in html


# Hiding and showing


@pytest.mark.parametrize("role", ROLES)
def test_comment_hide_and_show_permissions(client, as_role, comment, role):
    user = as_role(role)
    hide = client.post(reverse("methods:comment_hide", args=[comment.pk]))
    comment.refresh_from_db()
    if user is None:
        assert hide.status_code == 302
        assert hide.url == login_redirect(f"/metoder/visa-gor-ova/#kommentar-{comment.pk}")
        assert comment.state == CommentState.VISIBLE
    elif role in {"editor", "superuser"}:
        assert hide.status_code == 302
        assert comment.state == CommentState.HIDDEN
        show = client.post(reverse("methods:comment_show", args=[comment.pk]))
        assert show.status_code == 302
        comment.refresh_from_db()
        assert comment.state == CommentState.VISIBLE
        entries = [(e.action, e.actor_id, e.target) for e in AuditEntry.objects.order_by("pk")]
        assert entries == [
            (AuditAction.COMMENT_HIDDEN, user.pk, comment),
            (AuditAction.COMMENT_SHOWN, user.pk, comment),
        ]
    else:
        assert hide.status_code == 403
        assert client.post(reverse("methods:comment_show", args=[comment.pk])).status_code == 403
        assert comment.state == CommentState.VISIBLE
        assert not AuditEntry.objects.exists()


def test_hide_writes_a_readable_audit_entry_and_keeps_the_text(client, editor, comment, method):
    before = Comment.objects.values("body", "body_html", "created_at").get(pk=comment.pk)
    client.force_login(editor)
    client.post(reverse("methods:comment_hide", args=[comment.pk]))
    entry = AuditEntry.objects.get()
    assert (entry.target, entry.scope) == (comment, method)
    assert entry.summary == f"Dolde kommentar {comment.pk} av Kim Kommentar på ”Visa – gör – öva”."
    assert Comment.objects.values("body", "body_html", "created_at").get(pk=comment.pk) == before


def test_hidden_comment_is_gone_for_readers_and_marked_for_editors(
    client, comment, author, member, editor, method
):
    Comment.objects.filter(pk=comment.pk).update(state=CommentState.HIDDEN)
    for user in [None, author, member]:
        if user:
            client.force_login(user)
        assert "Bra <strong>metod</strong>!" not in page(client, method)
    client.force_login(editor)
    html = page(client, method)
    assert "Bra <strong>metod</strong>!" in html
    assert '<span class="tag">Dold</span>' in html
    assert "Visa kommentaren igen" in html


def test_controls_on_the_method_page_per_role(client, comment, author, member, editor, method):
    edit = f'href="/kommentarer/{comment.pk}/redigera/"'
    delete = f'action="/kommentarer/{comment.pk}/ta-bort/"'
    report = f'href="/kommentarer/{comment.pk}/anmal/"'
    hide = f'action="/kommentarer/{comment.pk}/dolj/"'
    html = page(client, method)
    assert [c in html for c in (edit, delete, report, hide)] == [False] * 4
    client.force_login(author)
    html = page(client, method)
    assert [c in html for c in (edit, delete, report, hide)] == [True, True, False, False]
    client.force_login(member)
    html = page(client, method)
    assert [c in html for c in (edit, delete, report, hide)] == [False, False, True, False]
    client.force_login(editor)
    html = page(client, method)
    assert [c in html for c in (edit, delete, report, hide)] == [False, True, False, True]


# Moderation list


@pytest.mark.parametrize("role", ROLES)
def test_moderation_page_permissions(client, as_role, comment, role):
    user = as_role(role)
    response = client.get(reverse("methods:comment_moderation"))
    if user is None:
        assert response.status_code == 302
        assert response.url == login_redirect("/redaktion/kommentarer/")
    elif role in {"editor", "superuser"}:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_moderation_page_lists_reported_first_with_reasons_then_hidden(
    client, editor, method, author, member, stranger
):
    once = Comment.objects.create(method=method, author=author, body="En gång anmäld")
    twice = Comment.objects.create(method=method, author=author, body="Två gånger anmäld")
    hidden = Comment.objects.create(method=method, author=author, body="Dold sedan tidigare")
    Comment.objects.create(method=method, author=author, body="Helt vanlig")
    client.force_login(member)
    client.post(reverse("methods:comment_report", args=[once.pk]), {"reason": "Otrevlig"})
    client.post(reverse("methods:comment_report", args=[twice.pk]), {"reason": "Reklam"})
    client.force_login(stranger)
    client.post(reverse("methods:comment_report", args=[twice.pk]), {"reason": ""})
    Comment.objects.filter(pk=hidden.pk).update(state=CommentState.HIDDEN)
    client.force_login(editor)
    response = client.get(reverse("methods:comment_moderation"))
    assert [c.pk for c in response.context["reported"]] == [twice.pk, once.pk]
    assert [c.report_count for c in response.context["reported"]] == [2, 1]
    assert [c.pk for c in response.context["hidden"]] == [hidden.pk]
    html = response.content.decode()
    assert "<h1>Moderera kommentarer</h1>" in html
    assert "Anmälda kommentarer (2)" in html
    assert "Anmäld av 2 personer" in html
    assert "Reklam" in html and "Otrevlig" in html and "Ingen motivering" in html
    assert "Helt vanlig" not in html
    assert html.index("Två gånger anmäld") < html.index("En gång anmäld")
    assert html.index("En gång anmäld") < html.index("Dold sedan tidigare")


def test_hiding_from_the_moderation_page_returns_there(client, editor, comment):
    Comment.objects.filter(pk=comment.pk).update(state=CommentState.REPORTED)
    client.force_login(editor)
    response = client.post(
        reverse("methods:comment_hide", args=[comment.pk]), {"next": "/redaktion/kommentarer/"}
    )
    assert response.url == "/redaktion/kommentarer/"
    listing = client.get("/redaktion/kommentarer/")
    assert listing.context["reported"] == []
    assert [c.pk for c in listing.context["hidden"]] == [comment.pk]


def test_approving_a_reported_comment_takes_it_off_the_list(client, editor, member, comment):
    client.force_login(member)
    client.post(reverse("methods:comment_report", args=[comment.pk]))
    client.force_login(editor)
    client.post(reverse("methods:comment_show", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.state == CommentState.VISIBLE
    assert list(Comment.objects.reported()) == []
    assert CommentReport.objects.count() == 1  # the report itself stays as history


def test_reported_queryset_leaves_out_deleted_hidden_and_deleted_methods(method, author):
    reported = Comment.objects.create(method=method, author=author, body="a", state="reported")
    Comment.objects.create(
        method=method, author=author, body="b", state="reported", deleted_at=timezone.now()
    )
    Comment.objects.create(method=method, author=author, body="c", state="hidden")
    Comment.objects.create(method=method, author=author, body="d")
    gone = MethodFactory(deleted_at=timezone.now())
    Comment.objects.create(method=gone, author=author, body="e", state="reported")
    assert list(Comment.objects.reported()) == [reported]
    assert Comment.objects.reported().count() == 1


@pytest.mark.parametrize("size", [2, 12])
def test_moderation_page_query_count_is_constant(
    client, editor, method, django_assert_num_queries, size
):
    for n in range(size):
        comment = Comment.objects.create(
            method=method, author=UserFactory(), body=f"Anmäld {n}", state="reported"
        )
        for _ in range(2):
            CommentReport.objects.create(comment=comment, reporter=UserFactory(), reason="x")
        Comment.objects.create(method=method, author=UserFactory(), body="D", state="hidden")
    client.force_login(editor)
    # session, user (with the editor group), reported comments, their reports, hidden comments
    with django_assert_num_queries(5):
        response = client.get(reverse("methods:comment_moderation"))
    assert len(response.context["reported"]) == size
    assert len(response.context["hidden"]) == size


# Query counts on the method page


def test_method_page_reads_comments_only_when_it_has_some(client, method, editor):
    """The query that loads the method says whether it has comments that are not deleted,
    whoever may see them: a hidden one is still read for the editor, and a deleted one is
    read for no one."""
    deleted = Comment.objects.create(method=method, author=UserFactory(), body="Borttagen")
    deleted.deleted_at = timezone.now()
    deleted.save()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(method.get_absolute_url())
    assert response.context["comments"] == []
    assert not [q for q in queries if q["sql"].startswith('SELECT "methods_comment"')]
    hidden = Comment.objects.create(
        method=method, author=UserFactory(), body="Dold av redaktionen", state="hidden"
    )
    assert client.get(method.get_absolute_url()).context["comments"] == []
    client.force_login(editor)
    assert [c.pk for c in client.get(method.get_absolute_url()).context["comments"]] == [hidden.pk]


@pytest.mark.parametrize("size", [2, 20])
def test_method_page_query_count_does_not_grow_with_comments(
    client, method, member, editor, django_assert_num_queries, size
):
    for n in range(size):
        Comment.objects.create(method=method, author=UserFactory(), body=f"Kommentar {n}")
        Comment.objects.create(method=method, author=None, body="Från en tidigare medlem")
        Comment.objects.create(method=method, author=UserFactory(), body="Dold", state="hidden")
    # site version, method (which also asks whether it has trainers, films, links, reports
    # and comments: it has only comments, so the others are not read), phases, areas, lines,
    # roles, steps, similar and same-line methods (one query), comments
    with django_assert_num_queries(9):
        response = client.get(method.get_absolute_url())
    assert len(response.context["comments"]) == 2 * size
    client.force_login(member)
    # + session, user (with the editor group) (the page cache is skipped for signed-in users)
    with django_assert_num_queries(10):
        client.get(method.get_absolute_url())
    client.force_login(editor)
    with django_assert_num_queries(10):
        response = client.get(method.get_absolute_url())
    assert len(response.context["comments"]) == 3 * size


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_kept_comment_box_is_the_form_as_rendered_now(client, member, method, language):
    """The comment box is rendered once per process and language (views.reading): it must be
    exactly what the blank form renders, in the reader's language."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from methods.forms import CommentForm

    client.force_login(member)
    client.cookies["django_language"] = language
    html = page(client, method)
    with translation.override(language):
        fresh = render_to_string("includes/form_field.html", {"field": CommentForm()["body"]})
    assert fresh in html
    label = "Din kommentar" if language == "sv" else "Your comment"
    assert f'<label for="id_body">{label}:</label>' in fresh
