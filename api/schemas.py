"""The shapes of the read API's answers. django-ninja turns these type hints into the OpenAPI
schema at /api/v1/schema/, and checks every answer against them before it is sent.

Field names are English (code); the values are the handbook's own: slugs and choice values
exactly as the site's addresses and filters use them, each choice with its label in the
request's language (Swedish unless the reader chose English), and texts both as their Markdown
source and as the sanitised HTML the site shows (core.rendering, stored on save).
"""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class Error(Schema):
    detail: str = Field(description="Vad som gick fel, i klartext.")


class Choice(Schema):
    """A value of a fixed vocabulary (a learning form, a role, a cost level...)."""

    value: str
    label: str


class Term(Schema):
    """A competence area or a line of business."""

    slug: str
    name: str
    name_en: str


class PhaseRef(Schema):
    number: int
    slug: str
    name: str
    name_en: str


class Link(Schema):
    """Another object of the handbook: its address on the site and in the API."""

    slug: str
    title: str
    url: str
    api_url: str


class CompanyRef(Schema):
    slug: str
    name: str
    url: str
    api_url: str


class Page(Schema):
    count: int = Field(description="Hur många träffar det finns sammanlagt.")
    page: int
    page_size: int
    pages: int
    next: str | None = Field(description="Adressen till nästa sida, eller null på den sista.")
    previous: str | None


class FilmOut(Schema):
    """A film on a method or a phase guide: uploaded to the handbook or on another site."""

    title: str
    minutes: int
    kind: Choice
    video_url: str = Field(
        description="Filmfilen hos handboken, eller filmens adress på den andra webbplatsen."
    )
    captions_url: str | None = Field(description="Svensk textning (WebVTT), eller null.")
    transcript: str


# Phases ------------------------------------------------------------------------------------


class PhaseOut(Schema):
    number: int
    slug: str
    name: str
    name_en: str
    summary: str
    guide: str = Field(description="Fasens guide i Markdown.")
    guide_html: str = Field(description="Guiden som sanerad HTML, som webbplatsen visar den.")
    checklist: list[str]
    films: list[FilmOut]
    updated_at: datetime
    url: str
    methods_api_url: str


# Methods -----------------------------------------------------------------------------------


class MethodListItem(Schema):
    id: int
    slug: str
    title: str
    summary: str
    learning_form: Choice
    phases: list[PhaseRef]
    competence_areas: list[Term]
    report_count: int
    published_at: datetime | None
    updated_at: datetime
    url: str
    api_url: str


class MethodPage(Page):
    results: list[MethodListItem]


class Step(Schema):
    phase: str = Field(description="Fasens adress (slug).")
    role: Choice
    text: str
    text_html: str


class MatrixCell(Schema):
    role: Choice
    text: str | None
    text_html: str | None


class MatrixRow(Schema):
    phase: PhaseRef
    cells: list[MatrixCell] = Field(description="En cell per roll, i rollernas ordning.")


class Indicators(Schema):
    """How to follow the method up, one text per Kirkpatrick level."""

    reaction: str
    learning: str
    behaviour: str
    results: str


class FactorCount(Schema):
    label: str
    count: int


class ReportFigures(Schema):
    """What the published experience reports on the method add up to."""

    count: int
    average_score: float | None = Field(description="Genomsnittlig rekommendation, 1–5.")
    top_helping: list[FactorCount]
    top_hindering: list[FactorCount]


class MethodDetail(MethodListItem):
    easy_read: str = Field(description="Lättläst version i Markdown (tom om den saknas).")
    easy_read_html: str
    purpose: str
    body: str = Field(description="Beskrivningen i Markdown.")
    body_html: str
    business_lines: list[Term] = Field(description="Tom lista: metoden passar alla branscher.")
    target_roles: list[Choice]
    prerequisites: str
    adaptation_language: str
    adaptation_reading: str
    adaptation_health: str
    prep_minutes: int
    delivery_minutes: int
    followup_minutes: int
    total_minutes: int
    time_band: Choice
    group_size_min: int
    group_size_max: int
    cost_level: Choice
    internal_hours: float
    materials: str
    needs_external_trainer: bool
    external_trainer_phase: PhaseRef | None
    indicators: Indicators
    evidence_status: Choice
    source: str
    licence: Choice
    contact: str
    author_name: str
    company: CompanyRef | None
    review_by: date | None
    steps: list[Step]
    matrix: list[MatrixRow] = Field(description="Vad varje roll gör i varje fas.")
    report_figures: ReportFigures
    films: list[FilmOut]
    reports_api_url: str


# Companies ---------------------------------------------------------------------------------


class Criteria(Schema):
    """Tillväxtverket's four criteria for a work-integrating social enterprise, as the company
    declares them itself."""

    integration: bool
    participation: bool
    reinvests: bool
    independent: bool


class CompanyOut(Schema):
    slug: str
    name: str
    org_number: str
    legal_form: Choice
    municipality: str
    county: Choice
    business_lines: list[Term]
    description: str
    description_html: str
    website: str
    contact_email: str
    contact_phone: str
    employees_band: Choice | None
    participants_band: Choice | None
    criteria: Criteria
    languages_at_work: str
    open_to_study_visits: bool
    updated_at: datetime
    url: str
    api_url: str


class CompanyDetail(CompanyOut):
    methods: list[Link] = Field(description="Publicerade metoder från företaget.")
    reports_api_url: str


class CompanyPage(Page):
    results: list[CompanyOut]


# Experience reports ------------------------------------------------------------------------


class PhaseNote(Schema):
    phase: str
    number: int
    text: str


class Outcomes(Schema):
    reaction: str
    learning: str
    behaviour: str
    results: str


class ReportOut(Schema):
    id: int
    title: str
    method: Link
    company: CompanyRef
    period_start: date
    period_end: date | None
    context: str
    adaptations: str
    phase_notes: list[PhaseNote]
    outcomes: Outcomes
    helped: str
    hindered: str
    helping_factors: list[Choice]
    hindering_factors: list[Choice]
    hours_spent: float | None
    cost_sek: int | None
    used_external_trainer: bool
    external_trainer_notes: str
    recommend_score: int
    published_at: datetime | None
    url: str
    api_url: str


class ReportPage(Page):
    results: list[ReportOut]


# Trainers ----------------------------------------------------------------------------------


class TrainerOut(Schema):
    """An approved trainer's public profile. Readers write to a trainer through the portal:
    the contact address is never part of the answer."""

    slug: str
    name: str
    entity: Choice
    kind: Choice
    summary: str
    description: str = Field(description="Presentationen i Markdown.")
    description_html: str
    competence_areas: list[Term]
    counties: list[Choice]
    languages: list[Choice]
    formats: list[Choice]
    methods: list[Link] = Field(description="Publicerade metoder som utbildaren arbetar med.")
    films: list[FilmOut]
    website: str
    approved_at: datetime | None
    updated_at: datetime
    url: str
    api_url: str


class TrainerPage(Page):
    results: list[TrainerOut]
