"""Writing the audit log. Called by every service inside its own transaction, so a change and its record
commit or roll back together."""

from __future__ import annotations

from typing import Any

from .models import AuditEvent


def record_change(
    *,
    actor: object | None,
    action: str,
    obj: object,
    organisation: object | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditEvent:
    """Append one event. `actor` None means the system itself (set-up commands, demo data)."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_name=getattr(actor, "username", "") if is_user else "ระบบ",
        action=action,
        object_type=type(obj).__name__,
        object_id=str(getattr(obj, "pk", "") or ""),
        organisation=organisation if getattr(organisation, "pk", None) else None,
        org_path=getattr(organisation, "path", "") or "",
        org_name=getattr(organisation, "name", "") or "",
        before=before,
        after=after,
    )
