"""The audit log: every service that changes state writes one entry with a dotted code."""

from typing import Any

from django.db import models

from .models import AuditEntry


def log_action(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    county_code: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that ``actor`` did ``action`` (e.g. ``organisations.organisation.created``)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        county_code=county_code or "",
        data=data or {},
    )


def model_changes(instance: models.Model, fields: list[str], new_values: dict[str, Any]) -> dict:
    """Before/after values of the fields that ``new_values`` changes, for the audit entry."""
    changes = {}
    for field in fields:
        if field not in new_values:
            continue
        before = getattr(instance, field)
        after = new_values[field]
        if before != after:
            changes[field] = {"before": _plain(before), "after": _plain(after)}
    return changes


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
