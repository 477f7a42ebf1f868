"""The hand-kept field lists follow their models: each is derived from the model, and these tests
fail, naming the field and where to add it, when a model gains a field the list neither covers
nor leaves out on purpose."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import models

from companies import services as company_services
from companies.models import (
    Company,
    Effort,
    EffortCheck,
    EffortPhase,
    ExperienceReport,
    Invitation,
    Membership,
)
from methods import diff, workflow
from methods.choices import Status
from methods.models import Method, Phase
from methods.services import (
    SNAPSHOT_EXCLUDED,
    SNAPSHOT_FIELDS,
    SNAPSHOT_RELATIONS,
    record_revision,
    snapshot,
)
from tests.factories import CompanyFactory, MethodFactory


def _fields(model: type[models.Model]) -> list[models.Field]:
    """The fields declared on the model itself: columns and many-to-many relations."""
    return [*model._meta.concrete_fields, *model._meta.many_to_many]


def _text_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
    ]


def test_snapshot_fields_cover_every_method_field():
    declared = set(SNAPSHOT_FIELDS) | set(SNAPSHOT_RELATIONS) | SNAPSHOT_EXCLUDED
    missing = [f.name for f in _fields(Method) if f.name not in declared]
    assert not missing, (
        f"Method.{missing[0]} is neither kept by revision snapshots nor left out on purpose: add "
        "it to SNAPSHOT_RELATIONS in methods/services.py (and write it in snapshot() and read it "
        "in methods/workflow.py apply_snapshot()), or to SNAPSHOT_EXCLUDED in methods/services.py"
    )
    # Plain fields are derived; relations need code of their own in snapshot().
    assert not {f.name for f in _fields(Method) if f.is_relation} & set(SNAPSHOT_FIELDS)


@pytest.mark.django_db
def test_snapshot_restores_every_field_it_keeps():
    phases = list(Phase.objects.order_by("number"))  # seeded by a migration
    company = CompanyFactory()
    source = MethodFactory(
        title="Källa",
        summary="Sammanfattning.",
        easy_read="Lätt.",
        purpose="Syfte.",
        body="Text.",
        prerequisites="Förutsättning.",
        adaptation_language="Språk.",
        adaptation_reading="Läsning.",
        adaptation_health="Hälsa.",
        prep_minutes=15,
        delivery_minutes=45,
        followup_minutes=30,
        group_size_min=2,
        group_size_max=9,
        internal_hours=Decimal("3.5"),
        materials="Papper.",
        needs_external_trainer=True,
        external_trainer_phase=phases[2],
        indicator_reaction="R.",
        indicator_learning="L.",
        indicator_behaviour="B.",
        indicator_results="E.",
        source="Bok.",
        contact="Kontakt.",
        review_by=date(2027, 3, 1),
        company=company,
    )
    target = MethodFactory(title="Mål", status=Status.DRAFT)
    data = record_revision(source).snapshot  # stored as JSON and read back
    workflow.apply_snapshot(target, data)
    target.refresh_from_db()
    for name in SNAPSHOT_FIELDS:
        if name in ("slug", "status"):  # a restore keeps the address and the state
            continue
        assert getattr(target, name) == getattr(source, name), name
    assert (target.external_trainer_phase, target.company) == (phases[2], company)
    assert snapshot(target) | {"slug": None, "status": None} == snapshot(source) | {
        "slug": None,
        "status": None,
    }


@pytest.mark.django_db
def test_restoring_a_revision_from_before_the_company_was_kept_leaves_the_company():
    company = CompanyFactory()
    method = MethodFactory(company=company, title="Ny")
    old = snapshot(method)
    del old["company"]
    old["title"] = "Gammal"
    workflow.apply_snapshot(method, old)
    method.refresh_from_db()
    assert (method.title, method.company) == ("Gammal", company)


@pytest.mark.django_db
def test_restoring_a_revision_brings_the_company_back():
    first, second = CompanyFactory(), CompanyFactory()
    method = MethodFactory(company=first)
    kept = snapshot(method)
    method.company = second
    method.save()
    workflow.apply_snapshot(method, kept)
    method.refresh_from_db()
    assert method.company == first
    kept["company"] = None
    workflow.apply_snapshot(method, kept)
    method.refresh_from_db()
    assert method.company is None


def test_checked_fields_cover_every_free_text_field_of_a_method():
    assert workflow.CHECKED_FIELDS == [
        "title", "summary", "easy_read", "purpose", "body", "prerequisites",
        "adaptation_language", "adaptation_reading", "adaptation_health", "materials",
        "indicator_reaction", "indicator_learning", "indicator_behaviour", "indicator_results",
        "source",
    ]  # fmt: skip
    for name in _text_fields(Method):
        field = Method._meta.get_field(name)
        not_free_text = field.choices or not field.editable or isinstance(field, models.SlugField)
        assert (
            name in workflow.CHECKED_FIELDS or name in workflow.CHECKED_EXCLUDED or (not_free_text)
        ), (
            f"Method.{name} is free text but not checked for personal data: derive it into "
            "CHECKED_FIELDS in methods/workflow.py or add it to CHECKED_EXCLUDED there"
        )


def test_report_checked_fields_cover_every_free_text_field_of_a_report():
    assert company_services.REPORT_CHECKED_FIELDS == [
        "title", "context", "adaptations", "outcome_reaction", "outcome_learning",
        "outcome_behaviour", "outcome_results", "helped", "hindered", "external_trainer_notes",
    ]  # fmt: skip
    for name in _text_fields(ExperienceReport):
        field = ExperienceReport._meta.get_field(name)
        assert (
            name in company_services.REPORT_CHECKED_FIELDS or field.choices or (not field.editable)
        ), (
            f"ExperienceReport.{name} is free text but not checked for personal data: derive it "
            "into REPORT_CHECKED_FIELDS in companies/services.py or pass it in its exclude set"
        )


@pytest.mark.django_db
def test_diff_labels_every_snapshot_key():
    labels = diff.labels()
    keys = snapshot(MethodFactory())
    missing = [k for k in keys if k not in labels and k not in diff.UNLABELLED]
    assert not missing, (
        f"The snapshot key {missing[0]!r} has no label in the revision diff: add it to LABELS "
        "in methods/diff.py, or to UNLABELLED there if it is shown another way"
    )
    # The hand-written wording stays, first and in its order; a field without one (the
    # company) gets its verbose_name.
    assert list(labels)[: len(diff.LABELS)] == list(diff.LABELS)
    assert (str(labels["title"]), str(labels["company"])) == ("Titel", "Företag")


@pytest.mark.django_db
def test_diff_shows_a_changed_company():
    method = MethodFactory(company=CompanyFactory(name="Förra AB"))
    before = snapshot(method)
    method.company = CompanyFactory(name="Nästa AB")
    method.save()
    changes = diff.diff_snapshots(before, snapshot(method))
    assert [(c.label, str(c.html)) for c in changes] == [
        ("Företag", "<del>Förra AB</del> → <ins>Nästa AB</ins>")
    ]


EXPORT_MODELS = {
    "company": Company,
    "members": Membership,
    "invitations": Invitation,
    "efforts": Effort,
    "effort_phases": EffortPhase,
    "effort_checks": EffortCheck,
    "experience_reports": ExperienceReport,
}


@pytest.mark.parametrize("table", EXPORT_MODELS)
def test_export_columns_cover_every_model_field(table):
    columns = company_services.EXPORT_COLUMNS[table]
    left_out = company_services.EXPORT_LEFT_OUT[table]
    model = EXPORT_MODELS[table]
    missing = [
        f.name
        for f in _fields(model)
        if f.name not in columns and f.attname not in columns and f.name not in left_out
    ]
    assert not missing, (
        f"{model.__name__}.{missing[0]} is not in the company export: add a column to "
        f"EXPORT_COLUMNS[{table!r}] in companies/services.py (and its value in company_export()),"
        f" or add it to EXPORT_LEFT_OUT[{table!r}] there"
    )
    stale = left_out - {f.name for f in _fields(model)}
    assert not stale, f"EXPORT_LEFT_OUT[{table!r}] names fields {model.__name__} lacks: {stale}"
