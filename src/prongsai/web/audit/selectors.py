"""Reading the audit log: system administrators read all of it, an agency's administrator reads their agency's."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from ..accounts.selectors import Scope
from .models import AuditEvent


def audit_events(scope: Scope, *, action: str = "") -> QuerySet[AuditEvent]:
    if not scope.can_read_audit:
        raise PermissionDenied("เฉพาะผู้ดูแลระบบและผู้ดูแลหน่วยงานเท่านั้นที่ดูบันทึกการเปลี่ยนแปลงได้")
    events = AuditEvent.objects.all()
    if not scope.is_admin:
        events = events.filter(org_path__startswith=scope.path or "-")
    if action:
        events = events.filter(action=action)
    return events
