"""{% load i18n %} is Django's library with a literal {% translate %} remembered per language
(core/templatetags/i18n_constant.py): the same output as Django's own, in every form of the tag."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Engine, Template, engines
from django.template.loader import get_template
from django.test import override_settings
from django.utils import translation

from core.templatetags.i18n_constant import ConstantTranslateNode

FORMS = (
    '{% translate "Startsidan" %}',
    "{% trans 'Startsidan' %}",
    '{% translate "Startsidan" as home %}[{{ home }}]',
    '{% translate "Startsidan" noop %}',
    '{% translate "företag" context "plural" %}',
    "{% translate word %}",
    '{% translate "Startsidan"|upper %}',
    '{% translate "100 %% nöjda" %}',
)


def render(source: str, **context) -> str:
    return Template("{% load i18n %}" + source).render(Context(context))


def django_render(source: str, **context) -> str:
    """The same template through Django's own i18n library."""
    engine = Engine(libraries={"i18n": "django.templatetags.i18n"})
    return engine.from_string("{% load i18n %}" + source).render(Context(context))


@pytest.mark.parametrize("source", FORMS)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_form_renders_as_djangos_own(source, language):
    with translation.override(language):
        for _ in range(2):  # the second render comes from the node's memory
            assert render(source, word="Startsidan") == django_render(source, word="Startsidan")


def test_a_literal_is_remembered_per_language():
    template = Template('{% load i18n %}{% translate "Startsidan" %}')
    with translation.override("sv"):
        assert template.render(Context()) == "Startsidan"
    with translation.override("en"):
        assert template.render(Context()) == "Home"
    with translation.override("sv"):
        assert template.render(Context()) == "Startsidan"


def test_a_variable_is_translated_on_every_render():
    template = Template("{% load i18n %}{% translate word %}")
    with translation.override("en"):
        assert template.render(Context({"word": "Startsidan"})) == "Home"
        assert template.render(Context({"word": "<b>Metoder</b>"})) == "&lt;b&gt;Metoder&lt;/b&gt;"


def test_only_a_plain_literal_is_remembered():
    nodes = {
        source: Template("{% load i18n %}" + source).nodelist[-1]
        for source in ('{% translate "A" %}', "{% translate word %}", '{% translate "A"|upper %}')
    }
    assert all(isinstance(node, ConstantTranslateNode) for node in nodes.values())
    assert [node.constant for node in nodes.values()] == [True, False, False]


def test_a_changed_catalogue_is_read_again(tmp_path: Path):
    """A test that points the translations elsewhere (setting_changed) gets the new text."""
    template = Template('{% load i18n %}{% translate "Startsidan" %}')
    catalogue = tmp_path / "en" / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    _write_catalogue(catalogue / "django.mo", {"Startsidan": "Front page"})
    with translation.override("en"):
        assert template.render(Context()) == "Home"
    # (Changing the setting resets the active language too: Django's translation_file_changed.)
    with override_settings(LOCALE_PATHS=[tmp_path, *settings.LOCALE_PATHS]):
        with translation.override("en"):
            assert template.render(Context()) == "Front page"
    with translation.override("en"):
        assert template.render(Context()) == "Home"


def test_the_site_templates_load_this_library():
    nodes = get_template("base.html").template.nodelist.get_nodes_by_type(ConstantTranslateNode)
    assert len(nodes) > 10


def _write_catalogue(path: Path, messages: dict[str, str]) -> None:
    """A minimal GNU .mo file (the format gettext reads) holding these messages."""
    import struct

    entries = sorted({"": "Content-Type: text/plain; charset=UTF-8\n", **messages}.items())
    ids = [key.encode() for key, _value in entries]
    strs = [value.encode() for _key, value in entries]
    header = 7 * 4
    id_table = header
    str_table = id_table + 8 * len(entries)
    data = str_table + 8 * len(entries)
    offsets, blob = [], b""
    for encoded in ids + strs:
        offsets.append((len(encoded), data + len(blob)))
        blob += encoded + b"\0"
    path.write_bytes(
        struct.pack("<7I", 0x950412DE, 0, len(entries), id_table, str_table, 0, 0)
        + b"".join(struct.pack("<2I", *pair) for pair in offsets)
        + blob
    )


def test_no_other_template_library_name_is_taken_twice():
    """settings silences Django's warning of a library name used twice (templates.W003) for
    "i18n" alone: any other would still be a mistake."""
    warnings = engines["django"]._check_for_template_tags_with_the_same_name()
    assert [warning.msg.split(" ", 1)[0] for warning in warnings] == ["'i18n'"]
