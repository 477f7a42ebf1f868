"""Uploaded images served by Django when SERVE_MEDIA is on: images only, never outside uploads/."""

import io

import pytest
from PIL import Image


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = True
    uploads = settings.MEDIA_ROOT / "uploads" / "2026" / "11"
    uploads.mkdir(parents=True)
    buffer = io.BytesIO()
    Image.new("RGB", (3, 2), "teal").save(buffer, "PNG")
    (uploads / "bild.png").write_bytes(buffer.getvalue())
    (uploads / "sida.html").write_text("<script>alert(1)</script>")
    (settings.MEDIA_ROOT / "hemlig.png").write_bytes(buffer.getvalue())
    (tmp_path / "utanfor.png").write_bytes(buffer.getvalue())
    (uploads / "lank.png").symlink_to(tmp_path / "utanfor.png")
    return buffer.getvalue()


def test_uploaded_image_is_served_with_its_type_and_nosniff(client, media):
    response = client.get("/media/uploads/2026/11/bild.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == media
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=86400"


def test_nothing_is_served_when_serve_media_is_off(client, media, settings):
    settings.SERVE_MEDIA = False
    assert client.get("/media/uploads/2026/11/bild.png").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/media/uploads/../hemlig.png",
        "/media/uploads/%2e%2e/hemlig.png",
        "/media/uploads/2026/11/..%2f..%2f..%2fhemlig.png",
        "/media/uploads/..%5chemlig.png",
        "/media/uploads//etc/passwd.png",
        "/media/uploads/2026/11/lank.png",
        "/media/uploads/2026/11/sida.html",
        "/media/uploads/2026/11/saknas.png",
        "/media/uploads/2026/11/",
    ],
)
def test_paths_outside_uploads_or_not_images_are_404(client, media, path):
    assert client.get(path).status_code == 404


def test_only_reading_is_allowed(client, media):
    assert client.post("/media/uploads/2026/11/bild.png").status_code == 405
    assert client.head("/media/uploads/2026/11/bild.png").status_code == 200
