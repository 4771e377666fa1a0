"""A user with a temporary password is sent to the password change page, whatever they open, until they have
chosen their own. The duty is noted in the session at login (accounts/signals.py), so no page pays a query for it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .selectors import Scope, scope_of

MUST_CHANGE_KEY = "prongsai_must_change_password"


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(MUST_CHANGE_KEY) and request.user.is_authenticated:
            free = (reverse("password_change"), reverse("logout"), reverse("login"), settings.STATIC_URL, "/api/")
            if not request.path.startswith(free):
                return redirect("password_change")
        return self.get_response(request)


class ScopedRequest(HttpRequest):
    """The request type of every signed-in view: `scope` is what the user may see and do (set by ScopeMiddleware)."""

    scope: Scope


class ScopeMiddleware:
    """Sets `request.scope` once per request, read lazily so that pages which never ask pay no query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.scope = SimpleLazyObject(lambda: scope_of(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)
