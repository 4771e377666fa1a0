"""Whether the page being rendered shows Thai digits (๐-๙): the reader's stored preference, set for the length of
one request by `ThaiDigitsMiddleware`, read by the date and figure filters. A context variable, so concurrent
requests in threads never see each other's choice."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

from ...ita.numbers import to_thai_digits
from ..accounts.users import signed_in_user

_THAI_DIGITS: ContextVar[bool] = ContextVar("prongsai_thai_digits", default=False)


def shown(text: str) -> str:
    """Text with Thai digits when the reader asked for them (figures, dates), else unchanged."""
    return to_thai_digits(text) if _THAI_DIGITS.get() else text


def user_wants_thai_digits(user: object) -> bool:
    """The stored preference of a signed-in user (False for anyone else or when never set)."""
    stored = signed_in_user(user)
    if stored is None:
        return False
    from .models import DisplayPreference

    return DisplayPreference.objects.filter(user=stored, thai_digits=True).exists()


def digits_for_download(request: HttpRequest) -> bool:
    """Thai digits in a downloaded document: the download form's choice (`digits=thai`, or only the hidden
    `digits=arabic` when the box is unticked), else the reader's preference (a plain link)."""
    chosen = request.GET.getlist("digits")
    if chosen:
        return "thai" in chosen
    return user_wants_thai_digits(getattr(request, "user", None))


class ThaiDigitsMiddleware:
    """Sets the reader's digit preference for the request (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _THAI_DIGITS.set(user_wants_thai_digits(getattr(request, "user", None)))
        try:
            return self.get_response(request)
        finally:
            _THAI_DIGITS.reset(token)
