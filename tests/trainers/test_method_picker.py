"""The trainer form's methods: chosen by a search inside the form (methods/picker.py), never a
list of every published method. The search keeps what was typed; saving keeps the links the
form showed, an archived one included; tampered and oversized input gets a clear message."""

from __future__ import annotations

import re

import pytest

from methods.choices import Status
from methods.picker import MAX_CHOSEN, SEARCH_RESULTS
from tests.factories import MethodFactory, UserFactory
from tests.trainers.helpers import make_trainer
from tests.trainers.test_trainers import application
from trainers.models import Trainer

pytestmark = pytest.mark.django_db

APPLY = "/utbildare/anmal/"
CHECKBOX = re.compile(r'<input type="checkbox" name="methods" value="(\d+)"([^>]*)>')


def offered(response) -> dict[int, bool]:
    """The method checkboxes on the page: pk -> checked."""
    return {int(pk): "checked" in rest for pk, rest in CHECKBOX.findall(response.text)}


@pytest.fixture
def methods(db):
    return {
        "handledning": MethodFactory(title="Handledning i vardagen"),
        "handbok": MethodFactory(title="Handbok för introduktion"),
        "hygien": MethodFactory(title="Hygien i köket"),
        "utkast": MethodFactory(title="Handledning, utkast", status=Status.DRAFT),
    }


def test_the_form_offers_no_method_until_one_is_searched_for(client, member, methods):
    client.force_login(member)
    response = client.get(APPLY)
    assert response.status_code == 200
    assert offered(response) == {}
    assert "Inga metoder valda ännu." in response.text
    assert 'name="methods_q"' in response.text


@pytest.mark.parametrize("size", [3, 40])
def test_the_form_costs_the_same_whatever_the_size_of_the_handbook(
    client, member, size, django_assert_max_num_queries
):
    MethodFactory.create_batch(size, title="Handledning")
    client.force_login(member)
    with django_assert_max_num_queries(12):
        response = client.get(APPLY)
    assert offered(response) == {}


def test_a_search_shows_matches_unchecked_and_keeps_everything_typed(client, member, methods):
    client.force_login(member)
    data = application(name="Mitt namn", summary="", methods_q="  handl ", methods_find="1")
    response = client.post(APPLY, data)
    assert response.status_code == 200
    assert offered(response) == {methods["handledning"].pk: False}  # not the draft
    assert 'value="Mitt namn"' in response.text
    assert 'value="handl"' in response.text
    # Not validated: the empty summary is not called out before the person saves.
    assert "Skriv en kort presentation." not in response.text
    assert "1 metod med ”handl” i namnet visas ovan" in response.text
    assert Trainer.objects.count() == 0

    # Ticked, searched again: the ticked one stays ticked beside the new matches.
    data = application(methods=[methods["handledning"].pk], methods_q="h", methods_find="1")
    response = client.post(APPLY, data)
    assert offered(response) == {
        methods["handledning"].pk: True,
        methods["handbok"].pk: False,
        methods["hygien"].pk: False,
    }


def test_a_search_that_finds_nothing_says_so(client, member, methods):
    client.force_login(member)
    response = client.post(APPLY, application(methods_q="<b>zzz</b>", methods_find="1"))
    assert "Ingen publicerad metod har ”&lt;b&gt;zzz&lt;/b&gt;” i namnet." in response.text
    assert offered(response) == {}


def test_a_search_shows_a_bounded_number_of_matches(client, member):
    MethodFactory.create_batch(SEARCH_RESULTS + 5, title="Handledning")
    client.force_login(member)
    response = client.post(APPLY, application(methods_q="x" * 5000 + "", methods_find="1"))
    assert response.status_code == 200
    response = client.post(APPLY, application(methods_q="handledning", methods_find="1"))
    assert len(offered(response)) == SEARCH_RESULTS


def test_the_application_saves_the_ticked_methods(client, member, methods):
    client.force_login(member)
    picked = [methods["handledning"].pk, methods["hygien"].pk]
    response = client.post(APPLY, application(methods=picked, methods_q="hyg"))
    assert response.status_code == 302
    assert sorted(Trainer.objects.get().methods.values_list("pk", flat=True)) == sorted(picked)


def test_editing_keeps_a_method_archived_since_and_removes_an_unticked_one(client, methods):
    archived = MethodFactory(title="Gammal metod", status=Status.ARCHIVED)
    trainer = make_trainer(UserFactory(), "Tinas utbildning", methods=[archived, methods["hygien"]])
    client.force_login(trainer.user)
    page = client.get(f"/utbildare/{trainer.slug}/redigera/")
    assert offered(page) == {archived.pk: True, methods["hygien"].pk: True}
    response = client.post(
        f"/utbildare/{trainer.slug}/redigera/", application(methods=[archived.pk])
    )
    assert response.status_code == 302
    assert list(trainer.methods.values_list("pk", flat=True)) == [archived.pk]


def test_tampered_method_choices_are_refused_with_a_message(client, member, methods):
    client.force_login(member)
    response = client.post(APPLY, application(methods=[methods["utkast"].pk]))
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.text
    for tampered in (["1; DROP TABLE", "-3"], ["9" * 5000], ["9" * 30], ["٣"]):
        response = client.post(APPLY, application(methods=tampered))
        assert response.status_code == 400, tampered
        searched = client.post(APPLY, application(methods=tampered, methods_find="1"))
        assert (searched.status_code, offered(searched)) == (200, {}), tampered
    response = client.post(APPLY, application(methods=list(range(1, MAX_CHOSEN + 2))))
    assert response.status_code == 400
    assert f"Välj högst {MAX_CHOSEN} metoder." in response.text
    assert Trainer.objects.count() == 0
