"""Reading API tokens: one's own, or all of them for a system administrator."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet

from ..accounts.selectors import scope_of
from .models import ApiToken


def visible_tokens(user: object) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.select_related("user").order_by("revoked", "-created_at")
    if scope_of(user).is_admin:
        return tokens
    return tokens.filter(user=user) if isinstance(user, User) else tokens.none()


def get_visible_token(user: object, token_id: int) -> ApiToken | None:
    """A token the user may see, or None (the same answer as for a missing one)."""
    return visible_tokens(user).filter(pk=token_id).first()
