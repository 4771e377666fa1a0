"""What the OIT board pages share: the agency and its board of a year found for the reader (404 otherwise),
the board for an editor (403 for a role that only reads), a refused write's Thai reasons, and the stylesheet."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ..accounts.middleware import ScopedRequest
from ..core.notfound import or_404
from ..organisations.models import Organisation
from ..organisations.selectors import visible_organisation
from .models import OitBoard
from .selectors import (
    board_of,
)

CSS = "oitboard/board.css"


def agency_or_404(request: ScopedRequest, org_id: int) -> Organisation:
    org = or_404(visible_organisation(request.scope, org_id))
    if not org.is_agency:
        raise Http404("ไม่พบหน่วยงาน")
    return org


def board_or_404(request: ScopedRequest, org_id: int, year: int) -> tuple[Organisation, OitBoard]:
    org = agency_or_404(request, org_id)
    board = board_of(request.scope, org, year)
    if board is None:
        raise Http404("ยังไม่มีกระดานของปีนี้")
    return org, board


def editable_board(request: ScopedRequest, org_id: int, year: int) -> tuple[Organisation, OitBoard]:
    org, board = board_or_404(request, org_id, year)
    if not request.scope.can_edit_work(org):
        raise PermissionDenied("บทบาทของท่านดูกระดานได้อย่างเดียว")
    return org, board


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)
