"""Companies (ASF), their members and what they report back about methods.

By design there is no field anywhere for health or disability data about individuals.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.audit import AuditTrail
from core.rendering import render_markdown, validate_markdown
from core.reversing import reverse
from methods.choices import Status
from methods.models import BusinessLine, Method, unique_slug
from methods.search import normalize

from . import permissions
from .choices import County, Factor, HeadcountBand, LegalForm, MembershipRole, QuestionKind
from .validators import normalize_org_number, validate_org_number


class Company(models.Model):
    name = models.CharField(_("namn"), max_length=160)
    slug = models.SlugField(_("adress"), max_length=80, unique=True, blank=True)
    org_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        unique=True,
        validators=[validate_org_number],
        help_text=_("Tio siffror, till exempel 802456-1234."),
    )
    legal_form = models.CharField(_("juridisk form"), max_length=30, choices=LegalForm.choices)
    municipality = models.CharField(_("kommun"), max_length=80)
    county = models.CharField(_("län"), max_length=20, choices=County.choices, db_index=True)
    business_lines = models.ManyToManyField(
        BusinessLine, related_name="companies", blank=True, verbose_name=_("branscher")
    )
    description = models.TextField(
        _("om företaget"),
        blank=True,
        max_length=10_000,
        validators=[validate_markdown],
        help_text=_("Markdown."),
    )
    description_html = models.TextField(editable=False, blank=True)
    website = models.URLField(_("webbplats"), blank=True)
    contact_email = models.EmailField(_("kontakt e-post"), blank=True)
    contact_phone = models.CharField(_("kontakt telefon"), max_length=30, blank=True)
    employees_band = models.CharField(
        _("antal anställda"), max_length=10, choices=HeadcountBand.choices, blank=True
    )
    participants_band = models.CharField(
        _("antal i arbetsträning eller rehabilitering"),
        max_length=10,
        choices=HeadcountBand.choices,
        blank=True,
    )
    # Tillväxtverket's four criteria for a work-integrating social enterprise, self-declared.
    criterion_integration = models.BooleanField(
        _("huvudsyftet är att integrera människor som står långt från arbetsmarknaden"),
        default=False,
    )
    criterion_participation = models.BooleanField(
        _("medarbetarna är delaktiga genom ägande, avtal eller på annat dokumenterat sätt"),
        default=False,
    )
    criterion_reinvests = models.BooleanField(
        _("vinster återinvesteras i den egna eller liknande verksamheter"), default=False
    )
    criterion_independent = models.BooleanField(
        _("organisatoriskt fristående från offentlig verksamhet"), default=False
    )
    languages_at_work = models.CharField(
        _("språk som används på jobbet"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel: svenska, arabiska, somaliska, lätt svenska med bildstöd."),
    )
    open_to_study_visits = models.BooleanField(_("tar emot studiebesök"), default=False)
    # What other companies may ask through the portal ("Fråga ett företag"), and what a study
    # visit can show. The company's admins answer; no address of either side is shown.
    accepts_questions = models.BooleanField(
        _("tar emot frågor från andra företag"),
        default=True,
        help_text=_(
            "Andra medlemmar kan ställa frågor om metoder ni har rapporterat om och be om "
            "studiebesök. Frågorna kommer till företagets administratörer."
        ),
    )
    study_visit_areas = models.ManyToManyField(
        "methods.CompetenceArea",
        related_name="study_visit_companies",
        blank=True,
        verbose_name=_("vi tar emot studiebesök om"),
    )
    study_visit_topics = models.TextField(
        _("det här visar vi gärna"),
        blank=True,
        max_length=1000,
        help_text=_("Till exempel: hur vi tar emot nya deltagare i caféet första veckan."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    search_text = models.TextField(blank=True, editable=False)

    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="companies", blank=True
    )
    # Membership changes, invitations, profile edits and downloads of the company's data.
    audit_entries = AuditTrail()

    class Meta:
        ordering = ["name"]
        verbose_name = _("företag")
        verbose_name_plural = pgettext_lazy("plural", "företag")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.org_number:
            self.org_number = normalize_org_number(self.org_number)
        if not self.slug:
            self.slug = unique_slug(Company, self.name, self.pk)
        self.description_html = render_markdown(self.description)
        self.search_text = normalize(
            " ".join(
                [
                    self.name,
                    self.municipality,
                    str(self.get_county_display()),
                    self.description,
                    self.languages_at_work,
                ]
            )
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("companies:detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        if self.org_number:
            # Stored in one form, NNNNNN-NNNN, whatever the user typed.
            self.org_number = normalize_org_number(self.org_number)

    @property
    def criteria_met(self) -> int:
        return sum(
            [
                self.criterion_integration,
                self.criterion_participation,
                self.criterion_reinvests,
                self.criterion_independent,
            ]
        )


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("användare"),
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("företag")
    )
    role = models.CharField(
        _("roll"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    created_at = models.DateTimeField(_("medlem sedan"), auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = pgettext_lazy("plural", "medlemskap")
        constraints = [
            models.UniqueConstraint(fields=["user", "company"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.company} ({self.get_role_display()})"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _default_expiry():
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("företag")
    )
    email = models.EmailField(_("e-postadress"))
    role = models.CharField(
        _("roll"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    token = models.CharField(
        _("nyckel"), max_length=64, unique=True, default=_new_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("inbjuden av"),
    )
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    expires_at = models.DateTimeField(_("giltig till"), default=_default_expiry)
    accepted_at = models.DateTimeField(_("antagen"), null=True, blank=True)

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")

    def __str__(self) -> str:
        return f"{self.email} → {self.company}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class ExperienceReportQuerySet(models.QuerySet):
    def published(self) -> ExperienceReportQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user) -> ExperienceReportQuerySet:
        """What this user may see (the rule: permissions.visible_reports_q)."""
        rule = permissions.visible_reports_q(user)
        return self.all() if rule is None else self.filter(rule).distinct()


def _factor_list_validator(value) -> None:
    if not isinstance(value, list) or any(v not in Factor.values for v in value):
        raise ValidationError(_("Välj bland de angivna alternativen."))


class ExperienceReport(models.Model):
    """What a company learned when it used a method: the handbook's feedback loop."""

    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="experience_reports",
        verbose_name=_("företag"),
    )
    method = models.ForeignKey(
        Method,
        on_delete=models.CASCADE,
        related_name="experience_reports",
        verbose_name=_("metod"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experience_reports",
        verbose_name=_("skribent"),
    )
    title = models.CharField(_("rubrik"), max_length=160)
    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till"), null=True, blank=True)
    context = models.TextField(_("sammanhang"), help_text=_("Verksamhet, grupp och behov."))
    adaptations = models.TextField(_("anpassningar"), blank=True)
    phase_notes = models.JSONField(
        _("vad som gjordes per fas"),
        default=dict,
        blank=True,
        help_text=_("Fasens adress som nyckel, text som värde."),
    )
    outcome_reaction = models.TextField(_("resultat: reaktion"), blank=True)
    outcome_learning = models.TextField(_("resultat: lärande"), blank=True)
    outcome_behaviour = models.TextField(_("resultat: beteende i arbetet"), blank=True)
    outcome_results = models.TextField(_("resultat: effekter för verksamheten"), blank=True)
    helped = models.TextField(_("det här hjälpte"), blank=True)
    hindered = models.TextField(_("det här hindrade"), blank=True)
    helping_factors = models.JSONField(
        _("hjälpande faktorer"), default=list, blank=True, validators=[_factor_list_validator]
    )
    hindering_factors = models.JSONField(
        _("hindrande faktorer"), default=list, blank=True, validators=[_factor_list_validator]
    )
    hours_spent = models.DecimalField(
        _("arbetstid (timmar)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    cost_sek = models.PositiveIntegerField(_("kostnad (kr)"), null=True, blank=True)
    used_external_trainer = models.BooleanField(_("anlitade extern utbildare"), default=False)
    # By name: trainers sits above companies and builds on it; companies never imports it.
    trainer = models.ForeignKey(
        "trainers.Trainer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experience_reports",
        limit_choices_to={"status": Status.PUBLISHED},
        verbose_name=_("utbildare"),
        help_text=_("Utbildaren som höll i insatsen, om hen finns i katalogen över utbildare."),
    )
    external_trainer_notes = models.TextField(
        _("hur det fungerade med extern utbildare"), blank=True
    )
    recommend_score = models.PositiveSmallIntegerField(
        _("skulle rekommendera (1–5)"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    consent_to_publish = models.BooleanField(_("samtycke till publicering"), default=False)
    consent_recorded_at = models.DateTimeField(_("samtycke lämnat"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    search_text = models.TextField(blank=True, editable=False)
    effort = models.OneToOneField(
        "Effort",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report",
        verbose_name=_("insats"),
        help_text=_("Insatsen som rapporten beskriver, om den skrevs när insatsen avslutades."),
    )

    objects = ExperienceReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("erfarenhetsrapport")
        verbose_name_plural = _("erfarenhetsrapporter")
        constraints = [
            models.CheckConstraint(
                condition=Q(recommend_score__gte=1) & Q(recommend_score__lte=5),
                name="report_recommend_score_1_5",
            ),
            # Nothing is published without a recorded consent.
            models.CheckConstraint(
                condition=~Q(status="published") | Q(consent_to_publish=True),
                name="report_published_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.consent_to_publish and self.consent_recorded_at is None:
            self.consent_recorded_at = timezone.now()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.search_text = normalize(
            " ".join(
                [
                    self.title,
                    self.context,
                    self.adaptations,
                    *[str(v) for v in (self.phase_notes or {}).values()],
                    self.outcome_reaction,
                    self.outcome_learning,
                    self.outcome_behaviour,
                    self.outcome_results,
                    self.helped,
                    self.hindered,
                ]
            )
        )
        super().save(*args, **kwargs)

    def helping_factor_labels(self) -> list[str]:
        return [str(Factor(v).label) for v in self.helping_factors if v in Factor.values]

    def hindering_factor_labels(self) -> list[str]:
        return [str(Factor(v).label) for v in self.hindering_factors if v in Factor.values]


class EffortQuerySet(models.QuerySet):
    def visible_to(self, user) -> EffortQuerySet:
        """What this user may see (the rule: permissions.visible_efforts_q)."""
        rule = permissions.visible_efforts_q(user)
        return self.all() if rule is None else self.filter(rule)


class Effort(models.Model):
    """A company's competence-development effort (insats), followed through the six phases."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="efforts", verbose_name=_("företag")
    )
    title = models.CharField(
        _("namn"), max_length=160, help_text=_("Till exempel: Hygienrutiner i caféet, våren 2027")
    )
    goal = models.TextField(
        _("mål"), blank=True, help_text=_("Vad ska fungera bättre i arbetet när insatsen är klar?")
    )
    methods = models.ManyToManyField(
        Method, related_name="efforts", blank=True, verbose_name=_("metoder")
    )
    responsible_roles = models.JSONField(
        _("ansvariga roller"), default=list, blank=True,
        help_text=_("Vilka roller som driver insatsen (handledare, ledning ...)."),
    )  # fmt: skip
    responsible_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="responsible_efforts",
        blank=True,
        verbose_name=_("ansvariga personer"),
        help_text=_("De får påminnelser om uppföljning."),
    )
    current_phase = models.ForeignKey(
        "methods.Phase",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nuvarande fas"),
    )
    delivery_ended_on = models.DateField(
        _("genomförandet avslutat"), null=True, blank=True,
        help_text=_("Påminnelser om uppföljning skickas tre och sex månader efter detta datum."),
    )  # fmt: skip
    finished_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("skapad av"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = EffortQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("companies:effort", args=[self.company.slug, self.pk])


class EffortPhase(models.Model):
    """Dates and notes for one phase of an effort."""

    effort = models.ForeignKey(
        Effort, on_delete=models.CASCADE, related_name="phase_records", verbose_name=_("insats")
    )
    phase = models.ForeignKey(
        "methods.Phase", on_delete=models.PROTECT, related_name="+", verbose_name=_("fas")
    )
    started_on = models.DateField(_("påbörjad"), null=True, blank=True)
    completed_on = models.DateField(_("klar"), null=True, blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)

    class Meta:
        ordering = ["phase__number"]
        verbose_name = _("fas i insatsen")
        verbose_name_plural = _("faser i insatsen")
        constraints = [
            models.UniqueConstraint(fields=["effort", "phase"], name="unique_effort_phase")
        ]

    def __str__(self) -> str:
        return f"{self.effort} – {self.phase}"


class EffortCheck(models.Model):
    """A ticked checklist item of an effort: what, who and when.

    `item_key` is "checklist:<id>" for the phase's own checklist or "step:<id>" for a chosen
    method's step; `label` keeps the text as it was when ticked.
    """

    effort = models.ForeignKey(
        Effort, on_delete=models.CASCADE, related_name="checks", verbose_name=_("insats")
    )
    phase = models.ForeignKey(
        "methods.Phase", on_delete=models.PROTECT, related_name="+", verbose_name=_("fas")
    )
    item_key = models.CharField(_("punktens nyckel"), max_length=40)
    label = models.CharField(_("punkt"), max_length=600)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("bockad av"),
    )  # fmt: skip
    checked_at = models.DateTimeField(_("bockad"), auto_now_add=True)

    class Meta:
        ordering = ["checked_at"]
        verbose_name = _("bockad punkt")
        verbose_name_plural = _("bockade punkter")
        constraints = [
            models.UniqueConstraint(fields=["effort", "item_key"], name="unique_effort_check")
        ]

    def __str__(self) -> str:
        return self.label


class ReminderSent(models.Model):
    """One reminder e-mail that went out; the unique key makes the reminder command idempotent."""

    # "effort-3-months", "effort-6-months", "review-due"
    kind = models.CharField(_("slag"), max_length=30)
    # The effort or method and the date it concerns.
    key = models.CharField(_("gäller"), max_length=80)
    recipient = models.EmailField(_("mottagare"))
    sent_at = models.DateTimeField(_("skickad"), auto_now_add=True)

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "recipient"], name="unique_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.recipient}"


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user) -> QuestionQuerySet:
        """The questions this user may read (the rule: permissions.visible_questions_q)."""
        return self.filter(permissions.visible_questions_q(user)).distinct()

    def open(self) -> QuestionQuerySet:
        return self.filter(answered_at__isnull=True)


class Question(models.Model):
    """A question or a study-visit request from a member to another company ("Fråga ett
    företag som har använt metoden"). The company's admins read and answer it in the portal;
    mails on both sides link here, so neither side sees the other's e-mail address."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="questions", verbose_name=_("företag")
    )
    method = models.ForeignKey(
        Method,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("metod"),
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="company_questions",
        verbose_name=_("frågat av"),
    )
    kind = models.CharField(
        _("slag"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.QUESTION
    )
    body = models.TextField(_("fråga"), max_length=4000, validators=[validate_markdown])
    body_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("ställd"), auto_now_add=True, db_index=True)
    answer = models.TextField(
        _("svar"), blank=True, max_length=4000, validators=[validate_markdown]
    )
    answer_html = models.TextField(editable=False, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besvarad av"),
    )
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("fråga till företag")
        verbose_name_plural = _("frågor till företag")
        indexes = [models.Index(fields=["company", "-created_at"], name="question_inbox")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.company}"

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self.answer_html = render_markdown(self.answer)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("companies:question", args=[self.company.slug, self.pk])

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
