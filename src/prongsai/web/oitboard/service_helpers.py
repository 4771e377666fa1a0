"""What the OIT board services share: the edit check with its Thai refusal, and the check that an assignee
belongs to the board's agency."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from ..accounts.models import Membership
from ..organisations.models import Organisation
from .models import OitBoard
from .permissions import actor_may_edit

EDIT_REFUSED = "บทบาทของท่านแก้ไขกระดานเตรียมข้อมูล OIT ของหน่วยงานนี้ไม่ได้"


def require_edit(actor: object | None, org: Organisation) -> None:
    if not actor_may_edit(actor, org):
        raise PermissionDenied(EDIT_REFUSED)


def check_assignee(board: OitBoard, user: Any) -> None:
    if user is None:
        return
    member = Membership.objects.filter(user=user, organisation__path__startswith=board.organisation.path).exists()
    if not member or not user.is_active:
        raise ValidationError("ผู้รับผิดชอบที่เลือกไม่ใช่ผู้ใช้ของหน่วยงานนี้")
