"""What the OIT board pages share: the agency and its board of a year found for the reader (404 otherwise),
the board for an editor (403 for a role that only reads), a refused write's Thai reasons, and the stylesheet."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from ..accounts.middleware import ScopedRequest
from ..core.notfound import agency_or_404, or_404
from ..organisations.models import Organisation
from .models import OitBoard
from .selectors import (
    board_of,
)

CSS = "oitboard/board.css"


def board_or_404(request: ScopedRequest, org_id: int, year: int) -> tuple[Organisation, OitBoard]:
    org = agency_or_404(request.scope, org_id)
    board = or_404(board_of(request.scope, org, year), "ยังไม่มีกระดานของปีนี้")
    return org, board


def editable_board(request: ScopedRequest, org_id: int, year: int) -> tuple[Organisation, OitBoard]:
    org, board = board_or_404(request, org_id, year)
    if not request.scope.can_edit_work(org):
        raise PermissionDenied("บทบาทของท่านดูกระดานได้อย่างเดียว")
    return org, board


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)
