"""Addresses answered in JSON, errors included: the read API (the api app, under /api/).

The site-wide error answers (the 400 for a NUL character, the 404 of an address no route
matches) are HTML pages; a client of the API gets the same answer as JSON in the API's error
shape, {"detail": "..."}, so every answer under /api/ is what its OpenAPI schema says.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

API_PREFIX = "/api/"


def answers_in_json(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": str(message)}, status=status)
