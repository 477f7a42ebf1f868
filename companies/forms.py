"""Forms for managing a company's members. They validate; the services do the work."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import MembershipRole
from .models import Company
from .services import is_member_address


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=254,
        help_text=_("Personen får ett mejl med en länk. Länken gäller i 14 dagar."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Roll"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        help_text=_(
            "Företagsadministratörer kan ändra företagets uppgifter och hantera medlemmar."
        ),
    )

    def __init__(self, *args, company: Company, **kwargs):
        self.company = company
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if is_member_address(self.company, email):
            raise forms.ValidationError(
                _("%(email)s är redan medlem i företaget. Ändra rollen i listan i stället."),
                code="already_member",
                params={"email": email},
            )
        return email


class RoleForm(forms.Form):
    """One per row of the member list; the label names the member for screen readers."""

    role = forms.ChoiceField(label=_("Roll"), choices=MembershipRole.choices)

    def __init__(self, *args, member_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if member_name:
            self.fields["role"].label = _("Roll för %(name)s") % {"name": member_name}
