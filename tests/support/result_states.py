"""Result data shared by the web tests: the saved state a rejected upload must leave untouched, and made-up result
rows (ten indicators at one score, some weak questions) for dashboards and exports."""

from __future__ import annotations

from typing import Any

from prongsai.web.accounts.models import Membership
from prongsai.web.assessments.models import AssessmentRecord, WeakPoint
from prongsai.web.audit.models import AuditEvent


def results_state() -> tuple[Any, ...]:
    """Everything an upload could write: saved results, weak points, audit events and memberships."""
    return (
        list(AssessmentRecord.objects.order_by("pk").values_list("pk", "year", "total", "input_rows")),
        WeakPoint.objects.count(),
        AuditEvent.objects.count(),
        Membership.objects.count(),
    )


def indicator_rows(total: float, weak: list[str]) -> list[dict[str, object]]:
    """Rows with every indicator at `total` and each code in `weak` at 70 (EIT ones on the public channel)."""
    rows: list[dict[str, object]] = [{"code": f"IND{n}", "score": total, "channel": ""} for n in range(1, 11)]
    rows += [{"code": code, "score": 70.0, "channel": "public" if code.startswith("E") else ""} for code in weak]
    return rows
