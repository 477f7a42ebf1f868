"""The user model: e-mail is the login, a display name is what others see."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.roles import EDITOR_GROUP


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str) -> "User":
        # E-mail addresses are stored in lower case; logins must not depend on case.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-postadress"), unique=True)
    display_name = models.CharField(
        _("visningsnamn"),
        max_length=120,
        blank=True,
        help_text=_("Namnet som visas vid dina bidrag och kommentarer."),
    )
    is_staff = models.BooleanField(
        _("personal"),
        default=False,
        help_text=_("Får logga in i administrationen."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    date_joined = models.DateTimeField(_("registrerad"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = pgettext_lazy("plural", "användare")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.public_name

    def save(self, *args, **kwargs):
        # One account per address, whatever case it was typed in (admin, allauth, shell).
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    @property
    def public_name(self) -> str:
        """What others see: the display name, or the part of the address before the @."""
        return self.display_name or self.email.split("@", 1)[0]

    def get_full_name(self) -> str:
        return self.public_name

    def get_short_name(self) -> str:
        return self.public_name

    @property
    def is_editor(self) -> bool:
        """Editors curate the handbook: superusers and members of the editor group."""
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        cached = getattr(self, "_is_editor", None)
        if cached is None:
            cached = self.groups.filter(name=EDITOR_GROUP).exists()
            self._is_editor = cached
        return cached
