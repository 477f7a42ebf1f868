"""The audit log: one call per thing that happened. Entries are never changed afterwards."""

from __future__ import annotations

from .models import AuditAction, AuditEntry, Comment, Method


def record(
    actor,
    action: AuditAction,
    summary: str,
    *,
    method: Method | None = None,
    company=None,
    comment: Comment | None = None,
) -> AuditEntry:
    """Write one entry. `summary` names the object in words, so the entry stays readable
    after the object is purged."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        summary=summary[:300],
        method=method,
        company=company,
        comment=comment,
    )
