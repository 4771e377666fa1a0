"""Making and checking API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..accounts.selectors import scope_of
from ..audit.services import record_change
from ..organisations.models import Organisation
from .models import ApiToken

TOKEN_PREFIX = "ps_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def issue_token(*, actor: object | None, user: object) -> str:
    """A new token for `user` (returned once, never stored in clear). `actor` None is the command line."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(user=user, digest=_digest(token), prefix=token[:10])
    scope = scope_of(user)
    record_change(actor=actor, action="token.create", obj=record, organisation=_org(scope.org_id), before=None,
                  after={"user": getattr(user, "username", ""), "prefix": record.prefix})
    return token


def _org(org_id: int | None) -> Organisation | None:
    return None if org_id is None else Organisation.objects.filter(pk=org_id).first()


def user_for_token(token: str) -> object | None:
    """The active user a token belongs to, or None; the last use is noted at most once a minute."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    record = ApiToken.objects.select_related("user").filter(digest=_digest(token), revoked=False).first()
    if record is None or not record.user.is_active:
        return None
    now = timezone.now()
    if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user


def user_by_name(username: str) -> object | None:
    return get_user_model().objects.filter(username=username).first()
