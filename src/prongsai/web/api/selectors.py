"""Reading API tokens: one's own, or all of them for a system administrator."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ..accounts.selectors import scope_of
from .models import ApiToken


def visible_tokens(user: object) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.select_related("user").order_by("revoked", "-created_at")
    if scope_of(user).is_admin:
        return tokens
    return tokens.filter(user_id=getattr(user, "pk", None))


def get_visible_token(user: object, token_id: int) -> ApiToken:
    """A token the user may see, or 404 (the same answer as for a missing one)."""
    token = visible_tokens(user).filter(pk=token_id).first()
    if token is None:
        raise Http404("ไม่พบโทเคน")
    return token
