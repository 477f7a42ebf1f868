from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import User

# The default permissions' actions, as the admin names them (Django stores "Can add ...").
PERMISSION_ACTIONS = {
    "add": _("Kan lägga till %(model)s"),
    "change": _("Kan ändra %(model)s"),
    "delete": _("Kan ta bort %(model)s"),
    "view": _("Kan se %(model)s"),
}


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    """Permissions labelled "app | model | Kan lägga till model" in the reader's language."""

    def label_from_instance(self, obj) -> str:
        content_type = obj.content_type
        model = content_type.model_class()
        if model is None:
            return str(obj)
        action = obj.codename.removesuffix(f"_{content_type.model}")
        name = (
            PERMISSION_ACTIONS[action] % {"model": model._meta.verbose_name}
            if action in PERMISSION_ACTIONS and action != obj.codename
            else obj.name
        )
        return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name} | {name}"


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


class DeleteAccountForm(forms.Form):
    """The password once more, so nobody else at an unlocked computer can delete the account."""

    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Skriv lösenordet du loggar in med, för att visa att det är du."),
        error_messages={"required": _("Skriv ditt lösenord för att radera kontot.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Lösenordet stämmer inte. Skriv samma lösenord som när du loggar in."),
                code="wrong_password",
            )
        return password
