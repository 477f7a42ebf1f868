"""Films on a trainer's profile in a real browser at 320 px: the trainer adds a film from
another site to their approved profile; the profile shows a placeholder and frames nothing
until "Visa filmen" is pressed (its CSP allows that player only), to the trainer and to an
anonymous reader alike, who gets no way to change the films. An editor then takes the film
down from the films page, which shows them no form for adding one."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from material.models import Film
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_contributing_journey import EDITOR, MEMBER
from tests.browser.test_editor_image_journey import assert_fits_320, log_in
from tests.trainers.helpers import make_trainer

pytestmark = pytest.mark.browser


def test_a_trainer_adds_a_film_to_the_profile_and_a_reader_sees_it(demo_data, page, new_page, axe):
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 320, "height": 800})
    trainer = make_trainer(User.objects.get(email=MEMBER), "Medlemmens kurser")
    profile = reverse("trainers:detail", args=[trainer.slug])
    log_in(page, MEMBER)
    page.goto(profile)
    page.get_by_role("link", name="Lägg till eller ta bort filmer").click()
    expect(page.get_by_role("heading", name="Lägg till en film")).to_be_visible()
    assert_no_axe_violations(axe, page)
    assert_fits_320(page)
    page.get_by_label("Filmen finns på en annan webbplats").check()
    page.locator("#id_title").fill("Så planerar vi första kursdagen")
    page.locator("#id_minutes").fill("5")
    page.locator("#id_url").fill("https://play.orebro.se/film/forsta-kursdagen")
    page.get_by_role("button", name="Lägg till filmen").click()
    expect(page.get_by_text("Filmen ”Så planerar vi första kursdagen” är tillagd.")).to_be_visible()
    assert Film.objects.get(title="Så planerar vi första kursdagen").owner == trainer

    fetched: list[str] = []
    reader = new_page()
    reader.set_viewport_size({"width": 320, "height": 800})
    reader.route(
        "https://play.orebro.se/**",
        lambda route: (fetched.append(route.request.url), route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Film</title>"
        )),
    )  # fmt: skip
    for person in (page, reader):
        response = person.goto(profile)
        assert "frame-src https://play.orebro.se" in response.headers["content-security-policy"]
        expect(person.locator(".film-placeholder")).to_contain_text(
            "Filmen finns på play.orebro.se"
        )
        expect(person.locator("iframe")).to_have_count(0)
        assert_no_axe_violations(axe, person)
        assert_fits_320(person)
    expect(page.get_by_role("link", name="Lägg till eller ta bort filmer")).to_be_visible()
    expect(reader.get_by_role("link", name="Lägg till eller ta bort filmer")).to_have_count(0)
    assert fetched == []
    reader.get_by_role("button", name="Visa filmen").click()
    frame = reader.locator("iframe.film-frame")
    expect(frame).to_have_attribute("src", "https://play.orebro.se/film/forsta-kursdagen")
    expect(frame).to_have_attribute("title", "Så planerar vi första kursdagen")
    reader.wait_for_timeout(300)
    assert fetched == ["https://play.orebro.se/film/forsta-kursdagen"]
    assert page.js_errors == [] and reader.js_errors == []

    editor = new_page()
    editor.set_default_timeout(10_000)
    editor.set_viewport_size({"width": 320, "height": 800})
    log_in(editor, EDITOR)
    editor.goto(profile)
    expect(editor.get_by_role("link", name="Lägg till eller ta bort filmer")).to_have_count(0)
    editor.get_by_role("link", name="Ta bort filmer").click()
    expect(editor.get_by_role("heading", name="Filmer nu")).to_be_visible()
    expect(editor.get_by_role("heading", name="Lägg till en film")).to_have_count(0)
    assert_no_axe_violations(axe, editor)
    assert_fits_320(editor)
    editor.get_by_role("button", name="Ta bort Så planerar vi första kursdagen").click()
    expect(
        editor.get_by_text("Filmen ”Så planerar vi första kursdagen” är borttagen.")
    ).to_be_visible()
    expect(editor.get_by_text("Inga filmer än.")).to_be_visible()
    assert not Film.objects.owned_by(type(trainer), trainer.pk).exists()
    assert editor.js_errors == []
