"""A NUL character anywhere a visitor controls text answers 400, never a 500 (issue 12).

PostgreSQL text cannot hold "\\x00": before core.middleware.RejectNulMiddleware these requests
reached a query and raised DataError there (a 500); on SQLite they were answered as if the NUL
were ordinary text. The suite runs on both databases in CI, so on PostgreSQL this also shows
that nothing reaches the database first.
"""

import pytest
from django.urls import reverse

from companies.models import Membership
from methods.choices import Status
from methods.models import Method
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db

HEADING = "Förfrågan gick inte att läsa"


def assert_refused(response):
    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert HEADING in html
    assert "<title>Felaktig förfrågan" in html
    # The site's page with a CSP header whose nonce the page uses, like every other page.
    assert "Content-Security-Policy" in response
    assert "X-Page-Cache" not in response


@pytest.mark.parametrize(
    "url",
    [
        "/foretag/?bransch=%00",
        "/foretag/?%00=1",  # a key, not a value
        "/foretag/inbjudan/%00/",
        "/metoder/?q=disk%00",
        "/sok/?q=%00",
        "/metoder/%00/",
    ],
)
def test_anonymous_get_with_a_nul_is_refused(client, url):
    assert_refused(client.get(url))
    # Twice: a 400 is never kept by the page cache.
    assert_refused(client.get(url))
    assert client.head(url).status_code == 400


def test_report_form_with_a_nul_in_the_method_parameter_is_refused(client, member, company):
    MethodFactory(slug="skuggning")
    client.force_login(member)
    url = reverse("companies:report_new", args=[company.slug])
    assert client.get(url + "?metod=skuggning").status_code == 200
    assert_refused(client.get(url + "?metod=%00"))


def test_editor_message_with_a_nul_is_refused_and_changes_nothing(client, editor):
    method = MethodFactory(slug="inskickad", status=Status.SUBMITTED, published_at=None)
    client.force_login(editor)
    response = client.post(
        reverse("methods:request_changes", args=[method.slug]),
        {"meddelande": "Beskriv uppföljningen.\x00"},
    )
    assert_refused(response)
    assert Method.objects.get(pk=method.pk).status == Status.SUBMITTED


def test_post_with_a_nul_in_a_field_name_is_refused(client, member, company):
    client.force_login(member)
    response = client.post(reverse("companies:edit", args=[company.slug]), {"namn\x00": "x"})
    assert_refused(response)


def test_invitation_post_with_a_nul_token_creates_no_membership(client, stranger):
    client.force_login(stranger)
    before = Membership.objects.count()
    assert_refused(client.post("/foretag/inbjudan/%00/"))
    assert Membership.objects.count() == before


def test_admin_list_filter_with_a_nul_is_refused(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:methods_method_changelist")
    assert client.get(url + "?status__exact=draft").status_code == 200
    assert_refused(client.get(url + "?status__exact=%00"))
    assert_refused(client.get(url + "?q=%00"))


def test_multipart_upload_bytes_may_hold_nul_but_its_fields_may_not(client, member):
    """A file's bytes are not text: only the form fields of a multipart body are checked."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(member)
    upload = SimpleUploadedFile("a.bin", b"\x00\x01\x00", content_type="application/octet-stream")
    response = client.post(reverse("markdownx_upload"), {"image": upload})
    assert response.status_code != 400 or HEADING not in response.content.decode()
    upload.seek(0)
    assert_refused(client.post(reverse("markdownx_upload"), {"image": upload, "x": "\x00"}))
