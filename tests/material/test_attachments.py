"""Files attached to a method: PDF, DOCX and ODT by their bytes, with size and unpacked-size
limits, served as downloads to whoever sees the method."""

# Long rows of test data read best one per line.
# ruff: noqa: E501

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from material.models import MaterialLink
from material.services import add_attachment
from methods.choices import Status
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"


def docx(extra: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>" + extra)
    return out.getvalue()


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", ODT_TYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def _post(client, method, name, data, **extra):
    return client.post(reverse("material:method_attachments", args=[method.slug]), {
        "kind": "report", "title": "Slutrapport 2025", "description": "Vad tolv företag lärde sig.",
        "file": SimpleUploadedFile(name, data), **extra,
    })  # fmt: skip


@pytest.fixture
def draft(member):
    return MethodFactory(author=member, status=Status.DRAFT)


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [("r.pdf", PDF, "application/pdf", "pdf"), ("r.docx", docx(), DOCX_TYPE, "docx"),
     ("r.odt", odt(), ODT_TYPE, "odt")],
)  # fmt: skip
def test_attach_pdf_docx_and_odt(client, member, draft, name, data, content_type, extension):
    client.force_login(member)
    response = _post(client, draft, name, data)
    assert response.status_code == 302
    link = MaterialLink.objects.get()
    assert (link.owner, link.content_type, link.size, link.url) == (
        draft,
        content_type,
        len(data),
        "",
    )
    assert link.file.name.startswith("bilagor/") and link.file.name.endswith(f".{extension}")
    download = client.get(reverse("material:attachment", args=[link.pk]))
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"] == f'attachment; filename="slutrapport-2025.{extension}"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == data
    page = client.get(draft.get_absolute_url()).content.decode()
    assert f'<a href="/bilagor/{link.pk}/">Slutrapport 2025</a>' in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("program.pdf", b"MZ\x90\x00" + b"\0" * 100, "Bara PDF, Word (DOCX)"),
        ("bild.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "Bara PDF, Word (DOCX)"),
        ("arkiv.docx", b"PK\x03\x04" + b"\0" * 100, "Bara PDF, Word (DOCX)"),
        ("annan.odt", b"", "Den skickade filen är tom."),
    ],
)
def test_wrong_types_are_refused_whatever_their_name(client, member, draft, name, data, message):
    client.force_login(member)
    response = _post(client, draft, name, data)
    assert response.status_code == 400
    assert message in response.context["form"].errors["file"][0]
    assert 'value="Slutrapport 2025"' in response.content.decode()
    assert not MaterialLink.objects.exists()


def test_a_zip_that_unpacks_to_too_much_is_refused(client, member, draft, settings):
    settings.ATTACHMENT_MAX_DECODED_BYTES = 10_000
    client.force_login(member)
    big = docx(b"0" * 20_000)  # a few hundred bytes packed
    assert len(big) < 1000
    response = _post(client, draft, "stor.docx", big)
    assert "packas upp till för mycket" in response.context["form"].errors["file"][0]
    assert not MaterialLink.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, member, draft, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    client.force_login(member)
    response = _post(client, draft, "r.pdf", PDF)
    assert "Filen är för stor" in response.context["form"].errors["file"][0]


def test_attachments_of_a_draft_are_not_served_to_others(client, member, stranger, draft):
    link = add_attachment(draft, member, kind="guide", title="Mall", description="En mall.",
                          upload=SimpleUploadedFile("m.pdf", PDF), content_type="application/pdf")  # fmt: skip
    url = reverse("material:attachment", args=[link.pk])
    assert client.get(url).status_code == 404
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.post(reverse("material:link_remove", args=[link.pk])).status_code == 404


def test_removing_an_attachment_deletes_its_file(
    client, member, draft, django_capture_on_commit_callbacks
):
    link = add_attachment(draft, member, kind="guide", title="Mall", description="En mall.",
                          upload=SimpleUploadedFile("m.pdf", PDF), content_type="application/pdf")  # fmt: skip
    name = link.file.name
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("material:link_remove", args=[link.pk]))
    assert response["Location"] == reverse("material:method_attachments", args=[draft.slug])
    assert not default_storage.exists(name)
    assert not MaterialLink.objects.exists()


def test_check_links_leaves_attached_files_alone(member, draft, monkeypatch):
    from django.core.management import call_command

    from material import linkcheck

    add_attachment(draft, member, kind="guide", title="Mall", description="En mall.",
                   upload=SimpleUploadedFile("m.pdf", PDF), content_type="application/pdf")  # fmt: skip
    checked = []
    monkeypatch.setattr(linkcheck, "check", lambda url: checked.append(url))
    call_command("check_links", stdout=io.StringIO())
    assert checked == []
