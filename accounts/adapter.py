"""The site's allauth account adapter.

Failed logins are counted per account *and* address. allauth's "key" limit on failed logins
counts per account alone, so anyone could lock a user out by typing wrong passwords for their
e-mail address (ten tries, five minutes locked, again and again). With the client's address in
the key, an attacker locks only themselves out; the per-address limit ("10/m/ip") still bounds
what one address may try against all accounts together.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from core.ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # Used by allauth for the login_failed limit: counting, rolling back on success and
        # clearing after a password reset all go through here.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{client_ip(request)}"
