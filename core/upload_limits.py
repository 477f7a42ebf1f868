"""How much of an uploaded file the site reads: at most what the view it is sent to accepts.

Django spools every file part of a multipart body to a temporary file before any view runs
(the first middleware to read request.POST parses the whole body), so a form that refuses a
file over 500 MB would still have had 50 GB written to disk first, and any address that takes
a POST (a comment, a login) would spool whatever file was sent with it.

A view that takes files declares, per form field, the setting that holds the largest file it
accepts (`@upload_limits(file="FILM_MAX_BYTES")`). `BoundedUploadHandler`, first in
FILE_UPLOAD_HANDLERS, passes a file on to Django's own handlers only while it is within that
limit; past it, the rest of the file is read and dropped, and the form receives a
`RefusedUpload` of the file's real size and no content. The view's own size check then refuses
it with its usual message, and the form is shown again with everything else that was typed. A
file sent to a field no view declared is never kept.

What this does not bound is the time spent reading a body: the proxy's body size limit and
timeouts do that (docs/deploy.md).
"""

from __future__ import annotations

import io
from collections.abc import Callable

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import Resolver404, resolve


def upload_limits(**fields: str) -> Callable:
    """Declare on a view the setting holding the largest file each named field accepts. Put it
    next to `def`: the decorators above copy the declaration onto their wrappers."""

    def declare(view: Callable) -> Callable:
        view.upload_limits = dict(fields)
        return view

    return declare


def declared_limits(path: str, urlconf=None) -> dict[str, int]:
    """The limits, in bytes, that the view at this path declared (none: it takes no files)."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return {}
    return {
        field: getattr(settings, setting)
        for field, setting in getattr(match.func, "upload_limits", {}).items()
    }


class RefusedUpload(UploadedFile):
    """A file that was larger than its field accepts: its name, type and real size, no bytes."""

    def __init__(self, name: str, content_type: str, size: int, charset=None) -> None:
        super().__init__(io.BytesIO(), name, content_type, size, charset)


class BoundedUploadHandler(FileUploadHandler):
    """First of the upload handlers: hands each file's bytes on while the file is within its
    field's limit, and answers a RefusedUpload for a file past it."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # Parsed before the URL is resolved (a middleware reads request.POST): resolve it here.
        self.limits = declared_limits(
            self.request.path_info, getattr(self.request, "urlconf", None)
        )

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.limit = self.limits.get(self.field_name, 0)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            return None  # read and dropped: the handlers after this one never see it
        return raw_data

    def file_complete(self, file_size: int) -> RefusedUpload | None:
        if self.received > self.limit:
            return RefusedUpload(self.file_name, self.content_type, self.received, self.charset)
        return None  # within the limit: the next handler holds the file
