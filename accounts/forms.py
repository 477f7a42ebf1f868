from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import User


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name")


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class ProfileForm(forms.ModelForm):
    """What a user may change about themselves here; e-mail and password have allauth's pages."""

    class Meta:
        model = User
        fields = ("display_name",)
        labels = {"display_name": _("Visningsnamn")}
        help_texts = {
            "display_name": _(
                "Namnet som visas vid dina bidrag och kommentarer. Lämnar du det tomt visas "
                "början av din e-postadress."
            )
        }

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if "@" in name:
            raise forms.ValidationError(
                _("Skriv ett namn, inte en e-postadress. Namnet syns för alla."),
                code="looks_like_email",
            )
        return name
