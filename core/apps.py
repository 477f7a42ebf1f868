"""The core app: site-wide models (the site version, the audit log) and their migrations."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_tasks_db import apps as tasks_db_apps

from .forms import count_line_breaks_as_typed


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Webbplatsen")

    def ready(self) -> None:
        # core.sites imports the Site model, which the app registry loads only after every
        # app's config: it cannot be imported at the top of apps.py.
        from .sites import sync_site

        # After the sites framework's own receiver (django.contrib.sites comes first in
        # INSTALLED_APPS), which creates the row as example.com on a new database.
        post_migrate.connect(sync_site, sender=self, dispatch_uid="core.sites.sync_site")

        count_line_breaks_as_typed()


class TasksDatabaseConfig(tasks_db_apps.TasksAppConfig):
    """django-tasks-db's queue under a name in the admin's language (its own is "Tasks Database
    Backend", not translated): INSTALLED_APPS names this config instead of the package. Its
    class is reached through its module, so that CoreConfig stays the only config of this
    module Django would pick for "core"."""

    default = False
    verbose_name = _("Bakgrundsjobb")
