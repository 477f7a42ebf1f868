"""The audit log: one record() call per thing that happened. Entries are never changed
afterwards (the model is core.models.AuditEntry).

Callers pass the summary as a msgid in the source language, marked with gettext_noop so that
makemessages finds it, and the values for its placeholders; the entry is translated when shown.
Interface words inside a summary (a role, the labels of changed fields) go in as words(...), so
they are translated too.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model
from django.utils import translation

from .models import AuditAction, AuditEntry

# Long texts in an entry (an editor's message) are cut here, as the summary always was.
MAX_PARAM_LENGTH = 300


def words(*labels) -> dict:
    """Interface words for a summary: field labels or choice labels (lazy or plain), stored as
    their msgids and shown translated, in lower case, separated by commas."""
    with translation.override(None):  # no catalogue: a lazy label gives its msgid
        return {"words": [str(label) for label in labels]}


def record(
    actor,
    action: AuditAction,
    message: str,
    params: dict | None = None,
    *,
    target: Model | None = None,
    scope: Model | None = None,
) -> AuditEntry:
    """Write one entry about `target`, shown on the page of `scope` (default: the target).

    `message` is the source-language msgid (wrap it in gettext_noop at the call site) and
    `params` the values for its %(name)s placeholders; together they name the object in words,
    so the entry stays readable after the object is purged.
    """
    scope = scope if scope is not None else target
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        message=message[:300],
        params={name: _stored(value) for name, value in (params or {}).items()},
        target_type=_content_type(target),
        target_id=target.pk if target is not None else None,
        scope_type=_content_type(scope),
        scope_id=scope.pk if scope is not None else None,
    )


def _content_type(obj: Model | None) -> ContentType | None:
    return ContentType.objects.get_for_model(obj) if obj is not None else None


def _stored(value):
    if isinstance(value, str):
        return value[:MAX_PARAM_LENGTH]
    if isinstance(value, dict | int | float | bool) or value is None:
        return value
    return str(value)[:MAX_PARAM_LENGTH]


class AuditTrail(GenericRelation):
    """The audit entries whose scope is this object (or, with on="target", that are about it),
    as a relation: `method.audit_entries.all()`, prefetch_related("audit_entries").

    Unlike a plain GenericRelation it does not delete the entries with the object: history
    outlives what it describes.
    """

    def __init__(self, on: str = "scope", **kwargs):
        if on not in {"scope", "target"}:
            raise ValueError(f"on must be 'scope' or 'target', not {on!r}")
        super().__init__(
            AuditEntry,
            content_type_field=f"{on}_type",
            object_id_field=f"{on}_id",
            **kwargs,
        )
        self.on = on

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        args = []
        kwargs.pop("to", None)
        kwargs.pop("content_type_field", None)
        kwargs.pop("object_id_field", None)
        if self.on != "scope":
            kwargs["on"] = self.on
        return name, path, args, kwargs

    def bulk_related_objects(self, objs, using=DEFAULT_DB_ALIAS):
        return []  # nothing to delete along with the object
