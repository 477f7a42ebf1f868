"""Site-wide views that belong to no domain app: the language switch, the markdownx live
preview, the health check for load balancers and the error pages (handler403/404/500)."""

from __future__ import annotations

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.template import loader
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from .apipaths import answers_in_json, json_error
from .middleware import database_unavailable, is_database_unavailable
from .ratelimit import ratelimited
from .rendering import markdown_problem, render_markdown


@never_cache
@require_safe
def choose_language(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """Switch the interface language with a plain link, then go back to the page.

    A link rather than Django's POST form: pages for anonymous readers then carry no CSRF
    token, so they need no cookie and cost less to serve from the page cache. The only effect
    is a language preference cookie, so there is nothing for a forged request to gain.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


# The editor asks for a preview after each pause in typing (markdownx waits 500 ms), so a busy
# writer sends well under this many; each preview's work is bounded by core.rendering.
PREVIEW_RATE = 120
PREVIEW_PERIOD = 60


def _preview_message(message: str, status: int) -> HttpResponse:
    """markdownx shows whatever the preview answers, whatever the status: a short notice."""
    return HttpResponse(
        format_html('<p class="preview-error" role="alert">{}</p>', message), status=status
    )


def _too_many_previews(request: HttpRequest, retry_seconds: int) -> HttpResponse:
    response = _preview_message(
        _("Förhandsvisningen pausas en stund. Din text finns kvar; fortsätt skriva."), 429
    )
    response["Retry-After"] = str(retry_seconds)
    return response


@login_required
@require_POST
@ratelimited("preview", PREVIEW_RATE, PREVIEW_PERIOD, key="user", respond=_too_many_previews)
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The markdownx live preview, through the same sanitising renderer as stored text. Text
    beyond the renderer's bounds gets the same message the form will give, with a 400."""
    content = request.POST.get("content")
    if content is None:
        return HttpResponseBadRequest("content saknas")
    problem = markdown_problem(content)
    if problem:
        return _preview_message(problem, 400)
    return HttpResponse(render_markdown(content))


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 when the database answers, 503 when it does not. No session,
    no template, so it stays fast."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("databasen svarar inte", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    if answers_in_json(request):
        return json_error(_("Finns inte, eller är inte publicerad."), 404)
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    """403: signed in, but this page is not for this account."""
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. Database errors raised outside a view (a middleware's process_view reading
    request.user, a session saved on the way out) never reach DatabaseUnavailableMiddleware's
    process_exception; Django hands them to this handler while the exception is being handled,
    so they still get the 503 page. Any other error gets the 500 page, rendered without context
    processors that touch the database: the error may be the database itself."""
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable()
    return HttpResponse(loader.get_template("500.html").render({}), status=500)
