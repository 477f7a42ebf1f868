"""A GET never changes anything (issue 12), so a link from another site cannot make a
signed-in editor or admin do something.

Every URL of the permission matrix (tests/test_permissions.py: a row for every page and
action of the site's apps, POST rows included, all sent here as GET) and every route without
parameters (allauth, two-factor, the admin's lists and add pages), plus the admin's pages for
one object of each registered model, is requested with GET as each of the six roles. The
whole database is compared before and after, every row of every table, apart from what a GET
may write by design:

- sessions and `last_login` (signing in the test clients; a page may put a message or a form
  step in the visitor's own session),
- the task queue (django_tasks_database): the first GET of /handbok.pdf queues the building
  of the PDF, a cache fill and not a change of anything a user sees,
- the audit entries of company exports: downloading the export records who downloaded it,
- the counts of searches that found little (methods.SearchCount): analytics for the editors,
  not content anyone is shown as changed; the search page queues them to the task worker after
  its transaction commits (methods.searchlog), with no user, address or session stored.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from core.models import AuditEntry
from tests.test_permissions import CASES, ROLES
from tests.test_permissions import world as world  # noqa: F401  (a module-scoped fixture)

pytestmark = pytest.mark.django_db

# Tables a GET may write (see the module's docstring).
SKIPPED_APPS = {"sessions", "django_tasks_database"}
SKIPPED_FIELDS = {"accounts.User": {"last_login"}}
SKIPPED_MODELS = {"methods.SearchCount"}
EXPORT_AUDIT = "Laddade ner alla uppgifter om %(company)s (%(format)s)"


def database_state() -> dict[str, list]:
    state = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if model._meta.app_label in SKIPPED_APPS or label in SKIPPED_MODELS:
            continue
        skipped = SKIPPED_FIELDS.get(label, set())
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in skipped]
        rows = model._default_manager.order_by("pk")
        if model is AuditEntry:
            rows = rows.exclude(message=EXPORT_AUDIT)
        state[label] = list(rows.values_list(*fields))
    return state


def routes(patterns=None, prefix=""):
    """(name, pattern) of every named route without parameters."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from routes(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}", pattern


def every_named_route() -> set[str]:
    return {name for name, _ in routes()}


def urls_to_visit(made) -> list[str]:
    urls = {case.fill(made)[0] for case in CASES}
    for name, pattern in routes():
        if not pattern.pattern.regex.groups:
            urls.add(reverse(name))
    for model, _model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        urls.add(reverse("admin:{}_{}_changelist".format(*info)))
        urls.add(reverse("admin:{}_{}_add".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            for page in ("change", "history", "delete"):
                urls.add(reverse("admin:{}_{}_{}".format(*info, page), args=[first.pk]))
    # UserAdmin's own page, named without the user model's app label.
    urls.add(reverse("admin:auth_user_password_change", args=[made.users["member"].pk]))
    return sorted(urls)


def view_name(url: str) -> str:
    return resolve(url.partition("?")[0]).view_name


# Routes whose parameter the world has no value for: allauth's e-mail confirmation and
# password reset keys (a GET there only looks the key up), the admin's app index and its
# "view on site" redirect, uploaded images (tests/test_media.py), the language switch (it only
# sets a cookie) and Django's set_language (POST only).
NOT_VISITED = {
    "account_confirm_email",
    "account_reset_password_from_key",
    "account_login_code_confirm",
    "admin:app_list",
    "admin:view_on_site",
    "admin:autocomplete",
    "uploaded_image",
    "choose_language",
}


def admin_object_routes_without_rows() -> set[str]:
    """The admin's pages for one object, of models the world has no row of."""
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
        for model in admin.site._registry
        if not model._default_manager.exists()
        for page in ("change", "history", "delete")
    }


def test_every_named_route_is_visited(world):  # noqa: F811
    visited = {view_name(url) for url in urls_to_visit(world)}
    missing = every_named_route() - visited - NOT_VISITED - admin_object_routes_without_rows()
    assert missing == set()


@pytest.mark.parametrize("role", ROLES)
def test_no_get_changes_a_row(world, role):  # noqa: F811
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    urls = urls_to_visit(world)
    statuses = {}
    with transaction.atomic():
        before = database_state()
        for url in urls:
            statuses[url] = client.get(url).status_code
        after = database_state()
        transaction.set_rollback(True)
    if before != after:
        # Find the culprits one by one, for a message that names them.
        changed = []
        for url in urls:
            with transaction.atomic():
                start = database_state()
                client.get(url)
                end = database_state()
                tables = sorted(label for label in start if start[label] != end[label])
                if tables:
                    changed.append((url, tables))
                transaction.set_rollback(True)
        assert changed == [], f"GET as {role} changed rows"
    # No GET crashed on the way (a 500 would hide a change it did not get to make).
    assert [url for url, status in statuses.items() if status >= 500] == []
    assert len(urls) > 150
