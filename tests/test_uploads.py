"""Image uploads: the decoded size is checked on the header, before a pixel is decoded.

A small file can describe a huge image: a 310 KB 16-bit PNG of 6,320 x 6,320 pixels took 8 s and
380 MB per upload. These tests build such files cheaply (a small image whose IHDR chunk is then
rewritten), so they never allocate the memory they are about.
"""

import io
import json
import struct
import tracemalloc
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from core import uploads

SMALL_PNGS = {}
for _mode in ("I;16", "L"):
    _out = io.BytesIO()
    Image.new(_mode, (8, 8)).save(_out, "PNG")
    SMALL_PNGS[_mode] = _out.getvalue()


def png_claiming(width: int, height: int, mode: str = "I;16") -> bytes:
    """A valid small PNG whose header then claims `width` x `height` (CRC fixed up).

    Built from a PNG saved at import time, so it decodes nothing while a test counts decodes.
    """
    data = bytearray(SMALL_PNGS[mode])
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


@pytest.fixture
def loads(monkeypatch):
    """Counts every pixel decode (Image.load and ImageFile.load)."""
    calls = []
    for cls in (Image.Image, ImageFile.ImageFile):
        original = cls.load

        def counting(self, _original=original):
            calls.append(self.size)
            return _original(self)

        monkeypatch.setattr(cls, "load", counting)
    return calls


def test_the_counter_sees_a_real_decode(loads):
    Image.open(io.BytesIO(SMALL_PNGS["L"])).load()
    assert loads and set(loads) == {(8, 8)}


def test_decoded_bytes_follow_the_mode():
    assert uploads.decoded_bytes("I;16", 6320, 6320) == 6320 * 6320 * 2
    assert uploads.decoded_bytes("RGB", 10, 10) == 400  # Pillow keeps RGB in 4 bytes a pixel
    assert uploads.decoded_bytes("RGBA", 10, 10) == 400
    assert uploads.decoded_bytes("L", 10, 10) == 100
    assert uploads.decoded_bytes("P", 10, 10) == 100
    assert uploads.decoded_bytes("I", 10, 10) == 400
    assert uploads.decoded_bytes("no-such-mode", 10, 10) == 800


def test_the_reported_16_bit_png_is_refused_from_its_header(loads):
    data = png_claiming(6320, 6320)
    assert len(data) < 1000
    tracemalloc.start()
    try:
        with pytest.raises(uploads.ImageRejected) as refused:
            uploads.clean_image(data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(refused.value) == (
        "Bilden har för många pixlar. Största tillåtna storlek är ungefär 4096 × 4096 pixlar. "
        "Minska bilden och försök igen."
    )
    assert loads == []  # not one pixel decoded
    assert peak < 2 * 1024 * 1024  # far from the 80 MB the pixels would take


def test_a_16_bit_png_over_the_decoded_bytes_limit_is_refused_below_the_pixel_limit(
    loads, settings
):
    # 4,000 x 4,000 is within 4,096 x 4,096 pixels, but 16 bits a pixel make 32 MB: with a
    # 24 MB limit it is refused, a 8-bit greyscale image of the same size (16 MB) is not.
    settings.IMAGE_MAX_DECODED_BYTES = 24 * 1024 * 1024
    with pytest.raises(uploads.ImageRejected):
        uploads.clean_image(png_claiming(4000, 4000, "I;16"))
    assert loads == []
    image = Image.open(io.BytesIO(png_claiming(4000, 4000, "L")))
    uploads.check_dimensions(image)  # no exception
    assert loads == []


def test_the_upload_view_answers_400_with_the_message_and_stores_nothing(
    client, member, loads, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)
    response = client.post(
        "/markdownx/upload/",
        {"image": SimpleUploadedFile("bild.png", png_claiming(6320, 6320), "image/png")},
    )
    assert response.status_code == 400
    assert json.loads(response.content) == {
        "image": [
            "Bilden har för många pixlar. Största tillåtna storlek är ungefär 4096 × 4096 "
            "pixlar. Minska bilden och försök igen."
        ]
    }
    assert loads == []
    assert list(tmp_path.iterdir()) == []


def test_an_image_within_the_limits_is_still_accepted(settings):
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(out, "PNG")
    cleaned, extension = uploads.clean_image(out.getvalue())
    assert extension == "png"
    assert Image.open(io.BytesIO(cleaned)).size == (64, 48)


def test_a_jpeg_over_the_limit_is_decoded_at_a_reduced_scale(settings):
    # Like a 24-megapixel phone photo against the 16.8-megapixel limit: the JPEG decoder scales
    # down while decoding, so the full-size pixels are never held.
    settings.IMAGE_MAX_PIXELS = 100 * 100
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(out, "JPEG")
    cleaned, extension = uploads.clean_image(out.getvalue())
    assert extension == "jpg"
    assert Image.open(io.BytesIO(cleaned)).size == (75, 50)  # a quarter: half is still 15,000


def test_a_png_over_the_limit_is_refused_not_scaled(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(out, "PNG")
    with pytest.raises(uploads.ImageRejected):
        uploads.clean_image(out.getvalue())
