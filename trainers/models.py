"""The trainers' guide (one page per phase of the handbook) and trainer profiles."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from companies.choices import County
from core.rendering import render_markdown, validate_markdown
from core.reversing import reverse
from methods.choices import Status

from .choices import TeachingLanguage, TrainerEntity, TrainerKind, TrainingFormat
from .permissions import visible_trainers_q


class TrainerGuidePage(models.Model):
    """ "För dig som utbildar i ett ASF": what an external trainer does in one phase.
    Edited by the editors in the admin, as the phase guides are; the Markdown is rendered
    through the one pipeline on save."""

    phase = models.OneToOneField(
        "methods.Phase",
        on_delete=models.CASCADE,
        related_name="trainer_guide",
        verbose_name=_("fas"),
    )
    summary = models.CharField(_("i en mening"), max_length=300)
    text = models.TextField(
        _("vägledning"), max_length=20_000, validators=[validate_markdown], help_text=_("Markdown.")
    )
    text_html = models.TextField(editable=False, blank=True)
    easy_read = models.TextField(
        _("lättläst text"),
        max_length=5_000,
        validators=[validate_markdown],
        help_text=_("Korta meningar och vanliga ord. Markdown."),
    )
    easy_read_html = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["phase__number"]
        verbose_name = _("sida i utbildarguiden")
        verbose_name_plural = _("utbildarguiden")

    def __str__(self) -> str:
        return str(self.phase)

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text)
        self.easy_read_html = render_markdown(self.easy_read)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("trainers:guide_phase", args=[self.phase.slug])


def _check_choices(value, choices: type[models.TextChoices]) -> None:
    if not isinstance(value, list) or any(v not in choices.values for v in value):
        raise ValidationError(_("Välj bara bland alternativen."), code="invalid_choice")


# Module-level functions, so that migrations can refer to them.
def validate_counties(value) -> None:
    _check_choices(value, County)


def validate_languages(value) -> None:
    _check_choices(value, TeachingLanguage)


def validate_formats(value) -> None:
    _check_choices(value, TrainingFormat)


class TrainerQuerySet(models.QuerySet):
    def approved(self) -> TrainerQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user) -> TrainerQuerySet:
        condition = visible_trainers_q(user)
        return self if condition is None else self.filter(condition)

    def awaiting_review(self) -> TrainerQuerySet:
        return self.filter(status=Status.SUBMITTED)


class Trainer(models.Model):
    """A person or an organisation that teaches in ASF. Applied for by a signed-in user (the
    profile's owner, who alone may edit it), approved by the editors before anyone else sees it.
    The contact address is never shown: readers write through the portal."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="trainer_profile",
        verbose_name=_("konto"),
    )
    name = models.CharField(_("namn"), max_length=120)
    slug = models.SlugField(_("adress"), max_length=140, unique=True)
    entity = models.CharField(
        _("person eller organisation"), max_length=20, choices=TrainerEntity.choices
    )
    kind = models.CharField(_("typ av utbildare"), max_length=20, choices=TrainerKind.choices)
    summary = models.CharField(
        _("kort presentation"),
        max_length=300,
        help_text=_("En eller två meningar om vad ni utbildar i och för vem."),
    )
    description = models.TextField(
        _("beskrivning"),
        max_length=10_000,
        blank=True,
        validators=[validate_markdown],
        help_text=_("Hur ni arbetar, erfarenhet av ASF, anpassningar. Markdown."),
    )
    description_html = models.TextField(editable=False, blank=True)
    competence_areas = models.ManyToManyField(
        "methods.CompetenceArea",
        related_name="trainers",
        verbose_name=_("kompetensområden"),
    )
    counties = models.JSONField(_("län"), default=list, validators=[validate_counties])
    languages = models.JSONField(
        _("undervisningsspråk"), default=list, validators=[validate_languages]
    )
    formats = models.JSONField(_("former"), default=list, validators=[validate_formats])
    methods = models.ManyToManyField(
        "methods.Method",
        blank=True,
        related_name="trainers",
        verbose_name=_("metoder ni arbetar med"),
    )
    website = models.URLField(_("webbplats"), blank=True)
    contact_email = models.EmailField(
        _("e-post för förfrågningar"),
        help_text=_("Visas aldrig. Meddelanden från portalen skickas hit."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    review_message = models.TextField(_("meddelande från redaktionen"), blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)

    objects = TrainerQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("utbildare")
        verbose_name_plural = _("utbildare")
        indexes = [models.Index(fields=["status", "name"], name="trainer_status_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="trainer_status_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("trainers:detail", args=[self.slug])

    @property
    def is_approved(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def author(self):
        """The review engine mails decisions to the profile's owner."""
        return self.user

    def _labels(self, choices, values) -> list[str]:
        names = dict(choices.choices)
        return [str(names[v]) for v in values if v in names]

    @property
    def county_labels(self) -> list[str]:
        return self._labels(County, self.counties)

    @property
    def language_labels(self) -> list[str]:
        return self._labels(TeachingLanguage, self.languages)

    @property
    def format_labels(self) -> list[str]:
        return self._labels(TrainingFormat, self.formats)
