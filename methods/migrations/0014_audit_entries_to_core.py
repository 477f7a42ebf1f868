"""The audit log moves to core (core 0003 made its table): every entry is copied, keeping its
id and time, and methods' table is deleted. Backwards, the entries are copied back.

The old entries pointed at a method, a company and a comment with foreign keys; the new ones
point at a target (the object acted on) and a scope (the page they belong on) generically:

- a comment's entry: the comment, on its method's page;
- an entry with a method and a company (an experience report's): the company, on the method's
  page (which report it was is not recorded);
- otherwise the method, or else the company, for both.

The old summaries were stored as finished text, so they become the message as they are, with
no parameters: they show in the language they were written in. Backwards, an entry about an
experience report points at its company (if the report still exists), and the summary is the
message filled in, in the source language. Links to objects deleted since are left empty, as
the old foreign keys did.
"""

from django.core.management.color import no_style
from django.db import migrations

FIELDS = ["id", "created_at", "actor_id", "action"]
METHOD = ("methods", "method")
COMMENT = ("methods", "comment")
COMPANY = ("companies", "company")
REPORT = ("companies", "experiencereport")


def _reset_sequence(schema_editor, model):
    """Rows were inserted with their ids: PostgreSQL's sequence must continue after them."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def _keep_times(model, objects, times):
    """auto_now_add set every created_at to now on insert: put the entries' own times back."""
    for obj, created_at in zip(objects, times, strict=True):
        obj.created_at = created_at
    model.objects.bulk_update(objects, ["created_at"], batch_size=500)


def forwards(apps, schema_editor):
    old_model = apps.get_model("methods", "AuditEntry")
    new_model = apps.get_model("core", "AuditEntry")
    rows = list(
        old_model.objects.order_by("pk").values(
            *FIELDS, "method_id", "company_id", "comment_id", "summary"
        )
    )
    if not rows:
        return
    content_types = apps.get_model("contenttypes", "ContentType").objects
    type_ids = {
        key: content_types.get_or_create(app_label=key[0], model=key[1])[0].pk
        for key in (METHOD, COMMENT, COMPANY)
    }

    def pair(key, pk):
        return (type_ids[key], pk) if pk is not None else (None, None)

    entries = []
    for row in rows:
        method, company = pair(METHOD, row["method_id"]), pair(COMPANY, row["company_id"])
        if row["comment_id"] is not None:
            target, scope = pair(COMMENT, row["comment_id"]), method
        elif row["method_id"] is not None:
            target, scope = (company if row["company_id"] is not None else method), method
        else:
            target = scope = company
        entries.append(
            new_model(
                **{name: row[name] for name in FIELDS},
                message=row["summary"],
                params={},
                target_type_id=target[0],
                target_id=target[1],
                scope_type_id=scope[0],
                scope_id=scope[1],
            )
        )
    new_model.objects.bulk_create(entries, batch_size=500)
    _keep_times(new_model, entries, [row["created_at"] for row in rows])
    _reset_sequence(schema_editor, new_model)


def _summary(message: str, params: dict) -> str:
    """The message filled in, in the source language (as core.models.AuditEntry.summary)."""
    if not params:
        return message
    values = {
        name: ", ".join(word.lower() for word in value["words"])
        if isinstance(value, dict) and "words" in value
        else value
        for name, value in params.items()
    }
    try:
        return message % values
    except (KeyError, TypeError, ValueError):
        return message


def backwards(apps, schema_editor):
    old_model = apps.get_model("methods", "AuditEntry")
    new_model = apps.get_model("core", "AuditEntry")
    rows = list(
        new_model.objects.order_by("pk").values(
            *FIELDS, "message", "params", "target_type_id", "target_id", "scope_type_id", "scope_id"
        )
    )
    if rows:
        types = {
            ct.pk: (ct.app_label, ct.model)
            for ct in apps.get_model("contenttypes", "ContentType").objects.all()
        }
        pointers = [
            (types.get(row[f"{end}_type_id"]), row[f"{end}_id"])
            for row in rows
            for end in ("target", "scope")
        ]

        def existing(key, app_label, model_name, *fields):
            ids = {pk for pointer_key, pk in pointers if pointer_key == key}
            model = apps.get_model(app_label, model_name)
            return dict(model.objects.filter(pk__in=ids).values_list("pk", *fields or ["pk"]))

        methods = existing(METHOD, *METHOD)
        comments = existing(COMMENT, *COMMENT)
        companies = existing(COMPANY, *COMPANY)
        report_companies = existing(REPORT, *REPORT, "company_id")
        entries = []
        for row in rows:
            links = {"method_id": None, "company_id": None, "comment_id": None}
            for end in ("target", "scope"):
                key, pk = types.get(row[f"{end}_type_id"]), row[f"{end}_id"]
                if key == METHOD and pk in methods:
                    links["method_id"] = pk
                elif key == COMMENT and pk in comments:
                    links["comment_id"] = pk
                elif key == COMPANY and pk in companies:
                    links["company_id"] = pk
                elif key == REPORT and pk in report_companies:
                    links["company_id"] = report_companies[pk]
            entries.append(
                old_model(
                    **{name: row[name] for name in FIELDS},
                    **links,
                    summary=_summary(row["message"], row["params"])[:300],
                )
            )
        old_model.objects.bulk_create(entries, batch_size=500)
        _keep_times(old_model, entries, [row["created_at"] for row in rows])
        _reset_sequence(schema_editor, old_model)
    # Forwards again copies them anew, under the same ids.
    new_model.objects.all().delete()


def move_content_type(apps, schema_editor):
    """The entries' content type (and with it their permissions) moves to core."""
    content_types = apps.get_model("contenttypes", "ContentType").objects
    old = content_types.filter(app_label="methods", model="auditentry")
    if content_types.filter(app_label="core", model="auditentry").exists():
        # Made by post_migrate for the new model, or again by a step back for the old one.
        old.delete()
    else:
        old.update(app_label="core")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("methods", "0013_business_line_table"),
        ("core", "0003_auditentry"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="AuditEntry"),
        # Backwards, post_migrate makes the content type for methods again if it is missing.
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
