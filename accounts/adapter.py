"""The site's allauth account adapter.

A `next` given at signup (or at a login that sends a new confirmation mail) rides along in the
confirmation link, so confirming the address leads back to where the person came from, also in
another browser: an invited person lands on the invitation again. Only a path on this site is
carried; allauth checks the `next` once more when the link is used.

Failed logins are counted per account *and* address. allauth's "key" limit on failed logins
counts per account alone, so anyone could lock a user out by typing wrong passwords for their
e-mail address (ten tries, five minutes locked, again and again). With the client's address in
the key, an attacker locks only themselves out; the per-address limit ("10/m/ip") still bounds
what one address may try against all accounts together.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.utils import get_request_param
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from core.ratelimit import client_ip


def local_next(url: str | None) -> str | None:
    """`url` if it is a path on this site (``/foretag/inbjudan/…``), otherwise None.

    Stricter than allauth's own check, which also accepts absolute URLs on the allowed hosts:
    what goes into a mail is a path, never a scheme or a host, so a signup link with an
    attacker's `next` cannot make the site's own mail point elsewhere.
    """
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return None
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=set()):
        return None
    return url


class AccountAdapter(DefaultAccountAdapter):
    def get_email_confirmation_url(self, request: HttpRequest | None, emailconfirmation) -> str:
        url = super().get_email_confirmation_url(request, emailconfirmation)
        # The signup's (or login's) `next`, from its form or its address; no request, no next.
        next_url = local_next(get_request_param(request, REDIRECT_FIELD_NAME))
        if next_url is None:
            return url
        return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # Used by allauth for the login_failed limit: counting, rolling back on success and
        # clearing after a password reset all go through here.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{client_ip(request)}"
