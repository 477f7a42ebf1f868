"""Films on a trainer's profile (issue 15): material's films registered for the Trainer owner
kind from TrainersConfig.ready() (material never imports trainers). Who may add and remove
them, what each role sees on the profile, the CSP and the profile's query count."""

# Long rows of test data read best one per line.
# ruff: noqa: E501

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from material.models import Film, FilmKind
from material.owners import owner_kind
from material.permissions import can_add_film, can_remove_film, can_see_film
from material.services import add_film
from methods.choices import Status
from tests.factories import UserFactory
from tests.material.test_films import CAPTIONS, WEBM
from tests.trainers.helpers import make_trainer
from trainers.models import Trainer

pytestmark = pytest.mark.django_db

ELSEWHERE = {
    "source": "lank",
    "title": "Så planerar vi första dagen",
    "minutes": "6",
    "url": "https://vimeo.com/76979871",
}


@pytest.fixture
def trainer_user(db):
    return UserFactory(display_name="Tina Utbildare")


@pytest.fixture
def trainer(trainer_user):
    return make_trainer(trainer_user, "Tinas utbildning")


@pytest.fixture
def another_trainer(db):
    return make_trainer(UserFactory(display_name="Olle"), "Olles kurser")


def _upload_film(trainer: Trainer) -> Film:
    return add_film(
        trainer, trainer.user, title="Handledarsamtalet", minutes=4,
        transcript="Tina visar hur ett samtal med handledaren går till.",
        upload=SimpleUploadedFile("samtal.webm", WEBM, content_type="video/webm"),
        content_type="video/webm", captions=CAPTIONS,
        captions_text="Välkommen till arbetsplatsen.",
    )  # fmt: skip


def _elsewhere_film(trainer: Trainer) -> Film:
    return add_film(
        trainer, trainer.user, title="Så planerar vi första dagen", minutes=6,
        url="https://vimeo.com/76979871", embed_url="https://player.vimeo.com/video/76979871",
    )  # fmt: skip


def test_trainer_is_a_registered_owner_kind(trainer):
    kind = owner_kind(trainer)
    assert kind is not None
    assert kind.films_url(trainer) == f"/utbildare/{trainer.slug}/filmer/"


@pytest.mark.parametrize("role", ["anonymous", "another_trainer", "the_trainer", "editor"])
def test_every_role_sees_the_films_on_the_profile_only_the_trainer_adds_editors_remove(
    request, client, trainer, another_trainer, role
):
    film = _elsewhere_film(trainer)
    users = {
        "anonymous": None,
        "another_trainer": another_trainer.user,
        "the_trainer": trainer.user,
        "editor": request.getfixturevalue("editor"),
    }
    if users[role]:
        client.force_login(users[role])
    response = client.get(f"/utbildare/{trainer.slug}/")
    page = response.content.decode()
    assert response.status_code == 200
    # The placeholder: title, length, the other site's name and "Visa filmen"; no player yet.
    assert '<section class="films" id="filmer"' in page
    assert "<strong>Så planerar vi första dagen</strong>" in page
    assert "(6 minuter)" in page
    assert 'data-embed="https://player.vimeo.com/video/76979871"' in page
    assert "Filmen finns på vimeo.com." in page
    assert "Visa filmen" in page
    assert "<iframe" not in page
    # The CSP of this response frames exactly that player.
    assert "frame-src https://player.vimeo.com" in response["Content-Security-Policy"]
    may_add = role == "the_trainer"
    may_remove = role in {"the_trainer", "editor"}
    assert (f'href="/utbildare/{trainer.slug}/filmer/"' in page) is may_remove
    assert ("Lägg till eller ta bort filmer" in page) is may_add
    assert ("Ta bort filmer" in page) is (may_remove and not may_add)
    assert can_add_film(users[role] or _anonymous(), trainer) is may_add
    assert can_remove_film(users[role] or _anonymous(), film) is may_remove
    assert can_see_film(users[role] or _anonymous(), film) is True


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_an_uploaded_film_plays_with_its_captions_on_the_profile(client, trainer):
    film = _upload_film(trainer)
    response = client.get(f"/utbildare/{trainer.slug}/")
    page = response.content.decode()
    assert (
        f'<video class="film__video" controls preload="metadata" src="/filmer/{film.pk}/film">'
        in page
    )
    assert (
        f'<track kind="captions" srclang="sv" label="Svenska" src="/filmer/{film.pk}/textning.vtt" default>'
        in page
    )
    assert "Tina visar hur ett samtal med handledaren går till." in page
    # No film from another site: no frame source at all.
    assert "vimeo" not in response["Content-Security-Policy"]
    assert client.get(f"/filmer/{film.pk}/textning.vtt").status_code == 200


def test_a_profile_without_films_shows_no_films_section_to_readers(client, trainer):
    assert 'id="filmer"' not in client.get(f"/utbildare/{trainer.slug}/").content.decode()


def test_the_trainer_adds_and_removes_a_film_on_their_profile(client, trainer):
    client.force_login(trainer.user)
    url = f"/utbildare/{trainer.slug}/filmer/"
    page = client.get(url).content.decode()
    assert '<li><a href="/utbildare/">Utbildare</a></li>' in page
    response = client.post(url, ELSEWHERE)
    assert response.status_code == 302 and response["Location"] == url
    film = Film.objects.get()
    assert film.owner == trainer and film.kind == FilmKind.EXTERNAL
    assert film.embed_url == "https://player.vimeo.com/video/76979871"
    assert film.added_by == trainer.user
    response = client.post(f"/filmer/{film.pk}/ta-bort/")
    assert response.status_code == 302 and response["Location"] == url
    assert not Film.objects.exists()


def test_bad_input_keeps_what_was_typed(client, trainer):
    client.force_login(trainer.user)
    response = client.post(f"/utbildare/{trainer.slug}/filmer/", {**ELSEWHERE, "minutes": ""})
    assert response.status_code == 400
    assert 'value="Så planerar vi första dagen"' in response.content.decode()
    assert not Film.objects.exists()


def test_no_one_else_adds_films_and_not_before_approval(client, trainer, another_trainer, editor):
    url = f"/utbildare/{trainer.slug}/filmer/"
    for user in (another_trainer.user, editor):
        client.force_login(user)
        assert client.post(url, ELSEWHERE).status_code == 403
    trainer.status = Status.SUBMITTED
    trainer.save()
    client.force_login(trainer.user)
    assert client.post(url, ELSEWHERE).status_code == 403
    # An applied profile is unknown to another trainer.
    client.force_login(another_trainer.user)
    assert client.get(url).status_code == 404
    assert not Film.objects.exists()


def test_films_of_an_unapproved_profile_are_not_served_to_others(client, trainer, another_trainer):
    film = _upload_film(trainer)
    trainer.status = Status.SUBMITTED
    trainer.save()
    assert client.get(f"/filmer/{film.pk}/film").status_code == 404
    client.force_login(trainer.user)
    assert client.get(f"/filmer/{film.pk}/textning.vtt").status_code == 200


def test_a_deleted_profile_takes_its_films_along(trainer):
    _elsewhere_film(trainer)
    trainer.delete()
    assert not Film.objects.exists()


@pytest.mark.parametrize("size", [0, 1, 5])
def test_profile_query_count_does_not_grow_with_films(
    client, django_assert_num_queries, trainer, size
):
    for _number in range(size):
        _elsewhere_film(trainer)
    # the site version (page cache), the profile, its areas, its methods, the reports' count
    # and average, the latest reports, its films
    with django_assert_num_queries(7):
        response = client.get(trainer.get_absolute_url())
    assert len(response.context["films"]) == size


def test_an_editor_takes_a_film_off_an_approved_profile(client, trainer, editor):
    """A film on an approved profile is shown at once; the editors take one down without
    archiving the profile, from the films page without its form."""
    film = _elsewhere_film(trainer)
    client.force_login(editor)
    page = client.get(f"/utbildare/{trainer.slug}/filmer/").content.decode()
    assert "Så planerar vi första dagen" in page
    assert f'action="/filmer/{film.pk}/ta-bort/"' in page
    assert "Lägg till en film" not in page and 'enctype="multipart/form-data"' not in page
    response = client.post(f"/filmer/{film.pk}/ta-bort/")
    assert response.status_code == 302
    assert response["Location"] == f"/utbildare/{trainer.slug}/filmer/"
    assert not Film.objects.filter(pk=film.pk).exists()
    # Adding stays the trainer's alone.
    response = client.post(
        f"/utbildare/{trainer.slug}/filmer/",
        {"source": "lank", "title": "Ny", "minutes": "3", "url": "https://vimeo.com/456"},
    )
    assert response.status_code == 403
    assert not Film.objects.exists()
