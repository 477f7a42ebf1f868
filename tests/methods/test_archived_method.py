"""An archived method keeps its address (issue 13): printed cards and QR codes lead to a page
that says it is archived, when, why and what replaces it, out of search engines and lists."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from core.review import ReviewError
from methods import services, workflow
from methods.choices import Status
from methods.models import Method
from tests.factories import MethodFactory, UserFactory
from tests.formpage import form_data

pytestmark = pytest.mark.django_db

ARCHIVED_ON = dt.datetime(2026, 11, 30, 10, 15, tzinfo=dt.UTC)
REASON = "Ersatt av en metod som fungerar bättre\nför små grupper."
ROBOTS_META = '<meta name="robots" content="noindex">'


def published_method(title: str, body: str, **extra) -> Method:
    method = MethodFactory(title=title, body=body, status=Status.PUBLISHED, **extra)
    services.record_revision(method, method.author, "Publicerad")
    return method


@pytest.fixture
def replacement(db):
    return published_method("Handledarträffar varje vecka", "Vi träffas varje måndag.")


def radio_values(page: str, action: str) -> list[str]:
    """The replacements the archive form offers."""
    form = page.split(f'action="{action}#beslut-arkivera"')[1].split("</form>")[0]
    return re.findall(r'<input type="radio" name="replaced_by" value="(\d*)"', form)


@pytest.fixture
def archived(db, editor, replacement, monkeypatch):
    """Archived by an editor on 30 Nov 2026, then changed by an editor (text never published)."""
    method = published_method(
        "Skuggning på golvet", "## Så går det till\n\nDeltagaren följer en kollega en dag."
    )
    monkeypatch.setattr(timezone, "now", lambda: ARCHIVED_ON)
    workflow.archive(method, editor, REASON, replacement)
    monkeypatch.undo()
    method.refresh_from_db()
    method.title = "Skuggning (utkast)"
    method.body = "Hemlig ny text som aldrig publicerades."
    method.save()
    services.record_revision(method, editor, "Ändrad efter arkivering")
    return method


def addresses(method: Method) -> list[str]:
    return [
        reverse("methods:detail", args=[method.slug]),
        reverse("methods:card", args=[method.slug]),
        reverse("methods:pdf", args=[method.slug]),
    ]


# The archive step records when, why and what replaces the method


def test_archiving_records_when_why_and_the_replacement(editor, replacement, monkeypatch):
    method = published_method("Gammal metod", "Text.")
    version = method.version
    monkeypatch.setattr(timezone, "now", lambda: ARCHIVED_ON)
    workflow.archive(method, editor, "  Ersatt.  ", replacement)
    method.refresh_from_db()
    assert method.status == Status.ARCHIVED
    assert method.archived_at == ARCHIVED_ON
    assert method.archive_reason == "Ersatt."
    assert method.replaced_by == replacement
    assert method.version == version + 1
    assert list(replacement.replaces.all()) == [method]
    revision = method.revisions.order_by("-number").first()
    assert (revision.message, revision.snapshot["status"]) == ("Arkiverad", Status.ARCHIVED)
    # Lifecycle, not text: revisions neither keep nor restore the archive record.
    assert not {"archived_at", "archive_reason", "replaced_by"} & set(revision.snapshot)


@pytest.mark.parametrize(
    "reason, replaced_by, message",
    [
        ("   ", None, "Skriv varför metoden arkiveras."),
        ("Ersatt.", "itself", "Välj en annan publicerad metod som ersätter den här."),
        ("Ersatt.", "draft", "Välj en annan publicerad metod som ersätter den här."),
    ],
)
def test_archiving_needs_a_reason_and_a_published_replacement(editor, reason, replaced_by, message):
    method = published_method("Gammal metod", "Text.")
    others = {"itself": method, "draft": MethodFactory(status=Status.DRAFT), None: None}
    with pytest.raises(ReviewError, match=re.escape(message)):
        workflow.archive(method, editor, reason, others[replaced_by])
    method.refresh_from_db()
    assert (method.status, method.archived_at, method.archive_reason) == (
        Status.PUBLISHED,
        None,
        "",
    )


def test_publishing_again_clears_the_archive_record(editor, archived):
    workflow.publish(archived, editor)
    archived.refresh_from_db()
    assert archived.status == Status.PUBLISHED
    assert (archived.archived_at, archived.archive_reason, archived.replaced_by) == (None, "", None)


# The editors' desk asks for them


def test_review_page_archives_with_reason_and_replacement(client, editor, replacement):
    method = published_method("Gammal metod", "Text.")
    client.force_login(editor)
    page = client.get(reverse("methods:review", args=[method.slug])).content.decode()
    action = reverse("methods:archive", args=[method.slug])
    data = form_data(page, f"{action}#beslut-arkivera")
    # No list of every published method: only "none" until the editor searches.
    assert radio_values(page, action) == [""]
    # The replacement is found by a search among published methods, never the method itself;
    # the reason typed before the search stays.
    # "e" is in both titles: the method being archived is still not offered.
    data.update({"reason": [REASON], "replaced_by_q": ["e"], "replaced_by_find": ["1"]})
    found = client.post(action, data)
    assert found.status_code == 200
    assert radio_values(found.content.decode(), action) == ["", str(replacement.pk)]
    assert "Ersatt av en metod som fungerar bättre" in found.content.decode()
    data = form_data(found.content.decode(), f"{action}#beslut-arkivera")
    data.update({"reason": [REASON], "replaced_by": [str(replacement.pk)]})
    response = client.post(action, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("methods:review", args=[method.slug])
    method.refresh_from_db()
    assert (method.status, method.archive_reason, method.replaced_by) == (
        Status.ARCHIVED,
        REASON,
        replacement,
    )


def test_archiving_without_a_reason_keeps_what_was_chosen_and_says_why(client, editor, replacement):
    method = published_method("Gammal metod", "Text.")
    client.force_login(editor)
    action = reverse("methods:archive", args=[method.slug])
    response = client.post(action, {"reason": "  ", "replaced_by": str(replacement.pk)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv varför metoden arkiveras." in html
    assert re.search(
        rf'<input type="radio" name="replaced_by" value="{replacement.pk}"[^>]* checked', html
    )
    method.refresh_from_db()
    assert (method.status, method.archived_at) == (Status.PUBLISHED, None)


def test_archiving_with_an_unpublished_replacement_is_refused(client, editor):
    method = published_method("Gammal metod", "Text.")
    draft = MethodFactory(status=Status.DRAFT)
    client.force_login(editor)
    response = client.post(
        reverse("methods:archive", args=[method.slug]),
        {"reason": "Ersatt.", "replaced_by": str(draft.pk)},
    )
    assert response.status_code == 400
    assert "Välj en annan publicerad metod som ersätter den här." in response.content.decode()
    # What was typed is still there.
    assert re.search(
        r"<textarea name=\"reason\"[^>]*>\s*Ersatt.</textarea>", response.content.decode()
    )
    method.refresh_from_db()
    assert method.status == Status.PUBLISHED


# Readers at the old address: the page, the card and the PDF


@pytest.mark.parametrize("who", ["anonymous", "signed_in", "company_member"])
def test_readers_get_the_archived_notice_at_every_address(
    client, archived, replacement, who, member, company
):
    if who == "signed_in":
        client.force_login(UserFactory())
    elif who == "company_member":
        client.force_login(member)
    for url in addresses(archived):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Robots-Tag"] == "noindex"
        html = response.content.decode()
        assert ROBOTS_META in html
        assert '<h2 id="archived-heading" class="notice__title">Metoden är arkiverad</h2>' in html
        date = formats.date_format(timezone.localtime(ARCHIVED_ON), "DATE_FORMAT")
        assert f'<time datetime="2026-11-30">{date}</time>' in html
        assert "Ersatt av en metod som fungerar bättre<br>för små grupper." in html
        assert (
            f'Använd i stället: <a href="{replacement.get_absolute_url()}">'
            "Handledarträffar varje vecka</a>"
        ) in html
        # The text as it was last published, marked as no longer maintained; never the
        # editors' later changes.
        assert "<h1>Skuggning på golvet</h1>" in html
        assert "Deltagaren följer en kollega en dag." in html
        assert "Texten underhålls inte längre." in html
        assert "Hemlig ny text" not in html and "utkast" not in html


def test_the_date_reads_as_in_swedish_prose(client, archived):
    html = client.get(archived.get_absolute_url()).content.decode()
    assert '<time datetime="2026-11-30">30 nov. 2026</time>' in html


def test_author_and_editor_see_the_method_with_the_notice(client, archived, editor):
    for user in (archived.author, editor):
        client.force_login(user)
        response = client.get(archived.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "Metoden är arkiverad" in html
        assert "Hemlig ny text som aldrig publicerades." in html  # what they work on
        assert "syns bara för dig och redaktionen" not in html  # readers get the notice now
        assert response.templates[0].name == "methods/method_detail.html"


def test_without_a_reachable_replacement_the_notice_points_to_the_list(
    client, archived, replacement, editor
):
    services.move_to_bin(replacement, editor)
    html = client.get(archived.get_absolute_url()).content.decode()
    assert replacement.get_absolute_url() not in html
    assert f'<a href="{reverse("methods:list")}">Hitta andra metoder i handboken</a>' in html


def test_an_archived_method_in_the_recycle_bin_is_gone(client, archived, editor):
    services.move_to_bin(archived, editor)
    for url in addresses(archived):
        assert client.get(url).status_code == 404


def test_archived_methods_stay_out_of_lists_and_search(client, archived):
    pages = [
        client.get(reverse("methods:home")),
        client.get(reverse("methods:list")),
        client.get(reverse("methods:list"), {"q": "Skuggning"}),
        client.get(reverse("companies:search"), {"q": "Skuggning"}),
    ]
    for response in pages:
        assert response.status_code == 200
        assert archived.get_absolute_url() not in response.content.decode()


def test_the_archived_page_is_read_in_a_constant_number_of_queries(
    client, archived, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(archived.get_absolute_url())  # warm the per-process caches
    # The method, its last published revision and the method that replaces it: the notice
    # needs none of the relations the page's parts are rendered from.
    with django_assert_num_queries(3):
        response = client.get(archived.get_absolute_url())
    assert "Metoden är arkiverad" in response.content.decode()


# The page cache


def test_archiving_invalidates_the_cached_page_and_the_cache_keeps_the_header(
    client, editor, replacement
):
    method = published_method("Gammal metod", "Den gamla texten.")
    url = method.get_absolute_url()
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss" and "X-Robots-Tag" not in first
    assert client.get(url)["X-Page-Cache"] == "hit"
    workflow.archive(method, editor, "Ersatt.", replacement)
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert "Metoden är arkiverad" in after.content.decode()
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert cached["X-Robots-Tag"] == "noindex"
    assert "Metoden är arkiverad" in cached.content.decode()
