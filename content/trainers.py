"""The trainers' demo content: the guide "För dig som utbildar i ett ASF" (content/demo/
trainer_guide/, one file per phase, the guide as the Markdown body) and trainer profiles
(content/demo/trainers/, the description as the body). Loaded by seed_demo; every row is found
by its natural key (the phase's slug, the profile's slug), so loading twice duplicates nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from methods.choices import Status
from methods.models import CompetenceArea, Method, Phase
from trainers.models import Trainer, TrainerGuidePage

from .fields import ContentError
from .files import FormatError, read_file

GUIDE_FOLDER = "trainer_guide"
TRAINERS_FOLDER = "trainers"


def _files(folder: Path) -> list[tuple[Path, dict]]:
    rows = []
    for path in sorted(folder.glob("*.md")):
        try:
            rows.append((path, read_file(path, "body")))
        except FormatError as error:
            raise ContentError(str(error)) from error
    return rows


def _checked(obj, path: Path, exclude: list[str]) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise ContentError(f"{path}: {error}") from error


def load_trainer_guide(folder: Path) -> int:
    phases = {phase.slug: phase for phase in Phase.objects.all()}
    count = 0
    for path, data in _files(folder / GUIDE_FOLDER):
        phase = phases.get(data.get("phase"))
        if phase is None:
            raise ContentError(f"{path}: there is no phase {data.get('phase')!r}")
        page = TrainerGuidePage.objects.filter(phase=phase).first() or TrainerGuidePage(phase=phase)
        page.summary = data["summary"]
        page.text = data["body"]
        page.easy_read = data["easy_read"]
        _checked(page, path, exclude=["phase"])
        page.save()
        count += 1
    return count


def load_trainers(folder: Path, account: Callable[[str, str], User]) -> int:
    """Approved demo profiles; `account(email, display_name)` gives each its owner."""
    areas = {area.slug: area for area in CompetenceArea.objects.all()}
    count = 0
    for path, data in _files(folder / TRAINERS_FOLDER):
        owner = account(data["account"], data["account_name"])
        trainer = Trainer.objects.filter(slug=data["slug"]).first() or Trainer(slug=data["slug"])
        trainer.user = owner
        for field in ("name", "entity", "kind", "summary", "counties", "languages", "formats"):
            setattr(trainer, field, data[field])
        trainer.description = data["body"]
        trainer.website = data.get("website") or ""
        trainer.contact_email = data["account"]
        trainer.status = Status.PUBLISHED
        _checked(trainer, path, exclude=["user", "slug"])
        if trainer.approved_at is None:
            trainer.approved_at = timezone.now()
        trainer.save()
        unknown = [slug for slug in data["competence_areas"] if slug not in areas]
        if unknown:
            raise ContentError(f"{path}: unknown competence areas {unknown}")
        trainer.competence_areas.set([areas[slug] for slug in data["competence_areas"]])
        methods = list(Method.objects.filter(slug__in=data.get("methods") or []))
        if len(methods) != len(set(data.get("methods") or [])):
            raise ContentError(f"{path}: a method in {data.get('methods')} does not exist")
        trainer.methods.set(methods)
        count += 1
    return count
