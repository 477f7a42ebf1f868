"""Every image in user text says what it shows: core.rendering.validate_image_alt_text, and the
editor's "Lägg till bild" controls (core.widgets.MarkdownEditor)."""

import pytest
from django.core.exceptions import ValidationError

from core.rendering import images_without_alt, validate_image_alt_text
from core.widgets import MarkdownEditor, TextareaWithImages

MESSAGE = (
    "Varje bild behöver en beskrivning för den som inte ser den. Bild nummer {numbers} saknar "
    "beskrivning. Skriv vad bilden visar mellan hakparenteserna, till exempel ![Två kollegor "
    "tömmer diskmaskinen] följt av bildens adress inom parentes."
)


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("", []),
        ("Ingen bild här, bara [en länk](https://example.org).", []),
        ("![Handledaren visar](/media/uploads/a.png)", []),
        ("![](/media/uploads/a.png)", [1]),
        ("![   ](/media/uploads/a.png)", [1]),
        # The placeholder the upload once inserted is not a description, in either language.
        ("![Beskriv bilden här](/media/uploads/a.png)", [1]),
        ("![Describe the image here](/media/uploads/a.png)", [1]),
        ("![Disken](/media/uploads/a.png)\n\n![](/media/uploads/b.png)", [2]),
        # Reference images and raw tags count too.
        ("![][bild]\n\n[bild]: /media/uploads/a.png", [1]),
        ('<img src="/media/uploads/a.png">', [1]),
        ('<img src="/media/uploads/a.png" alt="Förklädet på kroken">', []),
        ("`![](/media/uploads/a.png)` i kod är ingen bild", []),
    ],
)
def test_images_without_alt_are_found_wherever_they_are_written(text, missing):
    assert images_without_alt(text) == missing


def test_the_validator_names_each_image_without_alt_in_plain_swedish():
    text = (
        "![](/media/uploads/a.png)\n\n![Disken](/media/uploads/b.png)\n\n![](/media/uploads/c.png)"
    )
    with pytest.raises(ValidationError) as raised:
        validate_image_alt_text(text)
    assert raised.value.messages == [MESSAGE.format(numbers="1, 3")]
    validate_image_alt_text("![Disken](/media/uploads/b.png)")  # no error


def test_the_editor_adds_a_keyboard_image_button_that_uses_the_markdownx_upload_url():
    html = MarkdownEditor(attrs={"rows": 14}).render("body", "Text", attrs={"id": "id_body"})
    # The markdownx textarea with its own upload URL, as before.
    assert 'data-markdownx-upload-urls-path="/markdownx/upload/"' in html
    # The controls, hidden until the script runs them (no dead button without JavaScript).
    assert (
        '<div class="image-upload" data-image-upload="id_body" '
        'data-upload-url="/markdownx/upload/" hidden'
    ) in html
    assert (
        '<button type="button" class="button--secondary image-upload__choose" '
        'aria-describedby="id_body_bild_help">Lägg till bild</button>'
    ) in html
    # The file input itself is out of sight and out of the tab order: the button opens it.
    assert (
        '<input type="file" id="id_body_bild" accept="image/png,image/jpeg,image/webp" '
        'class="visually-hidden" tabindex="-1" aria-hidden="true">'
    ) in html
    label = "Beskriv bilden för den som inte ser den"
    assert f'<label for="id_body_alt" id="id_body_alt_label">{label}</label>' in html
    assert "En bild i PNG, JPEG eller WebP, högst 5 MB." in html


def test_the_easy_read_box_gets_the_same_button_without_the_editor():
    html = TextareaWithImages().render("easy_read", "Du tittar.", attrs={"id": "id_easy_read"})
    assert html.startswith('<textarea name="easy_read"')
    assert "markdownx" not in html.replace("/markdownx/upload/", "")
    assert 'data-image-upload="id_easy_read" data-upload-url="/markdownx/upload/"' in html
    assert ">Lägg till bild</button>" in html
