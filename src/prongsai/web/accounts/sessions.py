"""Ending a user's sessions: every session in the store that is logged in as them is deleted, so switching an account
off (or giving it a temporary password) logs it out everywhere, and switching it on again revives nothing."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone


def end_sessions(*, user: object, keep: str | None = None) -> int:
    """Delete the user's sessions (all but the session key `keep`); returns how many. Needs a database-backed session
    engine (Django's default `db`, or `cached_db`), the only ones whose sessions can be listed."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        raise ImproperlyConfigured("การปิดเซสชันของผู้ใช้ต้องใช้ SESSION_ENGINE ที่เก็บเซสชันในฐานข้อมูล")
    user_id = str(getattr(user, "pk", ""))
    ended = 0
    for session in store.get_model_class().objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key == keep:
            continue
        data = store().decode(session.session_data)
        if str(data.get(SESSION_KEY, "")) == user_id and HASH_SESSION_KEY in data:
            store(session_key=session.session_key).delete()
            ended += 1
    return ended
