"""The handbook as a folder of content files: export the published handbook, load a folder.

A folder holds phases/, companies/, methods/ and reports/ (content/fields.py says what each
file carries). The export writes only what any visitor can read: published methods outside the
recycle bin, every phase, every company's public profile and the published experience reports
on exported methods; never drafts, editorial notes, memberships, e-mail addresses of accounts,
nor who wrote a report. Loading is idempotent: rows are found by their natural keys and
updated; nothing that is not in the folder is deleted, except a loaded method's own steps and
target roles and a loaded phase's own checklist, which become exactly the file's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch

from accounts.models import User
from companies.models import Company, ExperienceReport
from companies.services import refresh_report_stats
from core.models import SiteVersion
from methods.choices import Role
from methods.models import ChecklistItem, Method, MethodStep, MethodTargetRole, Phase
from methods.services import record_revision, refresh_search_index

from .fields import (
    COMPANIES,
    KINDS,
    METHODS,
    NATURAL_KEYS,
    PHASES,
    REPORTS,
    ContentError,
    Kind,
    check_keys,
    from_file,
    record,
)
from .files import FormatError, read_file, write_file
from .films import export_films, load_films

ROLE_ORDER = {role: index for index, role in enumerate(Role.values)}


@dataclass
class Counts:
    phases: int = 0
    companies: int = 0
    methods: int = 0
    reports: int = 0


# Export -----------------------------------------------------------------------------------------


def exported_methods():
    return (
        Method.objects.published()
        .select_related("author", "company", "external_trainer_phase")
        .prefetch_related(
            "phases",
            "competence_areas",
            "business_lines",
            "target_roles",
            Prefetch("steps", queryset=MethodStep.objects.select_related("phase")),
        )
        .order_by("slug")
    )


def exported_reports():
    """Published reports on exported methods: a report on a draft would name the draft."""
    return (
        ExperienceReport.objects.published()
        .filter(method__in=Method.objects.published())
        .select_related("company", "method")
        .order_by("company__slug", "method__slug", "period_start", "pk")
    )


def method_parts(method: Method) -> dict:
    roles = sorted((t.role for t in method.target_roles.all()), key=ROLE_ORDER.get)
    steps = sorted(method.steps.all(), key=lambda s: (s.phase.number, ROLE_ORDER.get(s.role)))
    return {
        "target_roles": roles,
        "steps": [
            {"phase": s.phase.slug, "role": s.role, "text": s.text.replace("\r\n", "\n")}
            for s in steps
        ],
    }


def _write(folder: Path, kind: Kind, data: dict, name: str | None = None) -> None:
    path = folder / kind.folder / (name or kind.filename(data))
    write_file(path, data, kind.body, kind.blocks())


def export_handbook(folder: Path) -> Counts:
    """Write the published handbook into folder (which should be empty)."""
    counts = Counts()
    for phase in Phase.objects.prefetch_related("checklist_items").order_by("number"):
        data = record(PHASES, phase)
        data["checklist"] = [item.text for item in phase.checklist_items.all()]
        _write(folder, PHASES, data)
        counts.phases += 1
    for company in Company.objects.prefetch_related("business_lines").order_by("slug"):
        _write(folder, COMPANIES, record(COMPANIES, company))
        counts.companies += 1
    for method in exported_methods():
        _write(folder, METHODS, {**record(METHODS, method), **method_parts(method)})
        counts.methods += 1
    used: dict[str, int] = {}
    for report in exported_reports():
        data = record(REPORTS, report)
        # A company may report on a method more than once: the second file gets --2.
        name = REPORTS.filename(data)
        used[name] = used.get(name, 0) + 1
        if used[name] > 1:
            name = name.removesuffix(".md") + f"--{used[name]}.md"
        _write(folder, REPORTS, data, name)
        counts.reports += 1
    # Films on other sites, with their captions and transcripts (material; content/films.py).
    export_films(folder)
    return counts


# Loading ----------------------------------------------------------------------------------------


def read_folder(folder: Path) -> dict[Kind, list[tuple[Path, dict]]]:
    """Every content file in folder, parsed and checked, by kind; a kind's folder may be absent."""
    found = {}
    for kind in KINDS:
        rows = []
        for path in sorted((folder / kind.folder).glob("*.md")):
            try:
                data = read_file(path, kind.body)
                check_keys(kind, data)
            except (ContentError, FormatError) as error:
                raise ContentError(f"{path}: {error}") from error
            rows.append((path, data))
        found[kind] = rows
    return found


def validate(kind: Kind, obj: models.Model) -> None:
    """Model validation of the fields the files carry (the rest is derived on save)."""
    carried = set(kind.field_names())
    try:
        obj.full_clean(exclude=[f.name for f in obj._meta.fields if f.name not in carried])
    except ValidationError as error:
        problems = [f"{name}: {' '.join(map(str, messages))}" for name, messages in error]
        raise ContentError("; ".join(problems)) from error


def author_by_display_name(name: str) -> User | None:
    """The one account with this display name; nobody when there is none or more than one."""
    users = list(User.objects.filter(display_name=name)[:2])
    return users[0] if len(users) == 1 else None


class Loader:
    """Saves content files' data as rows. Call finish() once everything is loaded."""

    def __init__(
        self,
        *,
        authors: Callable[[str], User | None] = author_by_display_name,
        review_by: date | None = None,
        revision_message: str = "Importerad",
    ) -> None:
        self.authors = authors
        # For methods whose file gives no review date (the demo files).
        self.review_by = review_by
        self.revision_message = revision_message
        self.methods: dict[str, Method] = {}
        self.report_methods: dict[str, Method] = {}
        self.updated_at: dict[int, datetime] = {}
        self.counts = Counts()

    def resolve(self, model: type, key):
        if model is User:
            return self.authors(key)
        obj = model._default_manager.filter(**{NATURAL_KEYS[model]: key}).first()
        if obj is None:
            raise ContentError(f"there is no {model.__name__} {key!r}")
        return obj

    def save(self, kind: Kind, key: dict, columns: dict) -> tuple[models.Model, bool]:
        """The row with this natural key, created or updated with columns and validated as a
        form would (only the fields the files carry), then saved. (row, created)."""
        obj = kind.model._default_manager.filter(**key).first()
        created = obj is None
        if created:
            obj = kind.model(**key)
        for name, value in columns.items():
            setattr(obj, name, value)
        validate(kind, obj)
        obj.save()
        return obj, created

    def values(self, kind: Kind, data: dict) -> tuple[dict, dict]:
        """(column values, many-to-many values) of the kind's fields present in data."""
        columns, many = {}, {}
        for f in kind.fields():
            if f.name in data:
                value = from_file(f, data[f.name], self.resolve)
                (many if f.many_to_many else columns)[f.name] = value
        return columns, many

    def load_folder(self, folder: Path) -> Counts:
        found = read_folder(folder)
        for kind in KINDS:
            self.load_kind(kind, found[kind])
        return self.counts

    def load_kind(self, kind: Kind, rows: list[tuple[Path, dict]]) -> None:
        """Load read_folder's files of one kind (the kinds in KINDS order)."""
        load = getattr(self, kind.loader)
        for path, data in rows:
            try:
                load(data)
            except ContentError as error:
                raise ContentError(f"{path}: {error}") from error

    def phase(self, data: dict) -> Phase:
        columns, _ = self.values(PHASES, data)
        phase = Phase.objects.filter(slug=columns["slug"]).first() or Phase()
        # Saved only when something changed: the site version and updated_at stay put.
        changed = [name for name, value in columns.items() if getattr(phase, name) != value]
        for name in changed:
            setattr(phase, name, columns[name])
        if changed or phase.pk is None:
            validate(PHASES, phase)
            phase.save()
        texts = data.get("checklist") or []
        # In place, position by position: efforts refer to checklist items by id.
        items = list(phase.checklist_items.order_by("position", "pk"))
        limit = ChecklistItem._meta.get_field("text").max_length
        for position, text in enumerate(texts, start=1):
            if not isinstance(text, str) or not text or len(text) > limit:
                raise ContentError(f"checklist: {text!r} is not a text of 1 to {limit} characters")
            if position <= len(items):
                item = items[position - 1]
                if (item.position, item.text) != (position, text):
                    item.position, item.text = position, text
                    item.save()
            else:
                ChecklistItem.objects.create(phase=phase, position=position, text=text)
        for item in items[len(texts) :]:
            item.delete()
        self.counts.phases += 1
        return phase

    def company(self, data: dict) -> Company:
        columns, many = self.values(COMPANIES, data)
        slug = columns.pop("slug")
        company, _ = self.save(COMPANIES, {"slug": slug}, columns)
        for name, objs in many.items():
            getattr(company, name).set(objs)
        self.counts.companies += 1
        return company

    def method(self, data: dict) -> Method:
        columns, many = self.values(METHODS, data)
        slug = columns.pop("slug")
        # auto_now would overwrite it on save: put back in finish().
        updated_at = columns.pop("updated_at", None)
        if "review_by" not in data and self.review_by is not None:
            columns["review_by"] = self.review_by
        method, created = self.save(METHODS, {"slug": slug}, columns)
        for name, objs in many.items():
            getattr(method, name).set(objs)
        roles = data.get("target_roles") or []
        for role in roles:
            if role not in ROLE_ORDER:
                raise ContentError(f"target_roles: unknown role {role!r}")
        MethodTargetRole.objects.filter(method=method).exclude(role__in=roles).delete()
        for role in roles:
            MethodTargetRole.objects.get_or_create(method=method, role=role)
        wanted = set()
        for step in data.get("steps") or []:
            if not isinstance(step, dict) or set(step) != {"phase", "role", "text"}:
                raise ContentError(f"steps: {step!r} needs exactly phase, role and text")
            if step["role"] not in ROLE_ORDER or not isinstance(step["text"], str):
                raise ContentError(f"steps: {step!r} needs a known role and a text")
            saved, _ = MethodStep.objects.update_or_create(
                method=method,
                phase=self.resolve(Phase, step["phase"]),
                role=step["role"],
                defaults={"text": step["text"]},
            )
            if saved.pk in wanted:
                raise ContentError(f"steps: {step['phase']} / {step['role']} is there twice")
            wanted.add(saved.pk)
        method.steps.exclude(pk__in=wanted).delete()
        refresh_search_index(method)
        if created:
            record_revision(method, method.author, self.revision_message)
        if updated_at is not None:
            self.updated_at[method.pk] = updated_at
        self.methods[slug] = method
        self.counts.methods += 1
        return method

    def report(self, data: dict) -> ExperienceReport:
        columns, _ = self.values(REPORTS, data)
        key = {name: columns.pop(name) for name in REPORTS.key}
        report, _ = self.save(REPORTS, key, columns)
        self.report_methods[report.method.slug] = report.method
        self.counts.reports += 1
        return report

    def finish(self) -> None:
        """Report counts and evidence status of the loaded methods, then their kept dates."""
        for method in {**self.methods, **self.report_methods}.values():
            refresh_report_stats(method)
        for pk, updated_at in self.updated_at.items():
            Method.objects.filter(pk=pk).update(updated_at=updated_at)
        if self.updated_at:
            SiteVersion.objects.bump()  # update() sends no signal


def import_handbook(folder: Path) -> Counts:
    """Load an exported handbook into this installation (call inside a transaction)."""
    loader = Loader()
    counts = loader.load_folder(folder)
    loader.finish()
    load_films(folder)
    return counts
