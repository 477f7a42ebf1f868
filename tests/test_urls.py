"""Each app's urls.py lists every route it serves; the view modules hold views only."""

import ast
import importlib
import inspect
import pkgutil
import uuid

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import (
    IntConverter,
    PathConverter,
    SlugConverter,
    StringConverter,
    UUIDConverter,
)
from django.urls.resolvers import RegexPattern, RoutePattern

import companies.views
import methods.views

SAMPLES = {
    IntConverter: 7,
    SlugConverter: "exempel",
    StringConverter: "exempel",
    PathConverter: "exempel/bild.png",
    UUIDConverter: uuid.UUID("12345678-1234-5678-1234-567812345678"),
}
# Values for the named groups of the few regex routes (allauth's and the admin's).
REGEX_SAMPLES = {"key": "abc-123", "uidb36": "1a", "app_label": "methods"}


def _view_modules(package):
    for info in pkgutil.iter_modules(package.__path__):
        yield importlib.import_module(f"{package.__name__}.{info.name}")


@pytest.mark.parametrize("package", [methods.views, companies.views], ids=lambda p: p.__name__)
def test_view_modules_define_no_routes(package):
    modules = list(_view_modules(package))
    assert len(modules) >= 5
    with_routes = {
        module.__name__: [name for name in vars(module) if name.endswith("urlpatterns")]
        for module in modules
    }
    assert {name: found for name, found in with_routes.items() if found} == {}


@pytest.mark.parametrize("app", ["methods", "companies"])
def test_the_apps_urls_py_routes_each_path_to_a_view_of_its_own(app):
    """Every route is a path() written out in urls.py, none spliced in from elsewhere."""
    module = importlib.import_module(f"{app}.urls")
    tree = ast.parse(inspect.getsource(module))
    (listing,) = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and node.targets[0].id == "urlpatterns"
    ]
    assert isinstance(listing, ast.List)
    assert all(isinstance(item, ast.Call) and item.func.id == "path" for item in listing.elts), (
        "only path() entries, none spliced in from another module"
    )
    assert len(module.urlpatterns) == len(listing.elts) >= 20
    for entry in module.urlpatterns:
        assert isinstance(entry, URLPattern)
        assert entry.callback.__module__.startswith(f"{app}.views."), entry


def _named_routes(patterns, namespace="", parents=()):
    """(view name, the patterns from the root down) for every named route of the site."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_routes(entry.url_patterns, inner, (*parents, entry.pattern))
        elif entry.name:
            yield f"{namespace}{entry.name}", (*parents, entry.pattern)


def _sample_kwargs(chain) -> dict:
    kwargs = {}
    for pattern in chain:
        if isinstance(pattern, RoutePattern):
            for name, converter in pattern.converters.items():
                kwargs[name] = SAMPLES[type(converter)]
        else:
            assert isinstance(pattern, RegexPattern)
            for name in pattern.regex.groupindex:
                kwargs[name] = REGEX_SAMPLES[name]
    return kwargs


def test_every_named_route_reverses_and_resolves_back_to_itself():
    routes = dict(_named_routes(get_resolver().url_patterns))
    assert {"methods:detail", "methods:edit", "companies:detail", "companies:efforts"} <= set(
        routes
    )
    wrong = {}
    for view_name, chain in routes.items():
        url = reverse(view_name, kwargs=_sample_kwargs(chain))
        if resolve(url).view_name != view_name:
            wrong[view_name] = (url, resolve(url).view_name)
    assert wrong == {}


def test_fixed_words_win_over_a_company_slug():
    assert reverse("companies:report_queue") == "/foretag/redaktion/rapporter/"
    assert resolve("/foretag/redaktion/rapporter/").view_name == "companies:report_queue"
    assert resolve("/foretag/inbjudan/abc/").view_name == "companies:invitation"
    assert resolve("/foretag/kafe-kompassen/").view_name == "companies:detail"
    assert resolve("/metoder/ny/").view_name == "methods:new"
    assert resolve("/metoder/ny-metod/").view_name == "methods:detail"


@pytest.mark.parametrize("app", ["accounts", "companies", "content", "core", "methods"])
def test_each_app_has_one_routes_module(app):
    """Routes live in the app's urls.py and nowhere else: no second routes file."""
    folder = settings.BASE_DIR / app
    routes = sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*.py")
        if "migrations" not in path.parts and "urlpatterns" in path.read_text()
    )
    assert routes in ([], ["urls.py"])
