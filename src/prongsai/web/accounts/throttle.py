"""The login throttle, built on django-axes: what it counts (the normalised user name with the client address), where
the client address comes from (a trusted proxy setting), and an attempt counted before its password is checked.

django-axes records failures and refuses a locked (user name, address) pair; three things are set here:
- `counted_username`: NFKC (Django's `AbstractBaseUser.normalize_username`, what the login form itself does) and
  case-folded, so the full-width form of `t_agency` and `T_Agency` are counted with `t_agency`;
- `client_ip`: `REMOTE_ADDR`, unless the connection comes from a proxy listed in `PRONGSAI_TRUSTED_PROXIES`, in which
  case the address that proxy wrote into `X-Forwarded-For` (a client cannot forge it by connecting directly);
- `CountFirstHandler`: axes' database handler counts a failure after the password was checked, so concurrent
  tries all pass the check before any is counted. Here every try is counted first, in one transaction holding the
  row of its (user name, address) pair, and refused if the pair has reached the limit; a success clears the pair.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import router, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

# The user agent is chosen by the client, so it is no part of the key: one row per (user name, address).
ANY_AGENT = "-"
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def counted_username(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str | None:
    """The user name as the throttle counts it: stripped, NFKC-normalised like Django's login, case-folded."""
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = (credentials or {}).get(field)
    if raw is None and request is not None:
        raw = getattr(request, "POST", {}).get(field)
    if raw is None:
        return None
    return AbstractBaseUser.normalize_username(str(raw)).strip().casefold()[:150]


def _networks() -> list[Network]:
    networks = []
    for entry in getattr(settings, "PRONGSAI_TRUSTED_PROXIES", []):
        networks.append(ipaddress.ip_network(entry.strip(), strict=False))
    return networks


def _address(text: str) -> Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the connection's, or the one a trusted proxy put into X-Forwarded-For.

    X-Forwarded-For is read right to left, skipping our own proxies; the first address not among them was written
    by the nearest trusted proxy and is the client. Anything to its left came from the client and is ignored."""
    remote = _address(request.META.get("REMOTE_ADDR", "") or "")
    networks = _networks()
    if remote is None or not networks or not any(remote in net for net in networks):
        return str(remote) if remote else None
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break
        client = address
        if not any(address in net for net in networks):
            break
    return str(client)


def cool_off() -> dt.timedelta:
    """How long a (user name, address) pair at the limit waits after its last counted try."""
    return dt.timedelta(seconds=settings.PRONGSAI_LOGIN_COOLOFF_SECONDS)


def cool_off_of_request(request: HttpRequest | None = None) -> dt.timedelta:
    """`AXES_COOLOFF_TIME`: the same for every request."""
    return cool_off()


class CountFirstHandler(AxesDatabaseHandler):
    """axes' database handler, counting each try before the password is checked (see the module docstring)."""

    def is_allowed(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        if self.is_blacklisted(request, credentials):
            return False
        if self.is_whitelisted(request, credentials):
            return True
        allowed = self._count_attempt(request, credentials)
        request.prongsai_counted = allowed  # type: ignore[attr-defined]
        return allowed

    def _count_attempt(self, request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
        """Add this try to its pair's count, unless the pair is already at the limit (then refuse, add nothing)."""
        username = get_client_username(request, credentials)
        now = request.axes_attempt_time  # type: ignore[attr-defined]
        limit = get_failure_limit(request, credentials)
        with transaction.atomic(using=router.db_for_write(AccessAttempt)):
            attempt, _created = AccessAttempt.objects.select_for_update().get_or_create(
                username=username,
                ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
                user_agent=ANY_AGENT,
                defaults={
                    "get_data": "",
                    "post_data": "",
                    "http_accept": "",
                    "path_info": request.path[:255],
                    "failures_since_start": 0,
                    "attempt_time": now,
                },
            )
            failures = 0 if attempt.attempt_time <= now - cool_off() else attempt.failures_since_start
            if failures >= limit:
                return False
            attempt.failures_since_start = failures + 1
            attempt.attempt_time = now
            attempt.save(update_fields=["failures_since_start", "attempt_time"])
        return True

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        """The try was counted before its password was checked; only a refused one is flagged for the lockout page."""
        if request is None:
            return
        if getattr(request, "prongsai_counted", None) is False:
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,  # type: ignore[attr-defined]  # set by axes' middleware
            )


def minutes_left(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    """Whole minutes (at least one) until the pair of this request may try again."""
    attempt = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials), ip_address=getattr(request, "axes_ip_address", None)
    ).first()
    if attempt is None:
        return 1
    left = attempt.attempt_time + cool_off() - timezone.now()
    return max(1, -(-int(left.total_seconds()) // 60))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The login page again, with the formal Thai notice of the pause (HTTP 429)."""
    from .views import ThaiAuthenticationForm

    form = ThaiAuthenticationForm(request)
    form.fields["username"].initial = (credentials or {}).get("username", "")
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "blocked": True,
            "minutes": minutes_left(request, credentials),
            "limit": get_failure_limit(request, credentials),
            "next": request.POST.get("next", ""),
        },
        status=429,
    )
