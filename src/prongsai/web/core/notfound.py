"""Views turn a selector's None into a 404: selectors only read, and know nothing of HTTP."""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404

from ..accounts.selectors import Scope
from ..organisations.models import Organisation
from ..organisations.selectors import visible_organisation

T = TypeVar("T")


def or_404(found: T | None, message: str = "ไม่พบข้อมูลนี้") -> T:
    """`found`, or a 404 saying `message` when the selector found nothing the reader may see (a foreign id reveals
    nothing)."""
    if found is None:
        raise Http404(message)
    return found


def organisation_or_404(scope: Scope, org_id: int) -> Organisation:
    """The organisation the scope may read, or a 404 (the same for one that exists elsewhere and one that does not)."""
    return or_404(visible_organisation(scope, org_id), "ไม่พบหน่วยงาน")


def agency_or_404(scope: Scope, org_id: int, message: str = "ไม่พบหน่วยงาน") -> Organisation:
    """An assessed agency the scope may read, or a 404: plans, boards, surveys and results belong to agencies only."""
    org = organisation_or_404(scope, org_id)
    if not org.is_agency:
        raise Http404(message)
    return org
