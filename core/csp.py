"""Per-response changes to the site's Content-Security-Policy.

The site's policy (settings.SECURE_CSP) allows no frames from other sites. A page that shows a
film from another site allows exactly that film's player origin as a frame source, on that
response only (Django's per-response override, the attribute its csp_override decorator sets).
The page cache keeps the frame sources with the page, so a cached copy sends the same policy.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse


def allow_frames(response: HttpResponse, sources: Iterable[str]) -> HttpResponse:
    """Let this response's page frame the given origins (https://host); nothing else."""
    origins = sorted({source for source in sources if source})
    if origins:
        config = dict(getattr(response, "_csp_config", None) or settings.SECURE_CSP)
        config["frame-src"] = origins
        response._csp_config = config
        response.frame_sources = tuple(origins)
    return response
