"""Image uploads for method texts: only real images, re-encoded without metadata.

A file is accepted only if Pillow decodes it fully as JPEG, PNG, GIF or WebP within the size and
pixel limits. It is then re-encoded (which drops EXIF, including GPS position, and anything
hidden after the image data) and stored under a random name.
"""

from __future__ import annotations

import io
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image, ImageOps, UnidentifiedImageError

from .ratelimit import ratelimited

FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
MAX_PIXELS = 40_000_000


class ImageRejected(ValueError):
    """The upload is not an acceptable image; the message is shown to the user."""


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
            probe.verify()  # structure and checksums, before decoding pixels
        image = Image.open(io.BytesIO(data))
        if image.format not in FORMATS:
            raise ImageRejected(
                _("Bara bilder i formaten JPEG, PNG, GIF och WebP går att ladda upp.")
            )
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise ImageRejected(_("Bilden har för många pixlar. Minska den och försök igen."))
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
    return JsonResponse({"image_code": f"![{_('Beskriv bilden här')}]({url})"})
