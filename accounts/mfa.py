"""allauth.mfa in the site's words: Swedish errors and code fields that phones fill in well.

Wired in through MFA_ADAPTER and MFA_FORMS in settings; allauth keeps doing the checking, the
rate limiting and the storing.
"""

from __future__ import annotations

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": _(
            "Du kan inte lägga till en e-postadress till ett konto som skyddas av "
            "tvåstegsverifiering."
        ),
        "cannot_delete_authenticator": _("Du kan inte stänga av tvåstegsverifieringen."),
        "cannot_generate_recovery_codes": _(
            "Aktivera tvåstegsverifiering först; därefter kan du skapa återställningskoder."
        ),
        "incorrect_code": _(
            "Koden stämmer inte. Skriv den kod som appen visar just nu, eller en av dina "
            "oanvända återställningskoder."
        ),
        "unverified_email": _(
            "Bekräfta din e-postadress innan du aktiverar tvåstegsverifiering: klicka på "
            "länken i mejlet vi skickade."
        ),
    }


def _numeric_code_field(label, help_text="") -> forms.CharField:
    """A code field a phone opens with the digit keyboard and fills from an SMS or app."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=20,
        error_messages={"required": _("Skriv koden.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
                "size": "10",
            }
        ),
    )


class _SpacesAllowed:
    """Apps show codes as '123 456'; people type them that way."""

    def clean_code(self) -> str:
        self.cleaned_data["code"] = "".join(self.cleaned_data["code"].split())
        return super().clean_code()


class SiteActivateTOTPForm(_SpacesAllowed, ActivateTOTPForm):
    code = _numeric_code_field(
        _("Kod från appen"),
        _("Sex siffror. Appen visar en ny kod var 30:e sekund."),
    )

    def clean_code(self) -> str:
        try:
            return super().clean_code()
        except ValidationError as error:
            if error.code != "incorrect_code":
                raise
            # There are no recovery codes yet: the usual message would mislead here.
            raise ValidationError(
                _(
                    "Koden stämmer inte. Skriv den sexsiffriga kod som appen visar just nu. "
                    "Kontrollera att mobilens klocka går rätt om felet återkommer."
                ),
                code="incorrect_code",
            ) from error


class SiteAuthenticateForm(_SpacesAllowed, AuthenticateForm):
    code = _numeric_code_field(
        _("Kod"),
        _("Sex siffror från autentiseringsappen, eller en av dina återställningskoder."),
    )


class SiteReauthenticateForm(_SpacesAllowed, ReauthenticateForm):
    code = _numeric_code_field(
        _("Kod"),
        _("Sex siffror från autentiseringsappen, eller en av dina återställningskoder."),
    )
