"""The sites framework's one site row follows the settings.

allauth names the site in its mails from Site.objects.get_current() ("Hälsningar från
{{ current_site.name }}", the address in the footer). The sites framework creates that row as
"example.com", so new users were greeted from example.com. After every `migrate` (which
`make run` and each deploy run), the row is set from SITE_NAME and the host and port of
SITE_URL; nothing writes it while the site is serving requests.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, router


def site_domain() -> str:
    """The host (and port, when one is given) of SITE_URL: "127.0.0.1:8000", "handbok.se"."""
    return urlsplit(settings.SITE_URL).netloc


def sync_site(sender=None, *, apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate receiver: create or update Site(pk=SITE_ID) from the settings."""
    try:
        site_model = apps.get_model("sites", "Site")
    except LookupError:
        return
    if not router.allow_migrate_model(using, site_model):
        return
    _site, created = site_model.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": settings.SITE_NAME}
    )
    if created:
        # An explicit primary key does not move PostgreSQL's sequence (as in the sites
        # framework's own create_default_site).
        connection = connections[using]
        sequence_sql = connection.ops.sequence_reset_sql(no_style(), [site_model])
        if sequence_sql:
            with connection.cursor() as cursor:
                for command in sequence_sql:
                    cursor.execute(command)
    # The framework caches the current site per process; this process now has a new one.
    global_apps.get_model("sites", "Site").objects.clear_cache()
