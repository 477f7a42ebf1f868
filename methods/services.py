"""Writes with side effects: state changes of methods and their revision history."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Value
from django.utils import timezone

from core.models import SiteVersion

from .models import AuditAction, Comment, Method, Revision
from .search import is_postgresql, normalize

# Plain fields copied into every revision snapshot (rendered HTML is derived, not stored).
SNAPSHOT_FIELDS = [
    "title", "slug", "summary", "easy_read", "purpose", "body", "learning_form",
    "prerequisites", "adaptation_language", "adaptation_reading", "adaptation_health",
    "prep_minutes", "delivery_minutes", "followup_minutes", "group_size_min", "group_size_max",
    "cost_level", "internal_hours", "materials", "needs_external_trainer",
    "indicator_reaction", "indicator_learning", "indicator_behaviour", "indicator_results",
    "evidence_status", "source", "licence", "contact", "status",
]  # fmt: skip


def snapshot(method: Method) -> dict:
    """Everything needed to show or restore this version of the method, as JSON."""
    data = {name: getattr(method, name) for name in SNAPSHOT_FIELDS}
    data["internal_hours"] = str(method.internal_hours)
    data["review_by"] = method.review_by.isoformat() if method.review_by else None
    data["external_trainer_phase"] = (
        method.external_trainer_phase.slug if method.external_trainer_phase else None
    )
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
    rest = normalize(" ".join([method.body, steps, method.materials, vocabulary]))
    updates: dict = {"search_title": title[:200], "search_text": f"{title} {summary} {rest}"}
    if is_postgresql():
        from django.contrib.postgres.search import SearchVector

        updates["search_vector"] = (
            SearchVector(Value(title), weight="A", config="swedish")
            + SearchVector(Value(summary), weight="B", config="swedish")
            + SearchVector(Value(rest), weight="C", config="swedish")
        )
    Method.objects.filter(pk=method.pk).update(**updates)
    SiteVersion.objects.bump()  # update() sends no signal; search results change
    for name, value in updates.items():
        if name != "search_vector":
            setattr(method, name, value)


# The recycle bin: soft delete, restore and the periodic purge.


def _bin_description(obj: Method | Comment) -> str:
    """The object in words, for audit entries that must stay readable after a purge."""
    if isinstance(obj, Method):
        return f"metoden «{obj.title}» ({obj.slug})"
    author = obj.author.public_name if obj.author else "tidigare medlem"
    return f"kommentar {obj.pk} av {author} på metoden «{obj.method.title}»"


def _bin_audit_targets(obj: Method | Comment) -> dict:
    if isinstance(obj, Method):
        return {"method": obj}
    return {"method": obj.method, "comment": obj}


@transaction.atomic
def move_to_bin(obj: Method | Comment, by) -> None:
    """Soft delete: the object disappears everywhere but stays restorable for
    settings.RECYCLE_BIN_DAYS days. Nothing else about it changes."""
    from .audit import record

    if obj.deleted_at is not None:
        return
    now = timezone.now()
    # update(), not save(): the object must come back exactly as it was, updated_at included.
    type(obj).objects.filter(pk=obj.pk).update(deleted_at=now)
    SiteVersion.objects.bump()
    obj.deleted_at = now
    description = _bin_description(obj)
    record(
        by,
        AuditAction.DELETED,
        f"Flyttade {description} till papperskorgen.",
        **_bin_audit_targets(obj),
    )


@transaction.atomic
def restore_from_bin(obj: Method | Comment, by) -> None:
    """Bring a deleted method or comment back exactly as it was before it was deleted."""
    from .audit import record

    if obj.deleted_at is None:
        return
    type(obj).objects.filter(pk=obj.pk).update(deleted_at=None)
    SiteVersion.objects.bump()
    obj.deleted_at = None
    record(
        by,
        AuditAction.RESTORED,
        f"Återställde {_bin_description(obj)} från papperskorgen.",
        **_bin_audit_targets(obj),
    )


def purge_from_bin(older_than_days: int) -> int:
    """Permanently delete methods and comments that were deleted more than `older_than_days`
    days ago; returns how many. Each item is locked and deleted in its own transaction, so two
    runs at once (cron on two servers) neither fail nor delete or log anything twice."""
    from .audit import record

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
                description = _bin_description(obj)
                deleted_on = f"{timezone.localtime(obj.deleted_at):%Y-%m-%d}"
                record(
                    None,
                    AuditAction.PURGED,
                    f"Raderade {description} för gott; den låg i papperskorgen sedan {deleted_on}.",
                    method=obj.method if model is Comment else None,
                )
                obj.delete()
                purged += 1
    return purged
