"""Who the read API answers: everyone alike, as a signed-out reader.

The API is anonymous-public. A request that carries a session cookie (an editor's, a member's)
is answered exactly as one without: every read goes through the owning app's visibility rule
(Method.objects.visible_to, ExperienceReport.objects.visible_to) with this reader, so nothing
unpublished, archived, binned or private is ever reachable here, whoever asks.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest


def api_reader(request: HttpRequest) -> AnonymousUser:
    """The user every API read is decided for: a signed-out reader, whatever the request
    carries."""
    return AnonymousUser()
