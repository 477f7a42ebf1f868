"""The handbook: phases of the process, methods and their role-by-phase steps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .choices import (
    CommentState,
    CostLevel,
    EvidenceStatus,
    LearningForm,
    Licence,
    Role,
    Status,
    TimeBand,
)
from .rendering import render_markdown


def unique_slug(model: type[models.Model], text: str, instance_pk=None, max_length=80) -> str:
    """A slug from text that no other row of model uses yet (adds -2, -3, ...)."""
    base = slugify(text)[:max_length].strip("-") or "metod"
    candidate, n = base, 2
    others = model._default_manager.exclude(pk=instance_pk)
    while others.filter(slug=candidate).exists():
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)] + suffix
        n += 1
    return candidate


class Phase(models.Model):
    """One of the six phases of a competence-development effort. Slugs are stable URLs."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    slug = models.SlugField(_("adress"), unique=True)
    name = models.CharField(_("namn"), max_length=80)
    name_en = models.CharField(_("namn på engelska"), max_length=80, blank=True)
    summary = models.CharField(_("i en mening"), max_length=300)
    guide = models.TextField(_("vägledning"), help_text=_("Markdown."))
    guide_html = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("fas")
        verbose_name_plural = _("faser")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def save(self, *args, **kwargs):
        self.guide_html = render_markdown(self.guide)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("methods:phase", args=[self.slug])

    @property
    def display_name(self) -> str:
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class ChecklistItem(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="checklist_items")
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    text = models.CharField(_("punkt"), max_length=300)

    class Meta:
        ordering = ["phase__number", "position", "pk"]
        verbose_name = _("punkt i checklistan")
        verbose_name_plural = _("checklista")

    def __str__(self) -> str:
        return self.text


class CompetenceArea(models.Model):
    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("adress"), unique=True)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kompetensområde")
        verbose_name_plural = _("kompetensområden")

    def __str__(self) -> str:
        return self.name


LONG_TEXT_FIELDS = ["body", "body_html", "easy_read", "easy_read_html", "purpose", "materials"]


class MethodQuerySet(models.QuerySet):
    def alive(self) -> MethodQuerySet:
        """Everything not in the recycle bin."""
        return self.filter(deleted_at__isnull=True)

    def published(self) -> MethodQuerySet:
        return self.alive().filter(status=Status.PUBLISHED)

    def for_phase(self, phase: Phase) -> MethodQuerySet:
        return self.filter(phases=phase)

    def visible_to(self, user) -> MethodQuerySet:
        """Published methods for everyone; own methods for their author; all for editors."""
        if user.is_authenticated and getattr(user, "is_editor", False):
            return self.alive()
        if user.is_authenticated:
            return self.alive().filter(Q(status=Status.PUBLISHED) | Q(author=user))
        return self.published()

    def with_list_data(self) -> MethodQuerySet:
        """What a list row shows: phases and competence areas, in a constant number of queries.

        The long texts are not loaded: a list never shows them.
        """
        return (
            self.defer(*LONG_TEXT_FIELDS)
            .prefetch_related(
                Prefetch("phases", queryset=Phase.objects.order_by("number")),
                "competence_areas",
            )
            .annotate(
                published_report_count=Count(
                    "experience_reports",
                    filter=Q(experience_reports__status=Status.PUBLISHED),
                    distinct=True,
                )
            )
        )

    def recent(self) -> MethodQuerySet:
        return self.order_by("-published_at", "-pk")


class Method(models.Model):
    # Identity and text
    title = models.CharField(_("titel"), max_length=160)
    slug = models.SlugField(_("adress"), max_length=80, unique=True, blank=True)
    summary = models.TextField(
        _("sammanfattning"),
        max_length=600,
        help_text=_("Två–tre meningar på enkel svenska: vad metoden är och vad den ger."),
    )
    easy_read = models.TextField(
        _("lättläst version"),
        blank=True,
        help_text=_("Korta meningar, vanliga ord, en sak i taget. Markdown."),
    )
    easy_read_html = models.TextField(editable=False, blank=True)
    purpose = models.TextField(_("syfte"), blank=True, help_text=_("Varför metoden behövs."))
    body = models.TextField(_("beskrivning"), blank=True, help_text=_("Markdown."))
    body_html = models.TextField(editable=False, blank=True)

    # Classification
    phases = models.ManyToManyField(Phase, related_name="methods", verbose_name=_("faser"))
    competence_areas = models.ManyToManyField(
        CompetenceArea, related_name="methods", blank=True, verbose_name=_("kompetensområden")
    )
    business_lines = models.ManyToManyField(
        "companies.BusinessLine",
        related_name="methods",
        blank=True,
        verbose_name=_("branscher"),
        help_text=_("Lämna tomt om metoden passar alla branscher."),
    )
    learning_form = models.CharField(
        _("lärandeform"), max_length=20, choices=LearningForm.choices, db_index=True
    )

    # Who and how
    prerequisites = models.TextField(_("förutsättningar"), blank=True)
    adaptation_language = models.TextField(_("anpassning: språk"), blank=True)
    adaptation_reading = models.TextField(_("anpassning: läsning och skrivning"), blank=True)
    adaptation_health = models.TextField(
        _("anpassning: hälsa och ork"),
        blank=True,
        help_text=_("Generella anpassningar. Aldrig uppgifter om enskilda personer."),
    )
    prep_minutes = models.PositiveIntegerField(_("förberedelse (minuter)"), default=0)
    delivery_minutes = models.PositiveIntegerField(_("genomförande (minuter)"), default=0)
    followup_minutes = models.PositiveIntegerField(_("uppföljning (minuter)"), default=0)
    time_band = models.CharField(
        _("tidsåtgång"), max_length=10, choices=TimeBand.choices, editable=False, db_index=True
    )
    group_size_min = models.PositiveSmallIntegerField(_("minsta gruppstorlek"), default=1)
    group_size_max = models.PositiveSmallIntegerField(_("största gruppstorlek"), default=1)
    cost_level = models.CharField(
        _("kostnad"),
        max_length=10,
        choices=CostLevel.choices,
        default=CostLevel.NONE,
        db_index=True,
    )
    internal_hours = models.DecimalField(
        _("interna timmar"),
        max_digits=6,
        decimal_places=1,
        default=0,
        help_text=_("Arbetstid för egen personal, sammanlagt."),
    )
    materials = models.TextField(_("material"), blank=True)
    needs_external_trainer = models.BooleanField(_("behöver extern utbildare"), default=False)
    external_trainer_phase = models.ForeignKey(
        Phase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("extern utbildare i fas"),
    )

    # Follow-up indicators, one per Kirkpatrick level
    indicator_reaction = models.TextField(_("uppföljning: reaktion"), blank=True)
    indicator_learning = models.TextField(_("uppföljning: lärande"), blank=True)
    indicator_behaviour = models.TextField(_("uppföljning: beteende i arbetet"), blank=True)
    indicator_results = models.TextField(_("uppföljning: resultat"), blank=True)

    # Provenance
    evidence_status = models.CharField(
        _("kunskapsläge"),
        max_length=20,
        choices=EvidenceStatus.choices,
        default=EvidenceStatus.IDEA,
    )
    source = models.TextField(_("källa"), blank=True)
    licence = models.CharField(
        _("licens"), max_length=20, choices=Licence.choices, default=Licence.CC_BY
    )
    contact = models.CharField(_("kontakt"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="methods",
        verbose_name=_("författare"),
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="methods",
        verbose_name=_("företag"),
    )

    # Lifecycle
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    review_by = models.DateField(_("granskas senast"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("borttagen"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = MethodQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("metod")
        verbose_name_plural = _("metoder")
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(group_size_max__gte=models.F("group_size_min")),
                name="method_group_size_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Method, self.title, self.pk)
        self.body_html = render_markdown(self.body)
        self.easy_read_html = render_markdown(self.easy_read)
        self.time_band = TimeBand.for_minutes(self.total_minutes)
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("methods:detail", args=[self.slug])

    @property
    def total_minutes(self) -> int:
        return self.prep_minutes + self.delivery_minutes + self.followup_minutes

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED and self.deleted_at is None

    def target_role_values(self) -> list[str]:
        return [r.role for r in self.target_roles.all()]


class MethodTargetRole(models.Model):
    """Who a method is for. A through-row per role so roles can be counted and filtered."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="target_roles")
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, db_index=True)

    class Meta:
        verbose_name = _("målgrupp")
        verbose_name_plural = _("målgrupper")
        constraints = [
            models.UniqueConstraint(fields=["method", "role"], name="unique_method_target_role")
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class MethodStep(models.Model):
    """One cell of the role-by-phase matrix: what a role does in a phase of a method."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="steps")
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="steps")
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    text = models.TextField(_("vad rollen gör"))
    text_html = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["phase__number", "role"]
        verbose_name = _("steg")
        verbose_name_plural = _("steg per fas och roll")
        constraints = [
            models.UniqueConstraint(
                fields=["method", "phase", "role"], name="unique_method_phase_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phase.name} / {self.get_role_display()}"

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text)
        super().save(*args, **kwargs)


class Revision(models.Model):
    """A full snapshot of a method as saved, so any version can be shown, compared or restored."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sparad av"),
    )
    message = models.CharField(_("kommentar"), max_length=300, blank=True)
    snapshot = models.JSONField(_("innehåll"))
    created_at = models.DateTimeField(_("sparad"), auto_now_add=True)

    class Meta:
        ordering = ["method", "-number"]
        verbose_name = _("version")
        verbose_name_plural = _("versioner")
        constraints = [
            models.UniqueConstraint(fields=["method", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.method} v{self.number}"


class CommentQuerySet(models.QuerySet):
    def visible(self) -> CommentQuerySet:
        return self.filter(deleted_at__isnull=True).exclude(state=CommentState.HIDDEN)


class Comment(models.Model):
    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="comments",
        verbose_name=_("skribent"),
    )
    body = models.TextField(_("kommentar"), max_length=4000)
    body_html = models.TextField(editable=False, blank=True)
    state = models.CharField(
        _("läge"),
        max_length=10,
        choices=CommentState.choices,
        default=CommentState.VISIBLE,
        db_index=True,
    )
    created_at = models.DateTimeField(_("skriven"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    deleted_at = models.DateTimeField(_("borttagen"), null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")

    def __str__(self) -> str:
        return f"{self.author} om {self.method}"

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)
