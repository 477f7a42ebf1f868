"""A tampered form that names an object by a number past 64 bits gets the field's message, not
a server error. Django looks multiple chosen objects up with `pk IN (...)`, and SQLite's driver
raises OverflowError for such a number; core.forms.CheckedModelMultipleChoiceField refuses it
first, and every form's multiple choice of objects is that field."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms

from core.forms import CheckedModelMultipleChoiceField
from tests.formpage import form_data
from tests.trainers.test_trainers import application
from trainers.models import Trainer

HOSTILE_KEYS = ["9" * 20, "9" * 5000, "18446744073709551616", "٣", "-1", "1e3"]


APPS = ("accounts", "api", "companies", "content", "core", "material", "methods", "trainers")


def _project_forms():
    """Every form class the apps define, wherever it lives (forms.py, effort_forms.py, ...)."""
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if not {".migrations", ".management"} & {f".{p}" for p in module.name.split(".")}:
                importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return {cls for cls in below(forms.BaseForm) if cls.__module__.split(".")[0] in APPS}


def test_every_multiple_choice_of_objects_checks_its_keys():
    fields = [
        (f"{cls.__module__}.{cls.__name__}.{name}", field)
        for cls in _project_forms()
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, forms.ModelMultipleChoiceField)
        # Django's own user form in the admin: only administrators reach it.
        and cls.__name__ != "UserChangeAdminForm"
    ]
    assert len(fields) >= 9  # the sweep finds the forms in every module
    unchecked = [
        name for name, field in fields if not isinstance(field, CheckedModelMultipleChoiceField)
    ]
    assert unchecked == [], "use core.forms.CheckedModelMultipleChoiceField (Meta.field_classes)"


@pytest.mark.django_db
@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_the_company_profile_refuses_an_oversized_key(client, company_admin, company, key):
    client.force_login(company_admin)
    url = f"/foretag/{company.slug}/redigera/"
    data = form_data(client.get(url).content.decode(), action=url)
    data["study_visit_areas"] = [key]
    response = client.post(url, data)
    assert response.status_code == 400
    assert "är inte ett giltigt värde" in response.text or "giltigt" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_a_trainer_application_refuses_an_oversized_key(client, member, key):
    client.force_login(member)
    for field in ("competence_areas", "methods"):
        response = client.post("/utbildare/anmal/", application(**{field: [key]}))
        assert response.status_code == 400, field
        assert "giltigt" in response.text
    assert Trainer.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_single_choices_of_objects_refuse_an_oversized_key_too(client, member, company, key):
    """`pk = <number>` is safe in Django (a number out of range finds nothing); checked here
    on the report form, whose method may also arrive in the address."""
    client.force_login(member)
    url = f"/foretag/{company.slug}/rapporter/ny/"
    response = client.get(url, {"metod": key})
    assert response.status_code in (200, 400)
    data = form_data(client.get(url).content.decode(), action=url)
    data["method"] = [key]
    assert client.post(url, data).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_a_new_effort_refuses_an_oversized_key(client, company_admin, company, key):
    from companies.models import Effort

    client.force_login(company_admin)
    url = f"/foretag/{company.slug}/insatser/ny/"
    for field in ("methods", "responsible_members"):
        response = client.post(url, {"title": "Hygien", field: [key]})
        assert response.status_code == 400, field
        assert "giltigt" in response.text
    assert Effort.objects.count() == 0
