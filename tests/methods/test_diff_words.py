"""Issue 13: the history and review diff shows every value in words, never codes or slugs."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from methods.diff import diff_snapshots
from methods.models import BusinessLine, CompetenceArea
from methods.services import snapshot
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db


def rows(old, new) -> list[tuple[str, str]]:
    return [(d.label, str(d.html)) for d in diff_snapshots(old, new)]


def test_a_snapshot_pair_in_words():
    CompetenceArea.objects.create(slug="samarbete-x", name="Samarbete X")
    CompetenceArea.objects.create(slug="svenska-x", name="Svenska på jobbet X")
    BusinessLine.objects.create(slug="kafe-x", name="Kafé X")
    old = {
        "title": "Prova",
        "slug": "prova",
        "learning_form": "i-arbetet",
        "status": "submitted",
        "cost_level": "ingen",
        "internal_hours": "0.0",
        "needs_external_trainer": False,
        "review_by": "2027-03-01",
        "phases": ["behov-och-mal", "genomforande"],
        "competence_areas": ["samarbete-x"],
        "business_lines": [],
        "target_roles": ["deltagare"],
        "steps": [
            {"phase": "genomforande", "role": "handledare", "text": "Visar hur."},
            {"phase": "behov-och-mal", "role": "deltagare", "text": "Berättar."},
        ],
    }
    new = {
        **old,
        "slug": "prova-2",
        "status": "published",
        "cost_level": "lag",
        "internal_hours": 0,
        "needs_external_trainer": True,
        "review_by": "2028-01-15",
        "phases": ["genomforande", "efterarbete"],
        "competence_areas": ["svenska-x", "samarbete-x"],
        "business_lines": ["kafe-x"],
        "target_roles": ["handledare", "deltagare"],
        "steps": [
            {"phase": "genomforande", "role": "handledare", "text": "Visar lugnt hur."},
            {"phase": "efterarbete", "role": "ledning", "text": "Följer upp."},
        ],
    }
    with CaptureQueriesContext(connection) as queries:
        result = rows(old, new)
    # One query per vocabulary: phases, competence areas, lines of business.
    assert len(queries) == 3
    assert result == [
        ("Kostnad", "<del>Ingen kostnad</del> → <ins>Låg (under 2 000 kr)</ins>"),
        ("Extern utbildare", "<del>Nej</del> → <ins>Ja</ins>"),
        ("Status", "<del>Inskickad</del> → <ins>Publicerad</ins>"),
        ("Granskas senast", "<del>1 mars 2027</del> → <ins>15 jan. 2028</ins>"),
        ("Faser", "<del>Behov och mål</del>, Genomförande, <ins>Efterarbete</ins>"),
        ("Kompetensområden", "Samarbete X, <ins>Svenska på jobbet X</ins>"),
        ("Branscher", "<ins>Kafé X</ins>"),
        ("Målgrupp", "Deltagare, <ins>Handledare</ins>"),
        ("Steg: Behov och mål – Deltagare", "<del>Berättar.</del>"),
        ("Steg: Genomförande – Handledare", "Visar <ins>lugnt </ins>hur."),
        ("Steg: Efterarbete – Ledning", "<ins>Följer upp.</ins>"),
    ]


@pytest.mark.parametrize(
    "before, after, expected",
    [
        ("4.0", Decimal("4"), None),
        (4, "4.0", None),
        ("0.0", 0, None),
        ("4.0", "4.5", "<del>4</del> → <ins>4,5</ins>"),
        ("40.0", "12.5", "<del>40</del> → <ins>12,5</ins>"),
        (None, "2.0", "<ins>2</ins>"),
    ],
)
def test_numbers_are_compared_and_shown_as_written_in_swedish(before, after, expected):
    result = rows({"internal_hours": before}, {"internal_hours": after})
    assert result == ([("Interna timmar", expected)] if expected else [])


def test_machine_fields_never_appear():
    old = {"slug": "a", "title": "Samma"}
    new = {"slug": "b", "title": "Samma", "version": 7, "wizard_step": "faser", "id": 3}
    assert rows(old, new) == []


def test_a_real_method_published_shows_words_and_names(company):
    method = MethodFactory(status="submitted", company=None)
    before = snapshot(method)
    method.status = "published"
    method.cost_level = "medel"
    method.internal_hours = Decimal("2.5")
    method.company = company
    method.save()
    result = rows(before, snapshot(method))
    assert result == [
        ("Kostnad", "<del>Ingen kostnad</del> → <ins>Medel (2 000–10 000 kr)</ins>"),
        ("Interna timmar", "<del>0</del> → <ins>2,5</ins>"),
        ("Status", "<del>Inskickad</del> → <ins>Publicerad</ins>"),
        ("Företag", "<ins>Kafé Test</ins>"),
    ]
