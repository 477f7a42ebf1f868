from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .forms import PermissionChoiceField, UserChangeAdminForm, UserCreationAdminForm
from .models import User


class SwedishPermissionNames:
    """Permissions named in the admin's language ("Kan lägga till metod"): Django stores their
    names once, in English ("Can add metod"), and shows them as stored."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in {"permissions", "user_permissions"}:
            kwargs["form_class"] = PermissionChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(SwedishPermissionNames, BaseGroupAdmin):
    pass


@admin.register(User)
class UserAdmin(SwedishPermissionNames, BaseUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profil"), {"fields": ("display_name",)}),
        (
            _("Behörigheter"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Datum"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")},
        ),
    )
    readonly_fields = ["last_login", "date_joined"]
