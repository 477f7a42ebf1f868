"""The method editor: plain-Swedish formatting help, the image button, and no image saved
without an alternative text (text kept, message by the field)."""

import pytest
from django.urls import reverse

from methods.models import Method, MethodStep, Phase
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db

ALT_MESSAGE = (
    "Varje bild behöver en beskrivning för den som inte ser den. Bild nummer 1 saknar beskrivning."
)
BASICS = {
    "title": "Visa och gör i disken",
    "summary": "Handledaren visar. Deltagaren gör. Sedan byter ni.",
    "learning_form": "i-arbetet",
    "target_roles": ["deltagare"],
}


def step_url(method, step):
    return reverse("methods:edit_step", args=[method.slug, step])


def test_the_basics_step_explains_formatting_in_plain_swedish_and_offers_an_image_button(
    client, member
):
    client.force_login(member)
    html = client.get(reverse("methods:new")).content.decode()
    assert "Markdown" not in html and "markdown:" not in html.lower()
    assert (
        "Skriv **fetstil** med två stjärnor på var sida om orden. En lista: börja varje rad med "
        "ett bindestreck och ett mellanslag, till exempel ”- Ta på förklädet”."
    ) in html
    assert ">Lägg till bild</button>" in html
    assert "js/image-upload" in html


def test_the_easy_read_step_offers_the_image_button_too(client, member):
    method = MethodFactory(author=member, status="draft")
    client.force_login(member)
    html = client.get(step_url(method, "lattlast")).content.decode()
    assert 'data-image-upload="id_easy_read"' in html
    assert ">Lägg till bild</button>" in html


def test_a_new_method_with_an_image_without_alt_is_refused_and_the_text_kept(client, member):
    client.force_login(member)
    body = "Först visar handledaren.\n\n![](/media/uploads/2026/11/disk.png)"
    response = client.post(reverse("methods:new"), {**BASICS, "body": body})
    assert response.status_code == 400
    assert not Method.objects.exists()
    errors = response.context["form"].errors["body"]
    assert len(errors) == 1 and errors[0].startswith(ALT_MESSAGE)
    html = response.content.decode()
    assert ALT_MESSAGE in html
    assert ">\nFörst visar handledaren.\n\n![](/media/uploads/2026/11/disk.png)</textarea>" in html


def test_a_described_image_is_saved(client, member):
    client.force_login(member)
    body = "Först visar handledaren.\n\n![Handledaren visar diskmaskinen](/media/uploads/d.png)"
    response = client.post(reverse("methods:new"), {**BASICS, "body": body})
    assert response.status_code == 302
    method = Method.objects.get()
    assert method.body == body
    assert (
        '<img alt="Handledaren visar diskmaskinen" src="/media/uploads/d.png">' in method.body_html
    )


def test_an_existing_draft_keeps_its_text_when_an_image_lacks_alt(client, member):
    method = MethodFactory(author=member, status="draft", body="Gammal text.")
    client.force_login(member)
    body = "Ny text ![Beskriv bilden här](/media/uploads/x.png)"
    response = client.post(
        step_url(method, "grund"),
        {**BASICS, "title": method.title, "body": body, "version": method.version},
    )
    assert response.status_code == 400
    method.refresh_from_db()
    assert method.body == "Gammal text."
    assert ALT_MESSAGE in response.content.decode()


def test_easy_read_and_role_steps_need_alt_text_too(client, member):
    method = MethodFactory(author=member, status="draft", easy_read="Du tittar.")
    client.force_login(member)
    response = client.post(
        step_url(method, "lattlast"),
        {"version": method.version, "easy_read": "Du tittar. ![](/media/uploads/e.png)"},
    )
    assert response.status_code == 400
    assert ALT_MESSAGE in response.content.decode()
    method.refresh_from_db()
    assert method.easy_read == "Du tittar."

    phase = Phase.objects.get(slug="genomforande")
    response = client.post(
        step_url(method, "faser"),
        {
            "version": method.version,
            "phases": [phase.pk],
            "steg_genomforande_deltagare": "Provar själv. ![](/media/uploads/f.png)",
        },
    )
    assert response.status_code == 400
    assert ALT_MESSAGE in response.content.decode()
    assert not MethodStep.objects.filter(method=method, text__contains="f.png").exists()
