"""What every plans page shares: the edit check (403 for a role that only reads), the plan's page context,
the quarter checked, a rendered report as a download, and the document formats offered."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from ..accounts.middleware import ScopedRequest
from ..core.downloads import attachment
from ..organisations.selectors import breadcrumbs
from .models import QUARTERS, Plan

DOCUMENT_FORMATS = (("docx", "เอกสาร Word (DOCX)"), ("pdf", "PDF"))


def require_editable(request: ScopedRequest, org: Any) -> None:
    if not request.scope.can_edit_work(org):
        raise PermissionDenied("บทบาทของท่านดูแผนได้อย่างเดียว")


def plan_context(request: ScopedRequest, plan: Plan) -> dict[str, Any]:
    scope = request.scope
    return {
        "plan": plan,
        "org": plan.organisation,
        "crumbs": breadcrumbs(scope, plan.organisation),
        "can_edit": scope.can_edit_work(plan.organisation),
    }


def checked_quarter(quarter: int) -> int:
    if quarter not in QUARTERS:
        raise Http404("ไม่มีไตรมาสนี้")
    return quarter


def report_attachment(report: Any) -> HttpResponse:
    return attachment(report.content, content_type=report.content_type, filename=report.filename)
