"""The handbook: phases of the process, methods and their role-by-phase steps."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.audit import AuditTrail
from core.rendering import render_markdown, validate_markdown
from core.reversing import reverse

from . import permissions
from .choices import (
    LICENCE_DEEDS,
    CommentState,
    CostLevel,
    EvidenceStatus,
    LearningForm,
    Licence,
    Role,
    Status,
    TimeBand,
)

# Paths that share a prefix with object pages (/metoder/ny/, /foretag/inbjudan/...).
RESERVED_SLUGS = {"ny", "inbjudan", "redaktion"}


def unique_slug(model: type[models.Model], text: str, instance_pk=None, max_length=80) -> str:
    """A slug from text that no other row of model uses yet (adds -2, -3, ...)."""
    base = slugify(text)[:max_length].strip("-") or "metod"
    candidate, n = base, 2
    others = model._default_manager.exclude(pk=instance_pk)
    while candidate in RESERVED_SLUGS or others.filter(slug=candidate).exists():
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)] + suffix
        n += 1
    return candidate


def in_reader_language(name: str, name_en: str) -> str:
    """A vocabulary word (a phase, competence area or line of business) in the language of the
    request: the English name in English when the row has one, the Swedish name otherwise."""
    if name_en and (get_language() or "").startswith("en"):
        return name_en
    return name


def name_in_reader_language(prefix: str = "") -> models.Expression:
    """The same in a query: the vocabulary row's name column for the request's language, for
    labels read with values_list (prefix: the path to the row, e.g. "businessline__")."""
    if (get_language() or "").startswith("en"):
        return Coalesce(NullIf(F(f"{prefix}name_en"), Value("")), F(f"{prefix}name"))
    return F(f"{prefix}name")


class Phase(models.Model):
    """One of the six phases of a competence-development effort. Slugs are stable URLs."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    slug = models.SlugField(_("adress"), unique=True)
    name = models.CharField(_("namn"), max_length=80)
    name_en = models.CharField(_("namn på engelska"), max_length=80, blank=True)
    summary = models.CharField(_("i en mening"), max_length=300)
    guide = models.TextField(
        _("vägledning"),
        max_length=20_000,
        validators=[validate_markdown],
        help_text=_("Markdown."),
    )
    guide_html = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("fas")
        verbose_name_plural = _("faser")

    def __str__(self) -> str:
        return f"{self.number}. {self.display_name}"

    def save(self, *args, **kwargs):
        self.guide_html = render_markdown(self.guide)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("methods:phase", args=[self.slug])

    @property
    def display_name(self) -> str:
        return in_reader_language(self.name, self.name_en)


class ChecklistItem(models.Model):
    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="checklist_items", verbose_name=_("fas")
    )
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
    name_en = models.CharField(_("namn på engelska"), max_length=100, blank=True)
    slug = models.SlugField(_("adress"), unique=True)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kompetensområde")
        verbose_name_plural = _("kompetensområden")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return in_reader_language(self.name, self.name_en)


class BusinessLine(models.Model):
    """A line of business (café, cleaning, carpentry...): handbook vocabulary like the
    competence areas. Methods are tagged with lines, and companies say which lines they are in."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    name_en = models.CharField(_("namn på engelska"), max_length=100, blank=True)
    slug = models.SlugField(_("adress"), unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("bransch")
        verbose_name_plural = _("branscher")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return in_reader_language(self.name, self.name_en)


# Enough of a method for a link with its summary.
COMPACT_FIELDS = ["title", "slug", "summary", "status", "deleted_at"]


# What a list row shows (MethodQuerySet.with_list_data).
LIST_ROW_FIELDS = [
    "title", "slug", "summary", "learning_form", "report_count", "status", "deleted_at",
    "published_at",
]  # fmt: skip


def list_row_prefetches() -> list[Prefetch]:
    """The relations a list row shows (includes/method_card.html), with only the columns it
    shows: the phases' guides and the areas' descriptions stay out."""
    return [
        Prefetch(
            "phases",
            queryset=Phase.objects.only("number", "slug", "name", "name_en").order_by("number"),
        ),
        Prefetch(
            "competence_areas", queryset=CompetenceArea.objects.only("slug", "name", "name_en")
        ),
    ]


# What readers see: published and not in the recycle bin (MethodQuerySet.published()).
LISTED = Q(status=Status.PUBLISHED, deleted_at__isnull=True)


class MethodQuerySet(models.QuerySet):
    def alive(self) -> MethodQuerySet:
        """Everything not in the recycle bin."""
        return self.filter(deleted_at__isnull=True)

    def published(self) -> MethodQuerySet:
        return self.alive().filter(status=Status.PUBLISHED)

    def for_phase(self, phase: Phase) -> MethodQuerySet:
        return self.filter(phases=phase)

    def visible_to(self, user) -> MethodQuerySet:
        """What this user may see (the rule: permissions.visible_methods_q)."""
        rule = permissions.visible_methods_q(user)
        return self.alive() if rule is None else self.alive().filter(rule)

    def reachable_by(self, user) -> MethodQuerySet:
        """Methods whose address answers this user: their page, or the notice that they are
        archived (the rule: permissions.reachable_methods_q)."""
        return self.reachable_in_form(permissions.reader_form(user), user.pk)

    def reachable_in_form(self, form: str, reader_pk) -> MethodQuerySet:
        """reachable_by for a reader of this form (permissions.reader_form) and primary key."""
        rule = permissions.reachable_methods_q_in_form(form, reader_pk)
        return self.alive() if rule is None else self.alive().filter(rule)

    def with_list_data(self, with_text: bool = False) -> MethodQuerySet:
        """What a list row shows (includes/method_card.html): phases and competence areas, in
        a constant number of queries, and only the columns the row shows (the body too when
        a search snippet needs it). The phases' guides and the areas' descriptions stay out.
        """
        fields = [*LIST_ROW_FIELDS, "body"] if with_text else LIST_ROW_FIELDS
        return self.only(*fields).prefetch_related(*list_row_prefetches())

    def recent(self) -> MethodQuerySet:
        return self.order_by("-published_at", "-pk")

    def _similar_sql(self, method: Method, limit: int | None) -> tuple[str, list] | None:
        """Published methods sharing the most with this one, as SQL with a `score` column.

        A shared competence area weighs 3, a business line 2, a phase 1 (phases are broad):
        an aggregate over the three link tables joined to the methods.
        """
        links = [
            (Method.competence_areas.through, "competencearea_id", method.competence_areas, 3),
            (Method.business_lines.through, "businessline_id", method.business_lines, 2),
            (Method.phases.through, "phase_id", method.phases, 1),
        ]
        parts, params = [], []
        for table, column, related, weight in links:
            ids = [obj.pk for obj in related.all()]
            if ids:
                marks = ", ".join(["%s"] * len(ids))
                # Only table and column names from the models and placeholders are interpolated;
                # every value travels as a parameter.
                parts.append(
                    f"SELECT method_id, {weight} AS weight FROM {table._meta.db_table} "  # noqa: S608
                    f"WHERE {column} IN ({marks})"
                )
                params += ids
        if not parts:
            return None
        sql = (
            "SELECT m.id, m.title, m.slug, m.summary, scores.score "  # noqa: S608
            f"FROM {Method._meta.db_table} m "
            f"JOIN (SELECT method_id, SUM(weight) AS score FROM ({' UNION ALL '.join(parts)}) "
            "links GROUP BY method_id) scores ON scores.method_id = m.id "
            "WHERE m.status = %s AND m.deleted_at IS NULL AND m.id <> %s "
            "ORDER BY scores.score DESC, m.id"
        )
        if limit is None:  # every method sharing something, with its score
            return sql, [*params, Status.PUBLISHED, method.pk]
        return sql + " LIMIT %s", [*params, Status.PUBLISHED, method.pk, limit]

    def used_in_lines(self, lines) -> MethodQuerySet:
        """Published methods that companies in these lines of business (ids, or a subquery of
        them) have reported on, most companies first, with a `uses` column."""
        return (
            self.published()
            .filter(
                experience_reports__company__business_lines__in=lines,
                experience_reports__status=Status.PUBLISHED,
            )
            .annotate(uses=Count("experience_reports__company", distinct=True))
            .order_by("-uses", "title", "pk")
        )

    def reporter_lines(self, method: Method):
        """The lines of business of the companies that published a report on this method: what
        "the same lines" means for a method meant for every line."""
        return BusinessLine.objects.filter(
            companies__experience_reports__method=method,
            companies__experience_reports__status=Status.PUBLISHED,
        ).values("pk")

    def _same_lines_queryset(self, method: Method) -> MethodQuerySet:
        """Other methods that companies in this method's lines of business have reported on,
        with a `uses` column.

        The lines are the method's own; for a method meant for every line, those of the
        companies that reported on it.
        """
        lines = [line.pk for line in method.business_lines.all()]
        return self.used_in_lines(lines or self.reporter_lines(method)).exclude(pk=method.pk)

    def related_to(self, method: Method, limit: int = 4) -> tuple[list[Method], list[Method]]:
        """The method page's two suggestion lists in one query: (similar methods, methods used
        in the same lines of business), each ranked and at most `limit` long.

        Both are subqueries of one UNION ALL; a window function keeps each list's order.
        """
        lines_sql, lines_params = (
            self._same_lines_queryset(method)
            .values("id", "title", "slug", "summary", "uses")[:limit]
            .query.sql_with_params()
        )
        parts = [
            "SELECT id, title, slug, summary, uses, 2 AS kind, uses AS score, "  # noqa: S608
            f"ROW_NUMBER() OVER (ORDER BY uses DESC, title, id) AS position FROM ({lines_sql}) l"
        ]
        params = list(lines_params)
        similar = self._similar_sql(method, limit)
        if similar:
            parts.insert(
                0,
                "SELECT id, title, slug, summary, 0 AS uses, 1 AS kind, score, "  # noqa: S608
                f"ROW_NUMBER() OVER (ORDER BY score DESC, id) AS position FROM ({similar[0]}) s",
            )
            params = similar[1] + params
        sql = " UNION ALL ".join(parts) + " ORDER BY kind, position"
        rows = list(self.model.objects.raw(sql, params))
        return [m for m in rows if m.kind == 1], [m for m in rows if m.kind == 2]

    def similar_to(self, method: Method, limit: int = 4) -> list[Method]:
        """Published methods sharing the most with this one (see _similar_sql)."""
        similar = self._similar_sql(method, limit)
        return list(self.model.objects.raw(*similar)) if similar else []

    def used_in_same_business_lines(self, method: Method, limit: int = 4) -> list[Method]:
        """Other methods that companies in this method's lines of business have reported on."""
        return list(self._same_lines_queryset(method).only(*COMPACT_FIELDS)[:limit])


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
        max_length=10_000,
        validators=[validate_markdown],
        help_text=_("Korta meningar, vanliga ord, en sak i taget. Markdown."),
    )
    easy_read_html = models.TextField(editable=False, blank=True)
    purpose = models.TextField(_("syfte"), blank=True, help_text=_("Varför metoden behövs."))
    body = models.TextField(
        _("beskrivning"),
        blank=True,
        max_length=20_000,
        validators=[validate_markdown],
        help_text=_("Markdown."),
    )
    body_html = models.TextField(editable=False, blank=True)

    # Classification
    phases = models.ManyToManyField(Phase, related_name="methods", verbose_name=_("faser"))
    competence_areas = models.ManyToManyField(
        CompetenceArea, related_name="methods", blank=True, verbose_name=_("kompetensområden")
    )
    business_lines = models.ManyToManyField(
        BusinessLine,
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
    # Archiving keeps the address: printed cards and QR codes lead to a page that says when
    # and why the method was archived, and what replaces it (set by workflow.archive, cleared
    # when the method is published again).
    archived_at = models.DateTimeField(_("arkiverad"), null=True, blank=True, editable=False)
    archive_reason = models.TextField(
        _("varför metoden arkiverades"), max_length=1000, blank=True, editable=False
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="replaces",
        verbose_name=_("ersätts av"),
    )

    # Contributing and review
    working_copy_of = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="working_copy",
        verbose_name=_("ny version av"),
        help_text=_("Ett utkast som ersätter den publicerade metoden när det publiceras."),
    )
    # Optimistic locking: every save through the editing forms checks and bumps it, so a
    # second person's save over someone else's newer text is refused instead of lost.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    wizard_step = models.CharField(_("steg i formuläret"), max_length=20, blank=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True, editable=False)
    editor_message = models.TextField(
        _("meddelande från redaktionen"),
        blank=True,
        help_text=_("Vad som behöver ändras innan metoden kan publiceras."),
    )
    personal_data_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("personuppgifter kontrollerade av"),
    )
    easy_read_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("svår lättläst text godkänd av"),
    )

    # Derived, kept current by services (see methods.search.refresh_method_index and
    # companies.services.refresh_report_stats); never edited by hand.
    report_count = models.PositiveIntegerField(
        _("publicerade erfarenhetsrapporter"), default=0, editable=False
    )
    search_title = models.CharField(max_length=200, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    # A tsvector on PostgreSQL (GIN-indexed there); an unused text column on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    # Everything that happened to the method, its comments and its reports.
    audit_entries = AuditTrail()

    objects = MethodQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("metod")
        verbose_name_plural = _("metoder")
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["updated_at"], name="method_updated_at_idx"),
            # The list's three orders, over what readers see: a page of the list walks one
            # of these instead of sorting the handbook (methods/views/listing.py). Each ends
            # in the columns of LISTED: Django sends the status as a parameter, and SQLite
            # then checks the condition on every entry it passes (a deep page passes
            # thousands); in the index that costs no visit to the table (45 ms -> 0.7 ms for
            # page 500 of 10,000).
            models.Index(
                "title", "id", "status", "deleted_at",
                condition=LISTED, name="method_list_title_idx",
            ),
            models.Index(
                F("report_count").desc(), F("title").asc(), F("id").asc(), "status",
                "deleted_at", condition=LISTED, name="method_list_reports_idx",
            ),
            models.Index(
                F("published_at").desc(), F("id").desc(), "status", "deleted_at",
                condition=LISTED, name="method_list_newest_idx",
            ),
            # The editors' desk and overview: the published methods past their review date,
            # oldest date first, without reading the rest of the handbook.
            models.Index(
                fields=["review_by", "id"], condition=LISTED, name="method_review_due_idx"
            ),
            # Min sida: an author's own methods, last changed first, a page at a time.
            models.Index(
                fields=["author", "-updated_at", "-id"], name="method_author_recent_idx"
            ),
        ]  # fmt: skip
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

    @property
    def credited_to(self) -> str:
        """Who wrote the method as readers see it: the author's public name, with the company
        it comes from (feeds and citations; author and company loaded with the method)."""
        name = self.author.public_name if self.author else gettext("tidigare medlem")
        return f"{name}, {self.company.name}" if self.company else name

    @property
    def licence_deed(self) -> tuple[str, str] | None:
        """(name, address) of the open licence a citation names, or None when the author keeps
        all rights."""
        return LICENCE_DEEDS.get(self.licence)

    def role_phase_matrix(self, phases: list[Phase]) -> list[dict]:
        """Rows of the role-by-phase matrix: each given phase that has steps, one cell per role
        in Role order (None where the role does nothing). Uses prefetched steps."""
        steps = {(s.phase_id, s.role): s for s in self.steps.all()}
        rows = []
        for phase in phases:
            cells = [steps.get((phase.pk, role)) for role in Role.values]
            if any(cells):
                rows.append({"phase": phase, "cells": cells})
        return rows

    def ordered_target_roles(self) -> list[MethodTargetRole]:
        """Who the method is for, in the vocabulary's order (participant first) whatever order
        the rows were written in, from the prefetched rows."""
        order = {role: index for index, role in enumerate(Role.values)}
        return sorted(self.target_roles.all(), key=lambda row: order.get(row.role, len(order)))

    def target_role_values(self) -> list[str]:
        return [r.role for r in self.ordered_target_roles()]


class FacetBitmap(models.Model):
    """Which published methods have one value of one facet of the list (a phase, a learning
    form...), as a bitmap: bit n is set when the method with id n is published with that
    value. The row ("alla", "") holds every published method.

    A read model kept by methods.listindex in the same transaction as every change to a
    method: the start page, the phase pages and the list count and facet-count from these
    rows (a popcount of an AND), never over the methods table.
    """

    facet = models.CharField(max_length=20)  # a facet's URL parameter (filters.FACETS)
    # The value as the URL has it; phases, areas and lines by id (a slug may be renamed).
    value = models.CharField(max_length=40)
    bits = models.BinaryField(default=b"")  # little-endian: bit n is byte n // 8, bit n % 8
    count = models.PositiveIntegerField(default=0)  # the set bits, kept with them

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "value"], name="unique_facet_bitmap")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}: {self.count}"


class MethodTargetRole(models.Model):
    """Who a method is for. A through-row per role so roles can be counted and filtered."""

    method = models.ForeignKey(
        Method, on_delete=models.CASCADE, related_name="target_roles", verbose_name=_("metod")
    )
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

    method = models.ForeignKey(
        Method, on_delete=models.CASCADE, related_name="steps", verbose_name=_("metod")
    )
    phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, related_name="steps", verbose_name=_("fas")
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    text = models.TextField(_("vad rollen gör"), max_length=2000, validators=[validate_markdown])
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


class RevisionQuerySet(models.QuerySet):
    def visible_to(self, user, method: Method) -> RevisionQuerySet:
        """The revisions of method this user may see (the rule: permissions.visible_revisions_q):
        readers get only what was published. The caller has checked that the user may see
        the method itself."""
        rule = permissions.visible_revisions_q(user, method)
        revisions = self.filter(method=method)
        return revisions if rule is None else revisions.filter(rule)

    def last_published(self, method: Method) -> Revision | None:
        """The method as readers last saw it: its newest revision saved while published.
        An archived method's page shows this, never what was written after."""
        return (
            self.filter(method=method, snapshot__status=Status.PUBLISHED)
            .order_by("-number")
            .first()
        )


class Revision(models.Model):
    """A full snapshot of a method as saved, so any version can be shown, compared or restored."""

    method = models.ForeignKey(
        Method, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("metod")
    )
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

    objects = RevisionQuerySet.as_manager()

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
    def alive(self) -> CommentQuerySet:
        """Everything not in the recycle bin."""
        return self.filter(deleted_at__isnull=True)

    def visible(self) -> CommentQuerySet:
        return self.alive().exclude(state=CommentState.HIDDEN)

    def shown_to(self, user) -> CommentQuerySet:
        """What a method page lists (the rule: permissions.comments_shown_q)."""
        return self.alive().filter(permissions.comments_shown_q(user))

    def reported(self) -> CommentQuerySet:
        """Comments readers reported that no editor has dealt with yet, on methods not in the
        recycle bin, with `report_count`; most reported first."""
        return (
            self.alive()
            .filter(state=CommentState.REPORTED, method__deleted_at__isnull=True)
            .annotate(report_count=Count("reports"))
            .order_by("-report_count", "created_at", "pk")
        )


class Comment(models.Model):
    method = models.ForeignKey(
        Method, on_delete=models.CASCADE, related_name="comments", verbose_name=_("metod")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="comments",
        verbose_name=_("skribent"),
    )
    body = models.TextField(_("kommentar"), max_length=4000, validators=[validate_markdown])
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

    # What editors did with the comment (its entries belong on the method's page).
    audit_entries = AuditTrail(on="target")

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


class SearchSynonym(models.Model):
    """Words that mean the same in the handbook's domain, editable by curators.

    A search for the term also finds its synonyms, and a one-word synonym finds the term.
    """

    term = models.CharField(_("ord eller förkortning"), max_length=80, unique=True)
    synonyms = models.CharField(
        _("betyder samma sak som"),
        max_length=400,
        help_text=_("Skilj med kommatecken, till exempel: arbetsträning, arbetsprövning"),
    )

    class Meta:
        ordering = ["term"]
        verbose_name = _("synonym i sökningen")
        verbose_name_plural = _("synonymer i sökningen")

    def __str__(self) -> str:
        return f"{self.term} = {self.synonyms}"


class CommentReport(models.Model):
    """A reader's report that a comment breaks the rules; editors see reported comments."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("kommentar")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("anmäld av"),
    )
    reason = models.CharField(_("varför"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("anmäld"), auto_now_add=True)

    class Meta:
        verbose_name = _("anmälan av kommentar")
        verbose_name_plural = _("anmälningar av kommentarer")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="unique_comment_report")
        ]

    def __str__(self) -> str:
        return f"{self.reporter} → {self.comment_id}"


class MethodSuggestion(models.Model):
    """One line of a published method's suggestion lists, kept by methods.suggestions so that
    the method page reads a few rows by index instead of ranking the handbook on each render.

    Each kept method has one marker row (kind COMPUTED, no suggested method): a method without
    it, one just published and not yet computed, is ranked by the queries at render time.
    """

    class Kind(models.IntegerChoices):
        COMPUTED = 0, "computed"
        SIMILAR = 1, "similar"
        SAME_LINE = 2, "same business line"

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="suggestion_rows")
    suggested = models.ForeignKey(
        Method, on_delete=models.CASCADE, null=True, blank=True, related_name="suggested_in"
    )
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    position = models.PositiveSmallIntegerField()
    # The similarity score (SIMILAR) or the number of companies that used it (SAME_LINE).
    score = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["method", "kind", "position"], name="method_suggestion_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.method_id} {self.get_kind_display()} {self.position}: {self.suggested_id}"


class SearchCount(models.Model):
    """How many times one normalised search found nothing or little on one day
    (methods.searchlog): what readers look for and the handbook lacks. No user, address or
    session is stored, only the words (lowercased, spaces collapsed, cut at a length)."""

    query = models.CharField(_("sökning"), max_length=100)
    day = models.DateField(_("dag"))
    searches = models.PositiveIntegerField(_("sökningar"), default=0)
    # Methods the search found the last time it was counted (at most searchlog.FEW_RESULTS).
    results = models.PositiveSmallIntegerField(_("träffar"), default=0)

    class Meta:
        verbose_name = _("sökning som gav lite")
        verbose_name_plural = _("sökningar som gav lite")
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="search_count_query_day")
        ]
        indexes = [models.Index(fields=["day"], name="search_count_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.query}: {self.searches}"


class KeptMethodPage(models.Model):
    """The parts of a published method's page that come from the method alone (its heading and
    facts, its text or easy-read text, the role-by-phase matrix, the practical details and the
    follow-up), rendered in one language when the method last changed: kept by
    methods.keptpage so that a render reads them with the method instead of five more queries
    and the templates that build them.

    `stamp` names the templates and translations they were rendered with: a row of another
    stamp (an older deploy) is never shown.

    Each part is HTML in a text column of its own, not one JSON document: PostgreSQL would
    parse the JSON on every write (200,000 rows of 11 kB when a handbook of 100,000 methods is
    kept) and turn it back into text on every read, for parts that are only ever stored and
    shown whole. On PostgreSQL the columns are compressed with LZ4 where the server has it
    (migration 0028), which costs less to write and to read than the default.
    """

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="kept_pages")
    language = models.CharField(max_length=8)
    stamp = models.CharField(max_length=64)
    header = models.TextField()
    text = models.TextField()
    # "" when the method has no easy-read version.
    easy_read = models.TextField(blank=True)
    # Its card in the method list (includes/method_card.html without a search snippet).
    card = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["method", "language"], name="kept_method_page")
        ]

    def __str__(self) -> str:
        return f"{self.method_id} ({self.language})"
