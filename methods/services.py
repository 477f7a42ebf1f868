"""Writes with side effects: state changes of methods and their revision history."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.postgres.search import SearchVector
from django.db import models, transaction
from django.db.models import Max, Value
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.audit import record, words
from core.models import AuditAction, SiteVersion

from . import keptpage, listindex, sections, suggestions
from .models import Comment, Method, Revision
from .search import is_postgresql, normalize, remember_words

# What a revision snapshot of a Method keeps: every concrete, non-relation field of the model
# except those below, plus the relations in SNAPSHOT_RELATIONS. A field added to Method is kept
# by the next revision and restored by workflow.apply_snapshot without a change here; one that
# a revision should not keep goes into SNAPSHOT_EXCLUDED (tests/test_field_declarations.py
# fails until it is in one or the other).
SNAPSHOT_EXCLUDED = {
    "id",
    # Who and when: the revision records its own author and time; the audit log the rest.
    "author", "created_at", "updated_at", "published_at", "deleted_at", "submitted_at",
    # Workflow bookkeeping, not content.
    "working_copy_of", "version", "wizard_step", "editor_message",
    "personal_data_confirmed_by", "easy_read_override_by",
    # The archive record: the method's lifecycle, not its text; restoring a revision must
    # neither bring back nor clear it.
    "archived_at", "archive_reason", "replaced_by",
    # Derived on save or by services: rendered HTML, the time band, counts, search columns.
    "body_html", "easy_read_html", "time_band", "report_count",
    "search_title", "search_text", "search_vector",
}  # fmt: skip

# Relations a snapshot keeps by their slugs (role values for target roles; steps as a list of
# phase, role and text), written by snapshot() and read back by workflow.apply_snapshot().
SNAPSHOT_RELATIONS = [
    "external_trainer_phase", "company", "phases", "competence_areas", "business_lines",
    "target_roles", "steps",
]  # fmt: skip

SNAPSHOT_FIELDS = [
    field.name
    for field in Method._meta.concrete_fields
    if not field.is_relation and field.name not in SNAPSHOT_EXCLUDED
]


def free_text_fields(model: type[models.Model], exclude: set[str]) -> list[str]:
    """The model's free-text fields in declaration order: every editable CharField or TextField
    without fixed choices, except the slug and the names in exclude. What the personal-data
    check reads (workflow.CHECKED_FIELDS, companies.services.REPORT_CHECKED_FIELDS)."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and not isinstance(field, models.SlugField)
        and field.name not in exclude
    ]


def _snapshot_value(value):
    """A field's value as JSON: dates as ISO text, decimals as text (read back with to_python)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def snapshot(method: Method) -> dict:
    """Everything needed to show or restore this version of the method, as JSON."""
    data = {name: _snapshot_value(getattr(method, name)) for name in SNAPSHOT_FIELDS}
    data["external_trainer_phase"] = (
        method.external_trainer_phase.slug if method.external_trainer_phase else None
    )
    data["company"] = method.company.slug if method.company else None
    data["phases"] = sorted(p.slug for p in method.phases.all())
    data["competence_areas"] = sorted(a.slug for a in method.competence_areas.all())
    data["business_lines"] = sorted(b.slug for b in method.business_lines.all())
    data["target_roles"] = sorted(r.role for r in method.target_roles.all())
    data["steps"] = [
        {"phase": s.phase.slug, "role": s.role, "text": s.text}
        for s in method.steps.select_related("phase").order_by("phase__number", "role")
    ]
    return data


@transaction.atomic
def record_revision(method: Method, author=None, message: str = "") -> Revision:
    """Store the method as it is now as its next numbered revision."""
    # Lock the method row so two saves at once cannot take the same number.
    Method.objects.select_for_update().filter(pk=method.pk).first()
    last = method.revisions.aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        method=method,
        number=last + 1,
        author=author if author is not None and author.is_authenticated else None,
        message=message[:300],
        snapshot=snapshot(method),
    )


def refresh_search_index(method: Method) -> None:
    """Store the method's normalised search text (and its weighted tsvector on PostgreSQL).

    Called after a method and its steps and relations are saved: the steps and the names of its
    phases, competence areas and business lines are part of what a search finds.
    """
    title = normalize(method.title)
    summary = normalize(" ".join([method.summary, method.easy_read, method.purpose]))
    steps = " ".join(method.steps.values_list("text", flat=True))
    vocabulary = " ".join(
        [
            *method.phases.values_list("name", flat=True),
            *method.competence_areas.values_list("name", flat=True),
            *method.business_lines.values_list("name", flat=True),
        ]
    )
    # Other apps' words about the method (material: its films' captions and transcripts).
    extra = sections.extra_search_text(method)
    rest = normalize(" ".join([method.body, steps, method.materials, vocabulary, extra]))
    updates: dict = {"search_title": title[:200], "search_text": f"{title} {summary} {rest}"}
    if is_postgresql():
        updates["search_vector"] = (
            SearchVector(Value(title), weight="A", config="swedish")
            + SearchVector(Value(summary), weight="B", config="swedish")
            + SearchVector(Value(rest), weight="C", config="swedish")
        )
    Method.objects.filter(pk=method.pk).update(**updates)
    if method.is_published:
        # Words readers can find become words a misspelling can be corrected to.
        remember_words(
            method.title, method.summary, method.easy_read, method.purpose, method.body,
            method.materials, steps, vocabulary, extra,
        )  # fmt: skip
    SiteVersion.objects.bump()  # update() sends no signal; search results change
    for name, value in updates.items():
        if name != "search_vector":
            setattr(method, name, value)


# The recycle bin: soft delete, restore and the periodic purge.


# Audit summaries of the recycle bin, for a method and for a comment: they name the object in
# words, so the entry stays readable after a purge. Translated when shown.
BIN_MESSAGES = {
    AuditAction.DELETED: (
        gettext_noop("Flyttade metoden ”%(title)s” (%(slug)s) till papperskorgen."),
        gettext_noop(
            "Flyttade kommentar %(number)s av %(author)s på metoden ”%(title)s” till papperskorgen."
        ),
    ),
    AuditAction.RESTORED: (
        gettext_noop("Återställde metoden ”%(title)s” (%(slug)s) från papperskorgen."),
        gettext_noop(
            "Återställde kommentar %(number)s av %(author)s på metoden ”%(title)s” från "
            "papperskorgen."
        ),
    ),
    AuditAction.PURGED: (
        gettext_noop(
            "Raderade metoden ”%(title)s” (%(slug)s) för gott; den låg i papperskorgen sedan "
            "%(date)s."
        ),
        gettext_noop(
            "Raderade kommentar %(number)s av %(author)s på metoden ”%(title)s” för gott; den "
            "låg i papperskorgen sedan %(date)s."
        ),
    ),
}


def comment_author_param(comment: Comment):
    """A comment's author for an audit summary: the public name, or words for a former member."""
    return comment.author.public_name if comment.author else words(gettext_noop("tidigare medlem"))


def record_comment_personal_data_confirmed(comment: Comment, by) -> None:
    """Who confirmed that what looked like personal data in a comment may be published (the
    personal-data guard's confirm step), on the method's audit log."""
    record(
        by,
        AuditAction.SAVED,
        gettext_noop(
            "Bekräftade att kommentar %(number)s på ”%(title)s” inte innehåller personuppgifter "
            "om någon deltagare."
        ),
        {"number": comment.pk, "title": comment.method.title},
        target=comment,
        scope=comment.method,
    )


def _record_bin_event(obj: Method | Comment, by, action: AuditAction, **extra) -> None:
    """One audit entry about a method or a comment in the recycle bin, on the method's page."""
    method_message, comment_message = BIN_MESSAGES[action]
    if isinstance(obj, Method):
        params = {"title": obj.title, "slug": obj.slug, **extra}
        record(by, action, method_message, params, target=obj)
    else:
        params = {
            "number": obj.pk,
            "author": comment_author_param(obj),
            "title": obj.method.title,
            **extra,
        }
        record(by, action, comment_message, params, target=obj, scope=obj.method)


@transaction.atomic
def move_to_bin(obj: Method | Comment, by) -> None:
    """Soft delete: the object disappears everywhere but stays restorable for
    settings.RECYCLE_BIN_DAYS days. Nothing else about it changes."""
    if obj.deleted_at is not None:
        return
    now = timezone.now()
    # update(), not save(): the object must come back exactly as it was, updated_at included.
    type(obj).objects.filter(pk=obj.pk).update(deleted_at=now)
    if isinstance(obj, Method):  # update() sends no signal
        listindex.refresh([obj.pk])
        suggestions.schedule(method_ids=[obj.pk])
        keptpage.forget([obj.pk])
    SiteVersion.objects.bump()
    obj.deleted_at = now
    _record_bin_event(obj, by, AuditAction.DELETED)


@transaction.atomic
def restore_from_bin(obj: Method | Comment, by) -> None:
    """Bring a deleted method or comment back exactly as it was before it was deleted."""
    if obj.deleted_at is None:
        return
    type(obj).objects.filter(pk=obj.pk).update(deleted_at=None)
    if isinstance(obj, Method):  # update() sends no signal
        listindex.refresh([obj.pk])
        suggestions.schedule(method_ids=[obj.pk])
        keptpage.forget([obj.pk])
    SiteVersion.objects.bump()
    obj.deleted_at = None
    _record_bin_event(obj, by, AuditAction.RESTORED)


def purge_from_bin(older_than_days: int) -> int:
    """Permanently delete methods and comments that were deleted more than `older_than_days`
    days ago; returns how many. Each item is locked and deleted in its own transaction, so two
    runs at once (cron on two servers) neither fail nor delete or log anything twice."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    purged = 0
    for model in (Comment, Method):
        candidates = list(
            model.objects.filter(deleted_at__lt=cutoff).order_by("pk").values_list("pk", flat=True)
        )
        for pk in candidates:
            with transaction.atomic():
                queryset = model.objects.select_for_update(skip_locked=True, of=("self",))
                if model is Comment:
                    queryset = queryset.select_related("author", "method")
                obj = queryset.filter(pk=pk, deleted_at__lt=cutoff).first()
                if obj is None:  # restored, or purged by another run meanwhile
                    continue
                deleted_on = f"{timezone.localtime(obj.deleted_at):%Y-%m-%d}"
                _record_bin_event(obj, None, AuditAction.PURGED, date=deleted_on)
                obj.delete()
                purged += 1
    return purged
