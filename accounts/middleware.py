"""Editors and administrators set up two-factor authentication before they do anything else.

Their accounts can publish, hide and delete for everyone, so a guessed or leaked password must
not be enough. With settings.MFA_REQUIRED_FOR_STAFF on, a signed-in editor, staff member or
superuser without an activated TOTP authenticator is sent to the activation page from every
page except the few needed to get there (or to leave).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User

# Pages a user without two-factor authentication must still reach: the setup itself (allauth
# asks for the password again before activation, and refuses while an e-mail address is
# unverified), leaving, the health check and the language switcher.
EXEMPT_URL_NAMES = frozenset(
    {
        "account_logout",
        "account_reauthenticate",
        "account_email",
        "account_confirm_email",
        "account_email_verification_sent",
        "healthz",
        "set_language",
    }
)
EXEMPT_VIEW_NAMES = frozenset({"admin:logout"})


def must_set_up_mfa(user) -> bool:
    """Whether this user is required to, and has not yet, activated a TOTP authenticator.

    The session's user comes loaded with both answers ("in the editors' group?", "has
    TOTP?": User.objects.signed_in, through accounts.backends), so the check costs no query;
    a user loaded otherwise gets them in one (User.objects.known_flags).
    """
    if not user.is_authenticated:
        return False
    privileged = user.is_staff or user.is_superuser
    if not privileged and getattr(user, "_is_editor", None) is False:
        return False
    User.objects.known_flags(user)
    return (privileged or user.is_editor) and not user._has_totp


def _is_exempt(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    if (match.url_name or "").startswith("mfa_") or match.url_name in EXEMPT_URL_NAMES:
        return True
    if match.view_name in EXEMPT_VIEW_NAMES:
        return True
    # Static files never get here (whitenoise answers them first); media does under DEBUG.
    return request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL))


class StaffMFARequiredMiddleware:
    """Redirect editors and administrators without TOTP to the activation page.

    Placed after allauth's AccountMiddleware: that one opens allauth's request context, which
    the MFA pages rely on, and turns allauth's reauthentication exceptions into redirects. The
    check runs in process_view, once the URL is resolved, so exemptions go by URL name rather
    than by path, and before the view so that no editor action runs without the second factor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not settings.MFA_REQUIRED_FOR_STAFF or _is_exempt(request):
            return None
        if not must_set_up_mfa(request.user):
            return None
        messages.warning(
            request,
            _(
                "Redaktörer och administratörer måste använda tvåstegsverifiering. "
                "Aktivera den med en autentiseringsapp i mobilen innan du fortsätter."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_activate_totp"))
