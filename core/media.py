"""Uploaded images served by Django itself, when settings.SERVE_MEDIA says so.

Normally the proxy or object storage serves media. SERVE_MEDIA is for installations without
that: a small single server, or several app servers sharing one media folder (docs/deploy.md).
Only files under MEDIA_ROOT/uploads/ with an image extension are served, with a content type
taken from the extension (never guessed from the bytes) and nosniff, so an upload cannot become
a page of this site. The view never touches the database or the session: images still load
while the database is down.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest
from django.utils._os import safe_join
from django.views.decorators.http import require_safe

# The formats core/uploads.py stores (it re-encodes every upload to one of these).
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
# Names are random (uuid4), so a name never points to other bytes later; a day keeps a deleted
# image from lingering long in caches.
MAX_AGE = 24 * 60 * 60


def uploads_root() -> Path:
    return (Path(settings.MEDIA_ROOT) / settings.MARKDOWNX_MEDIA_PATH).resolve()


@require_safe
def uploaded_image(request: HttpRequest, path: str) -> FileResponse:
    if not (settings.SERVE_MEDIA or settings.DEBUG):
        raise Http404
    content_type = CONTENT_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None:
        raise Http404
    root = uploads_root()
    try:
        # safe_join refuses "..", absolute paths and anything else outside the root; resolve()
        # then follows symlinks, and the result must still lie inside the root.
        full = Path(safe_join(root, path)).resolve()
    except (SuspiciousFileOperation, ValueError):
        raise Http404 from None
    if not full.is_relative_to(root) or not full.is_file():
        raise Http404
    response = FileResponse(full.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
