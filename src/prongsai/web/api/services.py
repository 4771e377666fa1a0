"""Making, checking and revoking API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ...ita.thaidates import format_date
from ..accounts.selectors import scope_of
from ..audit.services import record_change
from ..organisations.models import Organisation
from .models import DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, ApiToken

TOKEN_PREFIX = "ps_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def issue_token(*, actor: object | None, user: object, days: int = DEFAULT_TOKEN_DAYS, name: str = "") -> str:
    """A new token for `user` valid for `days` days (returned once, never stored in clear). `actor` None is the
    command line; a person may only make tokens for themselves."""
    if actor is not None and getattr(actor, "pk", None) != getattr(user, "pk", None):
        raise PermissionDenied("ออกโทเคนได้เฉพาะของตนเอง")
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationError(f"อายุของโทเคนต้องอยู่ระหว่าง 1 ถึง {MAX_TOKEN_DAYS} วัน")
    if not getattr(user, "is_active", False):
        raise ValidationError("บัญชีนี้ถูกปิดการใช้งาน จึงออกโทเคนให้ไม่ได้")
    if not isinstance(user, User):
        raise ValidationError("ออกโทเคนได้เฉพาะบัญชีผู้ใช้ของระบบ")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=user,
        digest=_digest(token),
        prefix=token[:10],
        name=name.strip()[:100],
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    scope = scope_of(user)
    record_change(
        actor=actor,
        action="token.create",
        obj=record,
        organisation=_org(scope.org_id),
        before=None,
        after={
            "user": getattr(user, "username", ""),
            "prefix": record.prefix,
            "expires_at": record.expires_at.isoformat(),
        },
    )
    return token


def _org(org_id: int | None) -> Organisation | None:
    return None if org_id is None else Organisation.objects.filter(pk=org_id).first()


def may_manage_token(actor: object, token: ApiToken) -> bool:
    """One's own tokens, or any token for a system administrator."""
    return token.user_id == getattr(actor, "pk", None) or scope_of(actor).is_admin


@transaction.atomic
def revoke_token(*, actor: object | None, token: ApiToken) -> ApiToken:
    """Revoke for good. `actor` None is the command line."""
    if actor is not None and not may_manage_token(actor, token):
        raise PermissionDenied("เพิกถอนได้เฉพาะโทเคนของตนเอง")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked:
        return token
    token.revoked, token.revoked_at = True, timezone.now()
    token.save(update_fields=["revoked", "revoked_at"])
    record_change(
        actor=actor,
        action="token.revoke",
        obj=token,
        organisation=_org(scope_of(token.user).org_id),
        before={"revoked": False},
        after={"user": token.user.username, "prefix": token.prefix, "revoked": True},
    )
    return token


def revoke_tokens_of(*, user: object) -> int:
    """Revoke every live token of `user` (their account is being switched off); called inside that service's
    transaction, which records the change."""
    if not isinstance(user, User):
        return 0
    return ApiToken.objects.filter(user=user, revoked=False).update(revoked=True, revoked_at=timezone.now())


@dataclass(frozen=True)
class TokenCheck:
    """The outcome of checking a presented token: its user, or why it is refused (formal Thai)."""

    user: object | None
    refusal: str = ""


MISSING = "ต้องใช้โทเคนที่ถูกต้องในส่วนหัว Authorization: Bearer <token>"


def check_token(token: str) -> TokenCheck:
    """The active user a token belongs to, or the reason it is refused; the last use is noted at most once a
    minute."""
    if not token.startswith(TOKEN_PREFIX):
        return TokenCheck(None, MISSING)
    record = ApiToken.objects.select_related("user").filter(digest=_digest(token)).first()
    if record is None:
        return TokenCheck(None, MISSING)
    if record.revoked:
        return TokenCheck(None, "โทเคนนี้ถูกเพิกถอนแล้ว กรุณาออกโทเคนใหม่")
    if not record.user.is_active:
        return TokenCheck(None, "บัญชีของโทเคนนี้ถูกปิดการใช้งาน")
    now = timezone.now()
    if record.expires_at <= now:
        day = format_date(timezone.localtime(record.expires_at).date())
        return TokenCheck(None, f"โทเคนนี้หมดอายุแล้วเมื่อวันที่ {day} กรุณาออกโทเคนใหม่")
    if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return TokenCheck(record.user)


def user_by_name(username: str) -> object | None:
    return get_user_model().objects.filter(username=username).first()


def find_tokens(value: str) -> list[ApiToken]:
    """Tokens matching a whole token or the prefix shown in lists (the command line's `--revoke`)."""
    value = value.strip().rstrip("…")
    if not value:
        return []
    exact = list(ApiToken.objects.select_related("user").filter(digest=_digest(value)))
    return exact or list(ApiToken.objects.select_related("user").filter(prefix=value))
