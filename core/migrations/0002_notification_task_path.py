"""Notifications moved from methods to core: mails still waiting in the database queue name the
old task path, which a worker could no longer import. Point them at the new one (and back)."""

from django.db import migrations

OLD = "methods.notifications.send_notification"
NEW = "core.notifications.send_notification"


def rename(old: str, new: str):
    def run(apps, schema_editor):
        tasks = apps.get_model("django_tasks_database", "DBTaskResult").objects
        tasks.filter(task_path=old).update(task_path=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("django_tasks_database", "0001_initial"),
    ]

    operations = [migrations.RunPython(rename(OLD, NEW), rename(NEW, OLD))]
