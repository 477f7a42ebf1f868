"""{% fixed_include %} (core/templatetags/fixed_include.py): a partial kept per process for each
combination of its values and the language gives exactly what an ordinary include of it gives,
reads nothing it was not passed, and never mixes one combination's output up with another's.
Used by base.html for the main menu and the footer, which every page shows."""

from __future__ import annotations

import itertools
import re
from copy import deepcopy

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError, engines
from django.test import override_settings
from django.utils import translation

from core.templatetags import fixed_include
from methods.models import Phase
from tests.factories import MethodFactory

# Every fixed partial of the site, with the values each is passed in base.html.
PARTIALS = {
    "includes/site_nav.html": {
        "here": [
            "methods:list",
            "methods:detail",
            "methods:phase",
            "companies:list",
            "companies:search",
            "",
        ],
        "namespace": ["methods", "companies", "trainers", ""],
        "signed_in": [True, False],
        "reviewer": [True, False],
    },
    "includes/site_footer.html": {},
}


def combinations(values: dict) -> list[dict]:
    names = list(values)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values.values())]


def arguments(values: dict) -> str:
    return " ".join(f"{key}={key}" for key in values)


def included(name: str, values: dict) -> str:
    """The same partial through Django's own include, given only these values."""
    given = f" with {arguments(values)}" if values else ""
    return Template(f'{{% include "{name}"{given} only %}}').render(Context(values))


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
@pytest.mark.parametrize("name", PARTIALS)
def test_renders_as_an_ordinary_include_of_the_partial(name, language):
    template_values = combinations(PARTIALS[name])
    with translation.override(language):
        for values in template_values:
            expected = included(name, values)
            template = Template(
                f'{{% load fixed_include %}}{{% fixed_include "{name}" {arguments(values)} %}}'
            )
            # The first render fills the node's memory, the second reads it.
            assert template.render(Context(values)) == expected
            assert template.render(Context(values)) == expected


@pytest.mark.parametrize("name", PARTIALS)
def test_each_partial_reads_only_what_it_is_passed(name):
    """Rendered with string_if_invalid set, any name the partial reads that base.html does
    not pass (the request, the user, a CSRF token) would show in the output."""
    options = deepcopy(settings.TEMPLATES)
    options[0]["OPTIONS"]["string_if_invalid"] = "INVALID[%s]"
    with override_settings(TEMPLATES=options):
        engine = engines["django"]
        for values in combinations(PARTIALS[name]):
            output = engine.get_template(name).render(values)
            assert "INVALID" not in output, (name, values)


def test_each_combination_and_language_is_kept_apart():
    template = Template(
        '{% load fixed_include %}{% fixed_include "includes/site_nav.html" '
        "here=here namespace=namespace signed_in=signed_in reviewer=reviewer %}"
    )
    node = template.nodelist.get_nodes_by_type(fixed_include.FixedIncludeNode)[0]
    member = {"here": "methods:new", "namespace": "methods", "signed_in": True, "reviewer": False}
    reader = {**member, "signed_in": False}
    with translation.override("sv"):
        as_member = template.render(Context(member))
        as_reader = template.render(Context(reader))
    with translation.override("en"):
        in_english = template.render(Context(member))
    assert 'href="/metoder/ny/" aria-current="page">Dela en metod</a>' in as_member
    assert "Dela en metod" not in as_reader
    assert ">Share a method</a>" in in_english
    assert len(node.memory) == 3
    with translation.override("sv"):
        assert template.render(Context(member)) == as_member
    assert len(node.memory) == 3


def test_only_plain_values_are_accepted():
    template = Template(
        '{% load fixed_include %}{% fixed_include "includes/site_footer.html" thing=thing %}'
    )
    with pytest.raises(TypeError, match="thing is a list"):
        template.render(Context({"thing": ["a"]}))


@pytest.mark.parametrize(
    "source",
    [
        "{% fixed_include %}",
        "{% fixed_include name %}",
        '{% fixed_include "includes/site_footer.html" only %}',
    ],
)
def test_the_partial_is_named_literally_and_values_by_name(source):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fixed_include %}" + source)


def test_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(fixed_include, "MEMORY_SIZE", 2)
    template = Template(
        '{% load fixed_include %}{% fixed_include "includes/site_nav.html" here=here %}'
    )
    node = template.nodelist.get_nodes_by_type(fixed_include.FixedIncludeNode)[0]
    outputs = {here: template.render(Context({"here": here})) for here in ("a", "b", "c", "d")}
    assert len(node.memory) == 2
    assert template.render(Context({"here": "d"})) == outputs["d"]


def test_a_changed_setting_starts_the_memory_afresh():
    template = Template('{% load fixed_include %}{% fixed_include "includes/site_footer.html" %}')
    before = template.render(Context())
    assert 'href="/tillganglighet/"' in before
    with override_settings(FORCE_SCRIPT_NAME="/handbok"):
        pass  # the generation moves on with any change of settings
    node = template.nodelist.get_nodes_by_type(fixed_include.FixedIncludeNode)[0]
    assert len(node.memory) == 1
    template.render(Context())
    assert len(node.memory) == 2


# --- The menu on the site's pages ---------------------------------------------------------------


def current_links(html: str) -> list[str]:
    menu = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'aria-current="page">([^<]+)</a>', menu)


@pytest.mark.django_db
def test_the_menu_marks_the_section_of_the_page(client, editor):
    method = MethodFactory(status="published")
    phase = Phase.objects.order_by("number").first()
    expected = {
        "/": [],
        phase.get_absolute_url(): ["Processen"],
        "/metoder/": ["Metoder"],
        method.get_absolute_url(): ["Metoder"],
        # Not "Metoder" as well: the companies' list is also named "list" (a fixed mistake).
        "/foretag/": ["Företag"],
        "/utbildare/": ["Utbildare"],
        # The search of the whole site (methods, companies, reports) is no one section's,
        # though the companies' app serves it.
        "/sok/?q=handledning": [],
    }
    for path, current in expected.items():
        assert current_links(client.get(path).text) == current, path
    client.force_login(editor)
    assert current_links(client.get("/metoder/ny/").text) == ["Dela en metod"]
    assert current_links(client.get("/redaktion/").text) == ["Redaktionen"]
    menu = client.get("/").text
    assert ">Dela en metod</a>" in menu and ">Redaktionen</a>" in menu
