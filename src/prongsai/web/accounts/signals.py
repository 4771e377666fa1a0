"""At login, note in the session whether the user must change their password first (accounts/middleware.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import MUST_CHANGE_KEY
from .models import Membership


@receiver(user_logged_in)
def note_password_duty(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is None:
        return
    if Membership.objects.filter(user=user, must_change_password=True).exists():
        session[MUST_CHANGE_KEY] = True
    else:
        session.pop(MUST_CHANGE_KEY, None)
