"""Guided submission, the editorial workflow, versions, conflicts and uploads."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from core.models import AuditAction
from methods.choices import Role, Status
from methods.models import Method, Phase
from tests.factories import MethodFactory, MethodStepFactory, UserFactory

pytestmark = pytest.mark.django_db

BASICS = {
    "title": "Visa och gör i disken",
    "summary": "Handledaren visar. Deltagaren gör. Sedan byter ni.",
    "purpose": "Nya medarbetare lär sig disken säkert.",
    "body": "## Så går det till\n\nFörst visar handledaren.",
    "learning_form": "i-arbetet",
    "target_roles": ["deltagare", "handledare"],
}
EASY = "Du tittar först. Sedan gör du. Vi pratar efteråt."


def phases_data(method, **extra):
    data = {
        "version": method.version,
        "phases": [Phase.objects.get(slug="genomforande").pk],
        "steg_genomforande_deltagare": "Provar själv med stöd.",
        "steg_genomforande_handledare": "Visar ett moment i taget.",
    }
    data.update(extra)
    return data


def practical_data(method, **extra):
    data = {
        "version": method.version, "prep_minutes": 15, "delivery_minutes": 60,
        "followup_minutes": 15, "group_size_min": 1, "group_size_max": 3, "cost_level": "ingen",
        "internal_hours": "2", "materials": "Förkläde", "licence": "cc-by-4.0",
        "indicator_behaviour": "Handledaren ser att rutinen följs.",
    }  # fmt: skip
    data.update(extra)
    return data


def step_url(method, step):
    return reverse("methods:edit_step", args=[method.slug, step])


def create_through_wizard(client) -> Method:
    response = client.post(reverse("methods:new"), BASICS)
    method = Method.objects.get(title=BASICS["title"])
    assert response.status_code == 302
    assert response["Location"] == step_url(method, "faser")
    client.post(step_url(method, "faser"), phases_data(method))
    method.refresh_from_db()
    client.post(step_url(method, "praktiskt"), practical_data(method))
    method.refresh_from_db()
    client.post(step_url(method, "lattlast"), {"version": method.version, "easy_read": EASY})
    method.refresh_from_db()
    return method


def test_wizard_saves_every_step_as_a_draft(client, member):
    client.force_login(member)
    method = create_through_wizard(client)
    assert method.status == Status.DRAFT
    assert method.author == member
    assert method.wizard_step == "granska"
    assert list(method.phases.values_list("slug", flat=True)) == ["genomforande"]
    assert {(s.phase.slug, s.role): s.text for s in method.steps.all()} == {
        ("genomforande", "deltagare"): "Provar själv med stöd.",
        ("genomforande", "handledare"): "Visar ett moment i taget.",
    }
    assert method.target_role_values() == ["deltagare", "handledare"] or set(
        method.target_role_values()
    ) == {"deltagare", "handledare"}
    assert (method.delivery_minutes, method.materials, method.easy_read) == (60, "Förkläde", EASY)
    # one revision per save: created, three steps
    assert method.revisions.count() == 4
    # invisible to others
    client.force_login(UserFactory())
    assert client.get(method.get_absolute_url()).status_code == 404


def test_leaving_and_coming_back_continues_where_the_user_was(client, member):
    client.force_login(member)
    client.post(reverse("methods:new"), BASICS)
    method = Method.objects.get(title=BASICS["title"])
    response = client.post(step_url(method, "faser"), {**phases_data(method), "spara": "1"})
    assert response["Location"] == reverse("accounts:profile")
    client.logout()
    client.force_login(member)  # a new session
    response = client.get(reverse("methods:edit", args=[method.slug]))
    assert response["Location"] == step_url(method, "praktiskt")


def test_validation_errors_are_shown_next_to_fields_and_text_is_kept(client, member):
    client.force_login(member)
    response = client.post(reverse("methods:new"), {**BASICS, "title": "", "target_roles": []})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv ett namn på metoden." in html
    assert "Välj minst en roll." in html
    assert "Handledaren visar. Deltagaren gör. Sedan byter ni." in html  # kept
    assert not Method.objects.exists()


def test_text_in_an_unchosen_phase_is_never_dropped(client, member):
    client.force_login(member)
    client.post(reverse("methods:new"), BASICS)
    method = Method.objects.get(title=BASICS["title"])
    response = client.post(
        step_url(method, "faser"),
        phases_data(method, steg_efterarbete_deltagare="Berättar vad som var svårt."),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Fasen Efterarbete är inte vald. Välj fasen eller töm rutan." in html
    assert "Berättar vad som var svårt." in html
    assert not method.steps.exists()


def test_submit_request_changes_resubmit_and_publish(
    client, member, editor, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member)
    method = create_through_wizard(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("methods:submit", args=[method.slug]))
    assert response["Location"] == method.get_absolute_url()
    method.refresh_from_db()
    assert method.status == Status.SUBMITTED
    assert [m.to for m in mailoutbox] == [[editor.email]]
    assert "Ny metod att granska" in mailoutbox[0].subject

    client.force_login(editor)
    queue = client.get(reverse("methods:editorial")).context["queue"]
    assert [m.pk for m in queue] == [method.pk]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("methods:request_changes", args=[method.slug]),
            {"meddelande": "Beskriv hur ni följer upp efter en vecka."},
        )
    method.refresh_from_db()
    assert method.status == Status.CHANGES_REQUESTED
    assert mailoutbox[-1].to == [member.email]
    assert "Beskriv hur ni följer upp efter en vecka." in mailoutbox[-1].body

    client.force_login(member)
    page = client.get(method.get_absolute_url()).content.decode()
    assert "Beskriv hur ni följer upp efter en vecka." in page
    client.post(step_url(method, "praktiskt"), practical_data(method, followup_minutes=30))
    client.post(reverse("methods:submit", args=[method.slug]))
    method.refresh_from_db()
    assert method.status == Status.SUBMITTED

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("methods:publish", args=[method.slug]))
    assert response["Location"] == method.get_absolute_url()
    method.refresh_from_db()
    assert method.status == Status.PUBLISHED
    assert "är publicerad" in mailoutbox[-1].subject
    client.logout()
    assert client.get(method.get_absolute_url()).status_code == 200
    # Readers see the published version only; the drafts before it stay the author's and the
    # editors' (tests/methods/test_revision_access.py tries every number and role).
    history = client.get(reverse("methods:history", args=[method.slug]))
    assert [r.message for r in history.context["revisions"]] == ["Publicerad"]
    client.force_login(editor)
    history = client.get(reverse("methods:history", args=[method.slug]))
    assert [r.message for r in history.context["revisions"]][:2] == [
        "Publicerad",
        "Inskickad för granskning",
    ]
    actions = list(method.audit_entries.values_list("action", flat=True))
    assert set(actions) >= {
        AuditAction.CREATED, AuditAction.SUBMITTED, AuditAction.CHANGES_REQUESTED,
        AuditAction.PUBLISHED,
    }  # fmt: skip


def test_editing_a_published_method_keeps_it_live_until_the_new_version_is_published(
    client, editor
):
    method = MethodFactory(title="Gammal titel", easy_read="Kort text.")
    MethodStepFactory(method=method, role=Role.SUPERVISOR, text="Visar.")
    client.force_login(method.author)
    edit_url = reverse("methods:edit", args=[method.slug])
    # A GET only asks (a link from anywhere must not start a version); the button starts it.
    page = client.get(edit_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Den publicerade metoden syns som vanligt för alla tills redaktionen" in html
    assert f'<form method="post" action="{edit_url}">' in html
    assert '<button type="submit">Börja på en ny version</button>' in html
    assert not Method.objects.filter(working_copy_of=method).exists()
    response = client.post(edit_url)
    copy = Method.objects.get(working_copy_of=method)
    assert response["Location"] == step_url(copy, "grund")
    # Once started, the same link continues it: no second copy.
    assert client.get(edit_url)["Location"] == step_url(copy, "grund")
    assert client.post(edit_url)["Location"] == step_url(copy, "grund")
    assert Method.objects.filter(working_copy_of=method).count() == 1
    client.post(
        step_url(copy, "grund"),
        {**BASICS, "title": "Ny titel", "version": copy.version, "target_roles": ["deltagare"]},
    )
    client.logout()
    assert "Gammal titel" in client.get(method.get_absolute_url()).content.decode()
    copy.refresh_from_db()
    copy.status = Status.SUBMITTED
    copy.save()
    client.force_login(editor)
    review = client.get(reverse("methods:review", args=[copy.slug])).content.decode()
    assert "<del>Gammal </del><ins>Ny </ins>titel" in review
    client.post(reverse("methods:publish", args=[copy.slug]))
    method.refresh_from_db()
    assert (method.title, method.status, method.slug) == ("Ny titel", Status.PUBLISHED, method.slug)
    assert not Method.objects.filter(pk=copy.pk).exists()
    assert method.steps.get().text == "Visar."
    assert method.revisions.first().message == "Ny version publicerad"


def test_second_save_over_newer_text_is_refused_and_both_texts_shown(client, member):
    client.force_login(member)
    method = create_through_wizard(client)
    opened_version = method.version
    # someone else (an editor) saves first
    editor_client = type(client)()
    editor_client.force_login(UserFactory(is_superuser=True))
    editor_client.post(
        step_url(method, "lattlast"), {"version": opened_version, "easy_read": "Redaktörens text."}
    )
    response = client.post(
        step_url(method, "lattlast"), {"version": opened_version, "easy_read": "Min text."}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan har sparat ändringar i metoden medan du skrev." in html
    assert "Redaktörens text." in html and "Min text." in html
    method.refresh_from_db()
    assert method.easy_read == "Redaktörens text."
    # after merging by hand, saving again works
    response = client.post(
        step_url(method, "lattlast"),
        {"version": method.version, "easy_read": "Redaktörens text. Min text."},
    )
    assert response.status_code == 302
    method.refresh_from_db()
    assert method.easy_read == "Redaktörens text. Min text."


def test_publishing_a_hard_easy_read_text_needs_an_explicit_override(client, editor):
    hard = "Kompetensutvecklingsinsatsens genomförande förutsätter organisatoriska förutsättningar."
    method = MethodFactory(status=Status.SUBMITTED, easy_read=hard)
    client.force_login(editor)
    response = client.post(reverse("methods:publish", args=[method.slug]))
    assert response.status_code == 400
    assert "över gränsen 40" in response.content.decode()
    method.refresh_from_db()
    assert method.status == Status.SUBMITTED
    client.post(reverse("methods:publish", args=[method.slug]), {"godkann_lix": "1"})
    method.refresh_from_db()
    assert method.status == Status.PUBLISHED
    assert method.easy_read_override_by == editor


def test_personal_data_blocks_submission_until_confirmed(client, member):
    method = MethodFactory(
        author=member, status=Status.DRAFT, body="Ring Anna på 070-123 45 67.", easy_read="Kort."
    )
    client.force_login(member)
    preview = client.get(step_url(method, "granska")).content.decode()
    assert "Texten kan innehålla personuppgifter" in preview
    assert "070-123 45 67" in preview
    client.post(reverse("methods:submit", args=[method.slug]))
    method.refresh_from_db()
    assert method.status == Status.DRAFT
    client.post(reverse("methods:submit", args=[method.slug]), {"bekrafta": "1"})
    method.refresh_from_db()
    assert method.status == Status.SUBMITTED
    assert method.personal_data_confirmed_by == member


def test_restore_creates_a_new_revision_and_overwrites_nothing(client, editor):
    method = MethodFactory(title="Version ett")
    from methods.services import record_revision

    record_revision(method, editor, "Första")
    method.title = "Version två"
    method.save()
    record_revision(method, editor, "Andra")
    client.force_login(editor)
    response = client.post(reverse("methods:restore_revision", args=[method.slug, 1]))
    assert response["Location"] == reverse("methods:history", args=[method.slug])
    method.refresh_from_db()
    assert method.title == "Version ett"
    assert list(method.revisions.values_list("number", "message")) == [
        (3, "Återställd från version 1"),
        (2, "Andra"),
        (1, "Första"),
    ]


def test_history_shows_word_diff_between_any_two_versions(client):
    method = MethodFactory(title="Visa först")
    from methods.services import record_revision

    record_revision(method, None, "Ett")
    method.summary = "Handledaren visar och deltagaren gör."
    method.save()
    record_revision(method, None, "Två")
    html = client.get(
        reverse("methods:history", args=[method.slug]), {"fran": 1, "till": 2}
    ).content.decode()
    assert "Skillnader mellan version 1 och 2" in html
    assert "<ins>Handledaren visar och deltagaren gör.</ins>" in html


@pytest.mark.parametrize(
    "who, expected",
    [("anonymous", 302), ("member", 404), ("stranger", 404), ("author", 200), ("editor", 200)],
)
def test_who_may_edit_a_draft(client, member, stranger, editor, who, expected):
    method = MethodFactory(status=Status.DRAFT, author=UserFactory())
    users = {"member": member, "stranger": stranger, "editor": editor, "author": method.author}
    if who != "anonymous":
        client.force_login(users[who])
    assert client.get(step_url(method, "grund")).status_code == expected


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ARCHIVED])
def test_authors_cannot_edit_methods_under_review_or_archived(client, status):
    method = MethodFactory(status=status)
    client.force_login(method.author)
    assert client.get(step_url(method, "grund")).status_code == 403


@pytest.mark.parametrize("who, expected", [("anonymous", 302), ("member", 403), ("editor", 200)])
def test_only_editors_reach_the_editorial_pages(client, member, editor, who, expected):
    method = MethodFactory(status=Status.SUBMITTED)
    if who != "anonymous":
        client.force_login({"member": member, "editor": editor}[who])
    for url in (reverse("methods:editorial"), reverse("methods:review", args=[method.slug])):
        assert client.get(url).status_code == expected
    for name in ("publish", "request_changes", "archive"):
        response = client.post(reverse(f"methods:{name}", args=[method.slug]))
        assert response.status_code in ({302, 400} if who == "editor" else {expected})


def test_editor_queue_is_oldest_first(client, editor):
    from django.utils import timezone

    newer = MethodFactory(status=Status.SUBMITTED, submitted_at=timezone.now())
    older = MethodFactory(
        status=Status.SUBMITTED, submitted_at=timezone.now() - timezone.timedelta(days=3)
    )
    client.force_login(editor)
    assert [m.pk for m in client.get(reverse("methods:editorial")).context["queue"]] == [
        older.pk,
        newer.pk,
    ]


# Uploads


def image_bytes(fmt="PNG", size=(20, 10), exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    if exif is not None:
        image.save(out, fmt, exif=exif)
    else:
        image.save(out, fmt)
    return out.getvalue()


def upload(client, data: bytes, name="bild.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/markdownx/upload/",
        {"image": SimpleUploadedFile(name, data)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


def test_upload_accepts_real_images_under_a_random_name_without_exif(
    client, member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)
    exif = Image.Exif()
    exif[0x8825] = {2: (59, 19, 0)}  # GPS latitude
    exif[0x010F] = "Kamerafabriken"
    response = upload(client, image_bytes("JPEG", exif=exif), name="semester med gps.jpg")
    assert response.status_code == 200
    code = response.json()["image_code"]
    assert code.startswith("![](/media/uploads/")  # the person writes the alt text next
    path = code.split("(/media/")[1].rstrip(")")
    assert "semester" not in path and path.endswith(".jpg")
    with Image.open(tmp_path / path) as stored:
        assert dict(stored.getexif()) == {}
        assert stored.size == (20, 10)


@pytest.mark.parametrize(
    "data, name",
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "bild.svg"),
        (b"<html><script>alert(1)</script></html>", "bild.png"),
        (b"GIF89a<script>alert(1)</script>", "bild.gif"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "trasig.png"),
        (b"", "tom.jpg"),
    ],
)
def test_upload_refuses_anything_that_is_not_a_real_image(client, member, data, name):
    client.force_login(member)
    response = upload(client, data, name)
    assert response.status_code == 400
    assert response.json() == {
        "image": [
            "Filen är inte en bild som går att läsa. Välj en bild i JPEG, PNG, GIF eller WebP."
        ]
    }


def test_upload_refuses_too_large_files(client, member, settings):
    settings.MARKDOWNX_UPLOAD_MAX_SIZE = 100
    client.force_login(member)
    response = upload(client, image_bytes(size=(300, 300)))
    assert response.status_code == 400
    assert "för stor" in response.json()["image"][0]


def test_upload_requires_login(client):
    response = upload(client, image_bytes())
    assert response.status_code == 302
