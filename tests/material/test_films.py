"""Films on a method and a phase guide: adding (upload with captions, or a film elsewhere),
validation, who may add and remove, serving with range requests, the CSP, search."""

# Long rows of test data read best one per line.
# ruff: noqa: E501

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEntry
from material.models import Film, FilmKind
from material.services import add_film
from material.validation import clean_captions, embed_address, video_type
from methods.choices import Status
from methods.models import Method, Phase
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db

# The first bytes of a WebM file (an EBML header with doctype "webm") and of an MP4 file (an
# ISO media "ftyp" box); the rest is filler. Enough for the type check, which reads no further.
WEBM = bytes.fromhex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d") + b"\0" * 200
MP4 = b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2" + b"\0" * 200
CAPTIONS = (
    "WEBVTT\n\n1\n00:00.000 --> 00:03.500\nVälkommen till arbetsplatsen.\n\n"
    "00:03.500 --> 00:07.000 align:start\nHär visar <b>Leila</b> hur kaffemaskinen rengörs.\n"
)


def _upload(name: str, data: bytes, content_type: str = "video/mp4") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _post_upload(client, url, **overrides):
    data = {
        "source": "fil",
        "title": "Så rengör du kaffemaskinen",
        "minutes": "4",
        "file": _upload("rengoring.webm", WEBM, "video/webm"),
        "captions_file": _upload("rengoring.vtt", CAPTIONS.encode(), "text/vtt"),
        "transcript": "Leila visar steg för steg hur maskinen tas isär.",
    }
    data.update(overrides)
    return client.post(url, {k: v for k, v in data.items() if v is not None})


@pytest.fixture
def draft(member):
    return MethodFactory(author=member, status=Status.DRAFT, title="Kaffe på jobbet")


# Validation -------------------------------------------------------------------------------


def test_video_type_reads_the_bytes_not_the_name():
    assert video_type(WEBM[:64]) == "video/webm"
    assert video_type(MP4[:64]) == "video/mp4"
    assert video_type(b"%PDF-1.7\n" + b"\0" * 60) is None
    # An EBML file that is not WebM (Matroska) is refused.
    assert video_type(bytes.fromhex("1a45dfa3") + b"\0" * 20 + b"matroska" + b"\0" * 30) is None


def test_captions_are_rebuilt_with_text_sanitised():
    stored, text = clean_captions(
        b"\xef\xbb\xbfWEBVTT - svensk text\r\n\r\nNOTE intern kommentar\r\n\r\n"
        b"00:01.000 --> 00:02.000 position:10% evil:yes\r\n<script>alert(1)</script>Hej --> d\xc3\xa5\r\n"
    )
    assert stored == "WEBVTT\n\n00:01.000 --> 00:02.000 position:10%\nHej -&gt; då\n"
    assert text == "Hej -> då"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"1\n00:01.000 --> 00:02.000\nHej\n", "första raden ska vara WEBVTT"),
        (b"WEBVTT\n\nHej utan tid\n", "ingen text med tider"),
        (b"WEBVTT\n\n00:01 --> 00:02\nHej\n", "ingen giltig tidsrad"),
        (b"WEBVTT\n\n00:01.000 --> 00:02.000\n\xff\xfe\n", "UTF-8"),
        (b"WEBVTT\n\n" + b"00:01.000 --> 00:02.000\nHej\n\n" * 20000, "för stor"),
    ],
)
def test_bad_captions_are_refused_with_a_reason(data, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=message):
        clean_captions(data)


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=abcDEF12345",
            "https://www.youtube-nocookie.com/embed/abcDEF12345",
        ),
        ("https://youtu.be/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345"),
        ("https://vimeo.com/123456", "https://player.vimeo.com/video/123456"),
        ("https://play.orebro.se/film/handledning#t=3", "https://play.orebro.se/film/handledning"),
    ],
)
def test_external_addresses_become_player_addresses(url, embed):
    assert embed_address(url) == embed


@pytest.mark.parametrize(
    "url",
    [
        "http://www.youtube.com/watch?v=abcDEF12345",
        "https://evil.example/film",
        "https://www.youtube.com.evil.example/watch?v=abcDEF12345",
        "https://user@play.orebro.se/film",
        "https://play.orebro.se:8443/film",
        "javascript:alert(1)",
        "https://www.youtube.com/watch?v=",
        # Addresses urlsplit cannot read: a port past 65535, an IPv6 host never closed.
        "https://www.youtube.com:99999/watch?v=abcDEF12345",
        "https://[www.youtube.com/watch?v=abcDEF12345",
    ],
)
def test_external_addresses_outside_the_allow_list_are_refused(url):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        embed_address(url)


# Adding and removing --------------------------------------------------------------------


def test_author_adds_an_uploaded_film_with_captions(client, member, draft):
    client.force_login(member)
    url = reverse("material:method_films", args=[draft.slug])
    response = _post_upload(client, url)
    assert response.status_code == 302
    assert response["Location"] == url
    film = Film.objects.get()
    assert (film.owner, film.kind, film.title, film.minutes) == (
        draft,
        FilmKind.UPLOAD,
        "Så rengör du kaffemaskinen",
        4,
    )
    assert film.content_type == "video/webm"
    assert film.file.name.startswith("films/") and film.file.name.endswith(".webm")
    assert "rengoring" not in film.file.name  # a random name, not the uploader's
    assert default_storage.open(film.file.name).read() == WEBM
    assert film.captions.startswith("WEBVTT\n\n1\n") is False  # identifiers are not kept
    assert "Här visar Leila hur kaffemaskinen rengörs." in film.captions
    assert film.added_by == member
    entry = AuditEntry.objects.get(message="Lade till filmen ”%(title)s”.")
    assert entry.params == {"title": "Så rengör du kaffemaskinen"}
    # The method page shows it with its captions track and the transcript.
    page = client.get(draft.get_absolute_url()).content.decode()
    assert (
        f'<video class="film__video" controls preload="metadata" src="/filmer/{film.pk}/film">'
        in page
    )
    assert (
        f'<track kind="captions" srclang="sv" label="Svenska" src="/filmer/{film.pk}/textning.vtt" default>'
        in page
    )
    assert "Leila visar steg för steg hur maskinen tas isär." in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"file": _upload("film.mp4", b"%PDF-1.7\n" + b"0" * 100)}, "file", "inte en film"),
        ({"file": None}, "file", "Välj filmfilen"),
        ({"captions_file": None}, "captions_file", "måste ha textning"),
        (
            {"captions_file": _upload("t.vtt", b"00:01.000 --> 00:02.000\nHej\n")},
            "captions_file",
            "första raden ska vara WEBVTT",
        ),
        (
            {"captions_file": None, "captions": "WEBVTT\n\nbara text\n"},
            "captions",
            "ingen text med tider",
        ),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(
    client, member, draft, overrides, field, message
):
    client.force_login(member)
    response = _post_upload(
        client, reverse("material:method_films", args=[draft.slug]), **overrides
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    assert not Film.objects.exists()
    # What was typed is kept.
    assert 'value="Så rengör du kaffemaskinen"' in response.content.decode()


def test_a_film_over_the_size_limit_is_refused(client, member, draft, settings):
    settings.FILM_MAX_BYTES = 100
    client.force_login(member)
    response = _post_upload(client, reverse("material:method_films", args=[draft.slug]))
    assert (
        "Filmen är för stor. Största tillåtna storlek är 0 MB."
        in response.context["form"].errors["file"]
    )
    assert not Film.objects.exists()


def test_editor_adds_a_film_elsewhere_to_a_phase_guide(client, editor):
    phase = Phase.objects.get(slug="efterarbete")
    client.force_login(editor)
    url = reverse("material:phase_films", args=[phase.slug])
    response = client.post(url, {
        "source": "lank", "title": "Efterarbete i praktiken", "minutes": "7",
        "url": "https://www.youtube.com/watch?v=abcDEF12345", "captions": CAPTIONS,
    })  # fmt: skip
    assert response.status_code == 302
    film = Film.objects.get()
    assert (film.owner, film.kind) == (phase, FilmKind.EXTERNAL)
    assert film.embed_url == "https://www.youtube-nocookie.com/embed/abcDEF12345"
    assert film.frame_source == "https://www.youtube-nocookie.com"


def test_a_film_elsewhere_on_a_site_not_allowed_is_refused(client, editor):
    client.force_login(editor)
    response = client.post(reverse("material:phase_films", args=["efterarbete"]), {
        "source": "lank", "title": "Film", "minutes": "3", "url": "https://evil.example/x",
    })  # fmt: skip
    assert (
        "Filmer kan bara visas från de här webbplatserna"
        in response.context["form"].errors["url"][0]
    )
    assert not Film.objects.exists()


def test_remove_deletes_row_and_file(client, member, draft, django_capture_on_commit_callbacks):
    film = add_film(
        draft, member, title="Film", minutes=2, upload=_upload("a.webm", WEBM),
        content_type="video/webm", captions="WEBVTT\n", captions_text="",
    )  # fmt: skip
    name = film.file.name
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("material:film_remove", args=[film.pk]))
    assert response["Location"] == reverse("material:method_films", args=[draft.slug])
    assert not Film.objects.exists()
    assert not default_storage.exists(name)


# Who may -----------------------------------------------------------------------------------


def test_who_may_manage_films(client, member, stranger, editor, draft):
    url = reverse("material:method_films", args=[draft.slug])
    assert client.get(url)["Location"].startswith("/konto/")
    client.force_login(stranger)
    assert client.get(url).status_code == 404  # another's draft is not even there
    published = MethodFactory(author=member, status=Status.PUBLISHED)
    assert client.get(reverse("material:method_films", args=[published.slug])).status_code == 403
    client.force_login(member)
    assert client.get(url).status_code == 200
    client.force_login(editor)
    assert client.get(url).status_code == 200
    # Phase guides: editors only.
    client.force_login(member)
    assert client.get(reverse("material:phase_films", args=["forankring"])).status_code == 403


def test_stranger_cannot_remove_or_see_films_of_a_draft(client, member, stranger, draft):
    film = add_film(draft, member, title="Film", minutes=2, url="https://vimeo.com/1",
                    embed_url="https://player.vimeo.com/video/1", captions=CAPTIONS)  # fmt: skip
    client.force_login(stranger)
    assert client.post(reverse("material:film_remove", args=[film.pk])).status_code == 404
    assert client.get(reverse("material:film_captions", args=[film.pk])).status_code == 404
    assert Film.objects.filter(pk=film.pk).exists()


# Serving ------------------------------------------------------------------------------------


@pytest.fixture
def uploaded(member):
    method = MethodFactory(author=member, status=Status.PUBLISHED)
    return add_film(
        method, member, title="Film", minutes=1, upload=_upload("a.webm", WEBM),
        content_type="video/webm", captions="WEBVTT\n\n00:01.000 --> 00:02.000\nHej\n",
        captions_text="Hej",
    )  # fmt: skip


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_film_is_served_whole_with_accept_ranges(client, uploaded):
    response = client.get(uploaded.video_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "video/webm"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(WEBM))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _body(response) == WEBM


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-9", 0, 9),
        ("bytes=10-", 10, len(WEBM) - 1),
        ("bytes=-5", len(WEBM) - 5, len(WEBM) - 1),
        ("bytes=100-99999", 100, len(WEBM) - 1),
    ],
)
def test_range_request_answers_206_with_content_range(client, uploaded, header, first, last):
    response = client.get(uploaded.video_url(), HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(WEBM)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert _body(response) == WEBM[first : last + 1]


def test_unsatisfiable_range_answers_416(client, uploaded):
    response = client.get(uploaded.video_url(), HTTP_RANGE=f"bytes={len(WEBM)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(WEBM)}"


def test_an_absurd_range_gets_the_whole_film_not_an_error(client, uploaded):
    response = client.get(uploaded.video_url(), HTTP_RANGE="bytes=" + "9" * 5000 + "-")
    assert response.status_code == 200
    assert _body(response) == WEBM


def test_captions_are_served_as_webvtt(client, uploaded):
    response = client.get(uploaded.captions_url())
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response.content == b"WEBVTT\n\n00:01.000 --> 00:02.000\nHej\n"


def test_films_of_a_draft_are_not_served_to_others(client, member, stranger, draft):
    film = add_film(draft, member, title="Film", minutes=1, upload=_upload("a.webm", WEBM),
                    content_type="video/webm", captions=CAPTIONS)  # fmt: skip
    assert client.get(film.video_url()).status_code == 404
    client.force_login(stranger)
    assert client.get(film.video_url()).status_code == 404
    client.force_login(member)
    assert client.get(film.video_url()).status_code == 200


# The CSP and the placeholder ----------------------------------------------------------------


def test_frame_src_only_on_pages_with_a_film_elsewhere(client, member):
    method = MethodFactory(author=member, status=Status.PUBLISHED)
    other = MethodFactory(status=Status.PUBLISHED)
    add_film(method, member, title="Handledning i vardagen", minutes=6,
             url="https://play.orebro.se/film/handledning",
             embed_url="https://play.orebro.se/film/handledning")  # fmt: skip
    for attempt in ("miss", "hit"):  # rendered, then from the page cache
        response = client.get(method.get_absolute_url())
        assert response["X-Page-Cache"] == attempt
        policy = response["Content-Security-Policy"]
        assert "frame-src https://play.orebro.se" in policy
        assert "frame-ancestors 'none'" in policy
        page = response.content.decode()
        assert "<iframe" not in page
        assert 'data-embed="https://play.orebro.se/film/handledning"' in page
        assert "Visa filmen" in page
        assert "/static/js/film-embed.js" in page
    assert "frame-src" not in client.get(other.get_absolute_url())["Content-Security-Policy"]
    assert "frame-src" not in client.get("/fas/efterarbete/")["Content-Security-Policy"]


def test_phase_guide_shows_its_films(client, editor):
    phase = Phase.objects.get(slug="genomforande")
    add_film(phase, editor, title="Visa, gör, prova", minutes=5,
             url="https://vimeo.com/998877", embed_url="https://player.vimeo.com/video/998877",
             transcript="Handledaren visar först.")  # fmt: skip
    response = client.get(phase.get_absolute_url())
    assert "frame-src https://player.vimeo.com" in response["Content-Security-Policy"]
    page = response.content.decode()
    assert "Visa, gör, prova" in page and "Handledaren visar först." in page


# Search -------------------------------------------------------------------------------------


def test_caption_and_transcript_words_reach_the_method_search(member):
    method = MethodFactory(author=member, status=Status.PUBLISHED)
    add_film(method, member, title="Film", minutes=1, url="https://vimeo.com/1",
             embed_url="https://player.vimeo.com/video/1",
             captions="WEBVTT\n\n00:01.000 --> 00:02.000\nPotatisskalare\n",
             captions_text="Potatisskalare", transcript="Diskmaskinsrutiner")  # fmt: skip
    method.refresh_from_db()
    assert "potatisskalare" in method.search_text
    assert "diskmaskinsrutiner" in method.search_text
    assert Method.objects.filter(pk=method.pk).exists()


def test_a_method_deleted_for_good_takes_its_films_and_files(
    member, draft, django_capture_on_commit_callbacks
):
    film = add_film(
        draft, member, title="Film", minutes=1, upload=_upload("a.webm", WEBM),
        content_type="video/webm", captions=CAPTIONS,
    )  # fmt: skip
    name = film.file.name
    with django_capture_on_commit_callbacks(execute=True):
        Method.objects.filter(pk=draft.pk).delete()
    assert not Film.objects.exists()
    assert not default_storage.exists(name)
