"""Trainer profiles and guide pages for tests (the permission matrix and object sweep use them
too)."""

from __future__ import annotations

from django.utils.text import slugify

from methods.choices import Status
from methods.models import CompetenceArea, Method, Phase
from trainers.models import Trainer, TrainerGuidePage


def make_trainer(user, name: str, status: str = Status.PUBLISHED, **fields) -> Trainer:
    areas = fields.pop("areas", ["handledning"])
    methods: list[Method] = fields.pop("methods", [])
    trainer = Trainer.objects.create(
        user=user,
        name=name,
        slug=fields.pop("slug", slugify(name)),
        entity=fields.pop("entity", "organisation"),
        kind=fields.pop("kind", "studieforbund"),
        summary=fields.pop("summary", "Utbildar handledare i ASF."),
        counties=fields.pop("counties", ["orebro"]),
        languages=fields.pop("languages", ["svenska"]),
        formats=fields.pop("formats", ["pa-plats"]),
        contact_email=fields.pop("contact_email", f"kontakt-{slugify(name)}@example.org"),
        status=status,
        **fields,
    )
    trainer.competence_areas.set(CompetenceArea.objects.filter(slug__in=areas))
    trainer.methods.set(methods)
    return trainer


def make_guide_page(phase_slug: str = "forankring", **fields) -> TrainerGuidePage:
    page, _created = TrainerGuidePage.objects.update_or_create(
        phase=Phase.objects.get(slug=phase_slug),
        defaults={
            "summary": fields.get("summary", "Planera med handledaren."),
            "text": fields.get(
                "text", "## Före första dagen\n\nBoka ett möte med **handledaren**."
            ),
            "easy_read": fields.get("easy_read", "Träffa handledaren först."),
        },
    )
    return page


# A complete application as the form posts it.
APPLICATION = {
    "name": "Lärande Verkstan",
    "entity": "organisation",
    "kind": "studieforbund",
    "summary": "Studiecirklar i svenska på jobbet.",
    "description": "Vi kommer till er.",
    "competence_areas": ["{area_pk}"],
    "counties": ["orebro", "stockholm"],
    "languages": ["svenska", "arabiska"],
    "formats": ["pa-plats"],
    "website": "",
    "contact_email": "verkstan@example.org",
}
