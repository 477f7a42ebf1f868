"""Image uploads for method texts: only real images, re-encoded without metadata.

A file is accepted only if Pillow decodes it fully as JPEG, PNG, GIF or WebP within the size and
pixel limits. It is then re-encoded (which drops EXIF, including GPS position, and anything
hidden after the image data) and stored under a random name.

The limits are checked on the header, before a single pixel is decoded: a small file can
describe a huge image (a 310 KB PNG of 6,320 x 6,320 16-bit pixels decodes to 80 MB and took 8 s
and 380 MB of memory per upload). The decoded size is width x height x the bytes Pillow keeps per
pixel for the file's mode. A JPEG that is too large is decoded at a reduced scale instead (the
JPEG decoder scales by 1/2, 1/4 or 1/8 for free), so a large phone photo still goes in.
"""

from __future__ import annotations

import io
import math
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image, ImageMode, ImageOps, UnidentifiedImageError

from .ratelimit import ratelimited
from .upload_limits import upload_limits

FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


class ImageRejected(ValueError):
    """The upload is not an acceptable image; the message is shown to the user."""


def decoded_bytes(mode: str, width: int, height: int) -> int:
    """The memory Pillow needs for the decoded pixels of an image in `mode`.

    Pillow keeps every multi-band 8-bit mode (RGB, RGBA, LA, CMYK, ...) in 4 bytes per pixel;
    single-band modes take their sample size (1 for "1", "L" and "P", 2 for "I;16", 4 for "I"
    and "F"). An unknown mode counts 8 bytes, so it errs on the side of refusing.
    """
    try:
        description = ImageMode.getmode(mode)
    except KeyError:
        per_pixel = 8
    else:
        sample = int(description.typestr[2:] or 1)
        per_pixel = 4 * sample if len(description.bands) > 1 else sample
    return width * height * per_pixel


def _too_large() -> ImageRejected:
    side = math.isqrt(settings.IMAGE_MAX_PIXELS)
    return ImageRejected(
        _(
            "Bilden har för många pixlar. Största tillåtna storlek är ungefär %(side)s × "
            "%(side)s pixlar. Minska bilden och försök igen."
        )
        % {"side": side}
    )


def check_dimensions(image: Image.Image) -> None:
    """Refuse, from the header alone, an image whose decoded pixels exceed the limits.

    A JPEG is first set to decode at the smallest reduced scale that fits (Image.draft), which
    costs nothing; other formats cannot be decoded smaller and are refused.
    """

    def fits(mode: str, width: int, height: int) -> bool:
        return (
            width * height <= settings.IMAGE_MAX_PIXELS
            and decoded_bytes(mode, width, height) <= settings.IMAGE_MAX_DECODED_BYTES
        )

    width, height = image.size
    if not fits(image.mode, width, height) and image.format == "JPEG":
        for scale in (2, 4, 8):
            # The decoder rounds the scaled size up.
            if fits(image.mode, math.ceil(width / scale), math.ceil(height / scale)):
                image.draft(image.mode, (width // scale, height // scale))
                break
    if not fits(image.mode, *image.size):
        raise _too_large()


def clean_image(data: bytes) -> tuple[bytes, str]:
    """Decode, check and re-encode an image. Returns the new bytes and the file extension."""
    limit = settings.MARKDOWNX_UPLOAD_MAX_SIZE
    if len(data) > limit:
        raise ImageRejected(
            _("Bilden är för stor. Största tillåtna storlek är %(mb)s MB.")
            % {"mb": round(limit / 1024 / 1024, 1)}
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            # Image.open reads only the header: format, mode and size. Check them before
            # anything reads further.
            if probe.format not in FORMATS:
                raise ImageRejected(
                    _("Bara bilder i formaten JPEG, PNG, GIF och WebP går att ladda upp.")
                )
            check_dimensions(probe)
            probe.verify()  # structure and checksums, before decoding pixels
        image = Image.open(io.BytesIO(data))
        check_dimensions(image)  # the same header again; sets the JPEG scale on this object
        image.load()
    except ImageRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRejected(
            _("Filen är inte en bild som går att läsa. Välj en bild i JPEG, PNG, GIF eller WebP.")
        ) from None
    image_format = image.format
    image = ImageOps.exif_transpose(image)  # keep the orientation the camera recorded
    out = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    elif image_format == "GIF":
        image.save(out, "GIF")  # first frame only: no animations in a handbook
    elif image_format == "WEBP":
        image.save(out, "WEBP", quality=85)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue(), FORMATS[image_format]


def store_image(data: bytes) -> str:
    """Clean and store an image; returns its public URL."""
    cleaned, extension = clean_image(data)
    name = f"{settings.MARKDOWNX_MEDIA_PATH}{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"
    saved = default_storage.save(name, ContentFile(cleaned))
    return default_storage.url(saved)


def _too_many_uploads(request: HttpRequest, retry_seconds: int) -> JsonResponse:
    """Over the upload limit: the editor expects JSON, so the message goes where errors go."""
    response = JsonResponse(
        {
            "image": [
                _(
                    "Du har laddat upp många bilder på kort tid. Vänta några minuter och "
                    "försök sedan igen."
                )
            ]
        },
        status=429,
    )
    response["Retry-After"] = str(retry_seconds)
    return response


@login_required
@require_POST
@ratelimited(
    "upload", "RATELIMIT_UPLOAD", "RATELIMIT_UPLOAD_PERIOD", key="user", respond=_too_many_uploads
)
@upload_limits(image="MARKDOWNX_UPLOAD_MAX_SIZE")
def image_upload(request: HttpRequest) -> JsonResponse:
    """The markdownx editor's upload endpoint, answering in the JSON it expects."""
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"image": [_("Välj en bild att ladda upp.")]}, status=400)
    if upload.size > settings.MARKDOWNX_UPLOAD_MAX_SIZE:
        # Refuse before reading a huge file into memory.
        return JsonResponse({"image": [str(ImageRejected(_("Bilden är för stor.")))]}, status=400)
    try:
        url = store_image(upload.read())
    except ImageRejected as error:
        return JsonResponse({"image": [str(error)]}, status=400)
    # No alternative text yet: the editor asks for one, and a save without it is refused
    # (core.rendering.validate_image_alt_text). A placeholder would be saved as if it were one.
    return JsonResponse({"image_code": f"![]({url})"})
