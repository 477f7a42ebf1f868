"""Addresses remembered per process (core.reversing) and {% url %} built on them
(core/templatetags/url_memo.py): the same answers as Django's reverse() and URL tag, in every
form, and asked of Django once per view name, arguments, URLconf, script prefix and language."""

from __future__ import annotations

from unittest import mock

import pytest
from django.template import Context, Engine, RequestContext, Template
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, path, set_script_prefix
from django.urls import reverse as django_reverse
from django.utils import translation

from core import reversing
from core.templatetags.url_memo import RememberedURLNode


def _page(request, slug):  # pragma: no cover - only reversed, never called
    raise AssertionError


urlpatterns = [path("annan/<slug:slug>/", _page, name="detail")]

NAMES = [
    ("methods:home", (), {}),
    ("methods:list", (), {}),
    ("methods:detail", ("metod-1",), {}),
    ("methods:detail", (), {"slug": "ab-12"}),
    ("companies:effort", ("kafe-kompassen", 12), {}),
    ("companies:detail", ("kafe-kompassen",), {}),
    ("trainers:directory", (), {}),
    ("account_login", (), {}),
    ("admin:index", (), {}),
]


@pytest.fixture(autouse=True)
def _fresh_memory():
    reversing.forget()
    yield
    reversing.forget()
    set_script_prefix("/")


@pytest.mark.parametrize(("name", "args", "kwargs"), NAMES)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_same_address_as_djangos_own(name, args, kwargs, language):
    with translation.override(language):
        expected = django_reverse(name, args=args, kwargs=kwargs)
        assert reversing.reverse(name, args=args, kwargs=kwargs) == expected
        assert reversing.reverse(name, args=list(args), kwargs=kwargs) == expected


def test_django_is_asked_once_per_address():
    with mock.patch.object(reversing, "django_reverse", wraps=django_reverse) as asked:
        for _ in range(3):
            assert reversing.reverse("methods:detail", args=["metod-1"]) == "/metoder/metod-1/"
            assert reversing.reverse("methods:detail", args=["metod-2"]) == "/metoder/metod-2/"
    assert asked.call_count == 2


def test_an_unknown_address_raises_every_time():
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            reversing.reverse("methods:detail", args=["inte en slug"])
        with pytest.raises(NoReverseMatch):
            reversing.reverse("methods:finns-inte")


def test_arguments_other_than_strings_and_integers_go_to_django_each_time():
    class Marked(str):  # a subclass of str: its str() could differ from its value
        pass

    marked = Marked("metod-7")
    with mock.patch.object(reversing, "django_reverse", wraps=django_reverse) as asked:
        for _ in range(2):
            assert reversing.reverse("companies:detail", args=[7]) == "/foretag/7/"
            assert reversing.reverse("companies:detail", args=[marked]) == "/foretag/metod-7/"
    # The integer once (then remembered); the subclass on both calls.
    assert asked.call_count == 3
    assert reversing._remembered.cache_info().currsize == 1


def test_a_script_prefix_is_part_of_the_key():
    assert reversing.reverse("methods:list") == "/metoder/"
    set_script_prefix("/handbok/")
    assert reversing.reverse("methods:list") == "/handbok/metoder/"
    set_script_prefix("/")
    assert reversing.reverse("methods:list") == "/metoder/"


def test_another_urlconf_gets_its_own_answers():
    assert reversing.reverse("methods:detail", args=["x"]) == "/metoder/x/"
    with override_settings(ROOT_URLCONF=__name__):
        assert reversing.reverse("detail", args=["x"]) == "/annan/x/"
        with pytest.raises(NoReverseMatch):
            reversing.reverse("methods:detail", args=["x"])
    assert reversing.reverse("methods:detail", args=["x"]) == "/metoder/x/"


URL_FORMS = [
    "{% url 'methods:home' %}",
    "{% url 'methods:detail' slug %}",
    "{% url 'methods:detail' slug=slug %}",
    "{% url name slug %}",
    "{% url 'companies:effort' 'kafe' number %}",
    "{% url 'methods:detail' slug as link %}[{{ link }}]",
    "{% url 'methods:finns-inte' as link %}[{{ link }}]",
    "{% autoescape off %}{% url 'methods:detail' slug %}{% endautoescape %}",
    "{% url 'methods:list' %}?q={{ slug }}",
]
CONTEXT = {"slug": "metod-1", "name": "methods:detail", "number": 3}


@pytest.mark.parametrize("source", URL_FORMS)
def test_the_url_tag_renders_as_djangos_own(source):
    ours = Template(source)
    django = Engine().from_string(source)  # a bare engine: Django's own {% url %}
    assert not django.nodelist.get_nodes_by_type(RememberedURLNode)
    assert ours.nodelist.get_nodes_by_type(RememberedURLNode)
    for _ in range(2):  # the second render comes from memory
        assert ours.render(Context(CONTEXT)) == django.render(Context(CONTEXT))


def test_the_url_tag_raises_for_an_unknown_name():
    with pytest.raises(NoReverseMatch):
        Template("{% url 'methods:finns-inte' %}").render(Context())


def test_the_url_tag_passes_the_requests_namespace_as_current_app():
    request = RequestFactory().get("/")
    request.current_app = "admin"
    with mock.patch.object(reversing, "_remembered", wraps=reversing._remembered) as looked_up:
        assert Template("{% url 'admin:index' %}").render(RequestContext(request)) == ("/admin/")
    assert looked_up.call_args.args[3] == "admin"


def test_a_templates_literals_are_remembered():
    """A literal in a template ('methods:detail', 'metod-1') is a SafeString: remembered."""
    template = Template("{% url 'methods:detail' 'metod-1' %}")
    with mock.patch.object(reversing, "django_reverse", wraps=django_reverse) as asked:
        for _ in range(3):
            assert template.render(Context()) == "/metoder/metod-1/"
    assert asked.call_count == 1
