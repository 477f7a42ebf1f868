"""Which fields each kind of content file carries, and how their values look in a file.

The lists are derived from the models: every editable field of the model is carried unless it
is excluded here with a reason, and a non-editable field is carried only when named in `also`.
tests/content/test_fields.py fails when a model gains a field that is neither carried nor
excluded, so a new field is never silently dropped from the export.

Relations are written as the related row's natural key: a slug, or for a person the display
name that the site shows next to their contributions (never an e-mail address).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from accounts.models import User
from companies.models import Company, ExperienceReport
from methods.models import (
    BusinessLine,
    ChecklistItem,
    CompetenceArea,
    Method,
    MethodStep,
    MethodTargetRole,
    Phase,
)


class ContentError(ValueError):
    """Content that cannot be loaded: an unknown field, a wrong value, an unknown reference."""


# How a row is named in a file when another row refers to it.
NATURAL_KEYS: dict[type[models.Model], str] = {
    Phase: "slug",
    CompetenceArea: "slug",
    BusinessLine: "slug",
    Company: "slug",
    Method: "slug",
    User: "display_name",
}

DERIVED = "derived on save from the other fields"
TIMESTAMP = "set by the database when the row is saved"
EDITORIAL = "editorial workflow, private to the editors"
SEARCH = "search index, rebuilt after loading"
ARCHIVE = "the archive record of an archived method; only published methods are exported"


# eq=False: kinds are compared and hashed by identity (they key dicts).
@dataclass(frozen=True, eq=False)
class Kind:
    """One kind of content file: a folder of Markdown files, one row of `model` each."""

    # The folder, and the content.handbook.Loader method that saves one file.
    folder: str
    loader: str
    model: type[models.Model]
    # The natural key: what a file is found by when loaded again.
    key: tuple[str, ...]
    # The text field that is the file's Markdown body.
    body: str
    # Fields of the model the files never carry, with the reason.
    excluded: dict[str, str]
    # Fields the demo files may carry but the export never writes (not public).
    private: frozenset[str] = frozenset()
    # Non-editable fields carried all the same.
    also: tuple[str, ...] = ()
    # Keys that are not fields of the model: rows of related models, in the same file.
    parts: tuple[str, ...] = ()
    # The file's name, from its front matter.
    filename_pattern: str = "{slug}.md"

    def fields(self) -> list[models.Field]:
        """The model's fields this kind of file carries, in the model's order."""
        return [
            f
            for f in forward_fields(self.model)
            if f.name not in self.excluded and (f.editable or f.name in self.also)
        ]

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields()]

    def blocks(self) -> list[str]:
        """Fields written as block scalars: the long texts."""
        return [f.name for f in self.fields() if isinstance(f, models.TextField)]

    def filename(self, data: dict) -> str:
        return self.filename_pattern.format(**data)


def forward_fields(model: type[models.Model]) -> list[models.Field]:
    """Every field a model declares itself: columns and many-to-many, not the primary key nor
    relations declared on other models."""
    return [
        f for f in model._meta.get_fields() if not f.auto_created and (f.concrete or f.many_to_many)
    ]


PHASES = Kind(
    folder="phases",
    loader="phase",
    model=Phase,
    key=("slug",),
    body="guide",
    excluded={"guide_html": DERIVED, "updated_at": TIMESTAMP},
    parts=("checklist",),
    filename_pattern="{number}-{slug}.md",
)

METHODS = Kind(
    folder="methods",
    loader="method",
    model=Method,
    key=("slug",),
    body="body",
    excluded={
        "body_html": DERIVED,
        "easy_read_html": DERIVED,
        "time_band": DERIVED,
        "report_count": "derived from the published experience reports",
        "deleted_at": "only methods outside the recycle bin are exported",
        "created_at": TIMESTAMP,
        "working_copy_of": EDITORIAL,
        "version": EDITORIAL,
        "wizard_step": EDITORIAL,
        "submitted_at": EDITORIAL,
        "editor_message": EDITORIAL,
        "personal_data_confirmed_by": EDITORIAL,
        "easy_read_override_by": EDITORIAL,
        # The export carries published methods only, and publishing clears the archive record.
        "archived_at": ARCHIVE,
        "archive_reason": ARCHIVE,
        "replaced_by": ARCHIVE,
        "search_title": SEARCH,
        "search_text": SEARCH,
        "search_vector": SEARCH,
    },
    # The method page shows it ("Senast ändrad"); an import keeps it.
    also=("updated_at",),
    parts=("target_roles", "steps"),
)

COMPANIES = Kind(
    folder="companies",
    loader="company",
    model=Company,
    key=("slug",),
    body="description",
    excluded={
        "description_html": DERIVED,
        "created_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
        "search_text": SEARCH,
        "members": "memberships are private (the demo accounts carry the demo ones)",
    },
)

REPORTS = Kind(
    folder="reports",
    loader="report",
    model=ExperienceReport,
    key=("company", "method", "title"),
    body="context",
    excluded={
        "created_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
        "search_text": SEARCH,
        "effort": "a company's efforts are private to its members",
        "trainer": "trainer profiles are not handbook content: each is its owner's (the demo "
        "ones load from content/demo/trainers/, content/trainers.py)",
    },
    # No page shows who wrote a report.
    private=frozenset({"author"}),
    filename_pattern="{company}--{method}.md",
)

# In the order they are loaded: each refers only to kinds before it.
KINDS = (PHASES, COMPANIES, METHODS, REPORTS)


@dataclass(frozen=True)
class Part:
    """Rows of a related model written inside their parent's file."""

    model: type[models.Model]
    carried: frozenset[str]
    excluded: dict[str, str] = field(default_factory=dict)


PARTS = {
    "checklist": Part(
        ChecklistItem,
        # A list of texts: its order is the position.
        carried=frozenset({"text", "position"}),
        excluded={"phase": "the file it is in"},
    ),
    "target_roles": Part(
        MethodTargetRole, carried=frozenset({"role"}), excluded={"method": "the file it is in"}
    ),
    "steps": Part(
        MethodStep,
        carried=frozenset({"phase", "role", "text"}),
        excluded={"method": "the file it is in", "text_html": DERIVED},
    ),
}


# Values -----------------------------------------------------------------------------------------


def natural_key(obj: models.Model | None) -> Any:
    if obj is None:
        return None
    value = getattr(obj, NATURAL_KEYS[type(obj)])
    return value or None  # a person without a display name is not named at all


def to_file(f: models.Field, value: Any) -> Any:
    """A field's value as written in a file."""
    if f.many_to_many:
        return [natural_key(obj) for obj in value]
    if value is None:
        return None
    if f.is_relation:
        return natural_key(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        # Browsers send CRLF; a file has one kind of line break. Pages render both alike.
        return value.replace("\r\n", "\n")
    return value


def record(kind: Kind, obj: models.Model) -> dict:
    """The public fields of obj as the dict of its file (parts not included)."""
    data = {}
    for f in kind.fields():
        if f.name in kind.private:
            continue
        value = getattr(obj, f.name)
        data[f.name] = to_file(f, value.all() if f.many_to_many else value)
    return data


def _parse_datetime(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise TypeError
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _parse_date(value: Any) -> date:
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError
    return value


def from_file(f: models.Field, value: Any, resolve: Callable[[type, Any], Any]) -> Any:
    """A value read from a file as the field's Python value; references through resolve."""
    if f.many_to_many:
        return [resolve(f.related_model, item) for item in value or []]
    if value is None:
        if f.null:
            return None
        if isinstance(f, models.CharField | models.TextField):
            return ""
        raise ContentError(f"{f.name}: a value is required")
    if f.is_relation:
        return resolve(f.related_model, value)
    try:
        if isinstance(f, models.DecimalField):
            return Decimal(str(value))
        if isinstance(f, models.DateTimeField):
            return _parse_datetime(value)
        if isinstance(f, models.DateField):
            return _parse_date(value)
        if isinstance(f, models.BooleanField):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(f, models.IntegerField):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            return value
        if isinstance(f, models.CharField | models.TextField):
            # Unquoted yes/no/on/off would be YAML booleans: refuse rather than guess.
            if isinstance(value, bool | list | dict):
                raise TypeError
            return str(value)
    except (TypeError, ValueError) as error:
        raise ContentError(f"{f.name}: {value!r} is not a valid {type(f).__name__}") from error
    return value


def check_keys(kind: Kind, data: dict) -> None:
    """Refuse a file with a key the kind does not carry (a typo would otherwise be lost)."""
    known = set(kind.field_names()) | set(kind.parts)
    unknown = sorted(set(data) - known)
    if unknown:
        raise ContentError(f"unknown field(s): {', '.join(unknown)}")
    missing = [name for name in kind.key if data.get(name) in (None, "")]
    if missing:
        raise ContentError(f"missing {', '.join(missing)}")
