"""core/upload_limits.py: a file is read only as far as the view it is sent to accepts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import RequestFactory
from django.urls import reverse

from core.upload_limits import RefusedUpload
from material.views import method_films
from methods.models import Phase

FILMS = "/metoder/en-metod/filmer/"
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 1000


def parsed_files(path: str, **files):
    request = RequestFactory().post(
        path,
        {
            "title": "Titel",
            **{name: SimpleUploadedFile(f"{name}.bin", data) for name, data in files.items()},
        },
    )
    return request.FILES


class Spy(TemporaryFileUploadHandler):
    """Django's handler for large files, counting the bytes it is handed."""

    received = 0

    def receive_data_chunk(self, raw_data, start):
        Spy.received += len(raw_data)
        return super().receive_data_chunk(raw_data, start)


@pytest.fixture
def spied(settings):
    Spy.received = 0
    settings.FILE_UPLOAD_HANDLERS = [
        "core.upload_limits.BoundedUploadHandler",
        "tests.test_upload_limits.Spy",
    ]
    return Spy


def test_the_films_page_declares_its_fields_through_its_decorators():
    assert method_films.upload_limits == {
        "file": "FILM_MAX_BYTES",
        "captions_file": "FILM_CAPTIONS_MAX_BYTES",
    }
    assert reverse("material:method_films", args=["en-metod"]) == FILMS


def test_a_file_within_its_limit_is_kept_whole(settings):
    settings.FILM_MAX_BYTES = 10_000
    upload = parsed_files(FILMS, file=MP4)["file"]
    assert not isinstance(upload, RefusedUpload)
    assert upload.size == len(MP4) and upload.read() == MP4


def test_a_file_past_its_limit_reaches_no_file_and_keeps_its_size(settings, spied):
    settings.FILM_MAX_BYTES = 100_000
    data = b"x" * 1_000_000  # sixteen chunks of 64 KB
    upload = parsed_files(FILMS, file=data)["file"]
    assert isinstance(upload, RefusedUpload)
    assert (upload.name, upload.size, upload.read()) == ("file.bin", 1_000_000, b"")
    assert spied.received <= 100_000  # the rest was read and dropped, never written


def test_each_field_has_its_own_limit(settings):
    settings.FILM_MAX_BYTES = 10_000
    settings.FILM_CAPTIONS_MAX_BYTES = 10
    files = parsed_files(FILMS, file=MP4, captions_file=b"WEBVTT\n\n" * 10)
    assert not isinstance(files["file"], RefusedUpload)
    assert isinstance(files["captions_file"], RefusedUpload)


def test_a_field_or_an_address_that_takes_no_files_keeps_none(spied):
    assert isinstance(parsed_files(FILMS, other=b"x" * 5000)["other"], RefusedUpload)
    assert isinstance(parsed_files("/konto/login/", file=b"x" * 5000)["file"], RefusedUpload)
    assert isinstance(parsed_files("/ingen-sida/", file=b"x" * 5000)["file"], RefusedUpload)
    assert spied.received == 0


def test_an_empty_file_is_left_to_the_form(settings):
    upload = parsed_files(FILMS, file=b"")["file"]
    assert not isinstance(upload, RefusedUpload) and upload.size == 0


# --- The forms refuse it with their own message, and keep what was typed ---------------------


@pytest.mark.django_db
def test_a_film_past_its_limit_gets_the_forms_message_and_the_title_is_kept(
    client, settings, spied
):
    from tests.factories import make_editor

    settings.FILM_MAX_BYTES = 1024 * 1024
    client.force_login(make_editor())
    phase = Phase.objects.get(slug="efterarbete")
    big = SimpleUploadedFile("stor.mp4", MP4 + b"\x00" * 3_000_000, content_type="video/mp4")
    response = client.post(
        reverse("material:phase_films", args=[phase.slug]),
        {"source": "fil", "title": "Efterarbete på riktigt", "minutes": "7", "file": big},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Filmen är för stor. Största tillåtna storlek är 1 MB."
    ]
    assert 'value="Efterarbete på riktigt"' in response.content.decode()
    assert spied.received <= 1024 * 1024
