"""Writes with side effects: state changes of methods and their revision history."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max, Value
from django.utils import timezone

from .choices import Status
from .models import Method, Revision
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


def publish(method: Method, by=None) -> Method:
    method.status = Status.PUBLISHED
    method.published_at = timezone.now()
    method.save(update_fields=["status", "published_at", "updated_at"])
    record_revision(method, by, "Publicerad")
    return method


def archive(method: Method, by=None) -> Method:
    method.status = Status.ARCHIVED
    method.save(update_fields=["status", "updated_at"])
    record_revision(method, by, "Arkiverad")
    return method


def refresh_search_index(method: Method) -> None:
    """Store the method's normalised search text (and its weighted tsvector on PostgreSQL).

    Called after a method and its steps and relations are saved: the steps and the names of its
    competence areas and business lines are part of what a search finds.
    """
    title = normalize(method.title)
    summary = normalize(" ".join([method.summary, method.easy_read, method.purpose]))
    steps = " ".join(method.steps.values_list("text", flat=True))
    vocabulary = " ".join(
        [
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
    for name, value in updates.items():
        if name != "search_vector":
            setattr(method, name, value)
