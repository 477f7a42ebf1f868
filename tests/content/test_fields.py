"""The content files carry every field of their models, or leave it out on purpose."""

from __future__ import annotations

from dataclasses import replace

import pytest

from content.fields import KINDS, METHODS, NATURAL_KEYS, PARTS, Kind, forward_fields


def uncovered(kind: Kind) -> set[str]:
    """Fields of the model that the kind neither carries nor excludes."""
    declared = {f.name for f in forward_fields(kind.model)}
    return declared - set(kind.field_names()) - set(kind.excluded)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.folder)
def test_every_field_of_the_model_is_carried_or_excluded_with_a_reason(kind):
    # A failure here means a model gained a field: carry it (editable fields are carried by
    # default, others via `also`) or add it to the kind's `excluded` in content/fields.py.
    assert uncovered(kind) == set()
    declared = {f.name for f in forward_fields(kind.model)}
    assert set(kind.excluded) <= declared, "an exclusion names a field the model no longer has"
    assert all(reason for reason in kind.excluded.values())
    assert set(kind.also) <= declared
    assert kind.private <= set(kind.field_names())
    assert set(kind.key) <= set(kind.field_names())
    assert kind.body in kind.field_names()


def test_a_field_left_out_of_the_declarations_is_caught():
    # What a new non-editable field on Method looks like to the check.
    excluded = {name: why for name, why in METHODS.excluded.items() if name != "search_text"}
    assert uncovered(replace(METHODS, excluded=excluded)) == {"search_text"}


@pytest.mark.parametrize("name", sorted(PARTS))
def test_every_field_of_a_part_is_carried_or_excluded(name):
    part = PARTS[name]
    declared = {f.name for f in forward_fields(part.model)}
    assert declared == part.carried | set(part.excluded)
    assert not part.carried & set(part.excluded)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.folder)
def test_every_carried_relation_has_a_natural_key(kind):
    for f in kind.fields():
        if f.is_relation:
            assert f.related_model in NATURAL_KEYS, f.name


def test_method_files_carry_exactly_these_fields():
    # The list the format documents; a change here is a change of the open-data format.
    assert METHODS.field_names() == [
        "title", "slug", "summary", "easy_read", "purpose", "body", "learning_form",
        "prerequisites", "adaptation_language", "adaptation_reading", "adaptation_health",
        "prep_minutes", "delivery_minutes", "followup_minutes", "group_size_min",
        "group_size_max", "cost_level", "internal_hours", "materials", "needs_external_trainer",
        "external_trainer_phase", "indicator_reaction", "indicator_learning",
        "indicator_behaviour", "indicator_results", "evidence_status", "source", "licence",
        "contact", "author", "company", "status", "review_by", "published_at", "updated_at",
        "phases", "competence_areas", "business_lines",
    ]  # fmt: skip
