"""The user model: e-mail is the login, a display name is what others see."""

from functools import cache

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.compiled import KEY_MARKER, CompiledQuery
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

    def signed_in(self, pk) -> "User | None":
        """The user with this key and, from the same query, what nearly every page asks about
        a signed-in user: in the editors' group? (base.html asks on every page), an activated
        TOTP authenticator? (the two-factor check, accounts.middleware) and their companies
        (the method page offers a report for them: companies.services.companies_of). The
        session's user is loaded this way (accounts.backends), so a signed-in page asks none
        of the three again."""
        # As .filter(pk=pk) would: a key from the session is a string.
        rows = _signed_in_rows().fetch(pk=User._meta.pk.get_prep_value(pk))
        if not rows:
            return None
        user = rows[0]
        user._is_editor = user.in_editor_group
        user._has_totp = user.has_totp
        user._companies = [
            {"name": row.company_name, "slug": row.company_slug} for row in rows if row.company_slug
        ]
        return user

    def known_flags(self, user: "User") -> "User":
        """Leave signed_in()'s answers on a user loaded some other way (one query), unless
        they are there already. Returns the user."""
        if getattr(user, "_has_totp", None) is None:
            loaded = self.signed_in(user.pk)
            user._is_editor = loaded._is_editor if loaded else False
            user._has_totp = loaded._has_totp if loaded else False
            user._companies = loaded._companies if loaded else []
        return user


@cache
def _signed_in_rows() -> CompiledQuery:
    """UserManager.signed_in's query, compiled once per process and run with the user's key
    (core.compiled): building and compiling its EXISTS and joins took longer than running it."""
    # allauth's models import the user model: loaded after ours, not while ours load.
    from allauth.mfa.models import Authenticator

    rows = (
        User.objects.annotate(
            in_editor_group=Exists(
                User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=EDITOR_GROUP)
            ),
            has_totp=Exists(
                Authenticator.objects.filter(user_id=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
            company_name=F("memberships__company__name"),
            company_slug=F("memberships__company__slug"),
        )
        # One row per company the user belongs to (a user belongs to a few), by name.
        .order_by("company_name")
    )
    return CompiledQuery(rows.filter(pk=KEY_MARKER), {"pk": KEY_MARKER})


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
