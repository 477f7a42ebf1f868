"""Uploaded films and their captions, served by the app with HTTP range requests.

A browser's video player asks for a film in pieces (Range: bytes=start-end) to start playing
at once and to jump in it; the answer is 206 Partial Content with Content-Range. The file is
read from the configured media storage, so the same view works with object storage. Only a
single range is answered; anything else gets the whole file (RFC 9110 allows ignoring Range).
"""

from __future__ import annotations

import re

from django.core.files.storage import default_storage
from django.http import HttpResponse, StreamingHttpResponse

CHUNK = 64 * 1024
# At most 18 digits a side (files are far smaller): a header of thousands of digits is no
# range we answer, and int() of it would raise.
_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")


def byte_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """(first, last) of a single satisfiable range, None when the header asks for no single
    range we answer (serve the whole file), False when it is unsatisfiable (416)."""
    match = _RANGE.match(header.strip())
    if match is None:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return False
    return start, end


def _chunks(name: str, start: int, length: int):
    with default_storage.open(name, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data


def stored_file_response(request, name: str, content_type: str) -> HttpResponse:
    size = default_storage.size(name)
    wanted = (
        byte_range(request.headers.get("Range", ""), size) if "Range" in request.headers else None
    )
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    start, end = wanted if wanted else (0, size - 1)
    length = max(end - start + 1, 0)
    response = StreamingHttpResponse(
        _chunks(name, start, length) if request.method != "HEAD" else iter(()),
        status=206 if wanted else 200,
        content_type=content_type,
    )
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    if wanted:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
