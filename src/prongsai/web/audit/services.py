"""Writing the audit log. Called by every service inside its own transaction, so a change and its record
commit or roll back together."""

from __future__ import annotations

from typing import Any

from ..accounts.users import signed_in_user
from ..organisations.models import Organisation
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
    user = signed_in_user(actor)
    return AuditEvent.objects.create(
        actor=user,
        actor_name=user.username if user is not None else "ระบบ",
        action=action,
        object_type=type(obj).__name__,
        object_id=str(getattr(obj, "pk", "") or ""),
        organisation=organisation if isinstance(organisation, Organisation) and organisation.pk else None,
        org_path=getattr(organisation, "path", "") or "",
        org_name=getattr(organisation, "name", "") or "",
        before=before,
        after=after,
    )
