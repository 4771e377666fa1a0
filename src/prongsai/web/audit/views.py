"""The audit log page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from ..accounts.middleware import ScopedRequest
from .display import ACTION_NAMES, action_name, describe
from .selectors import audit_events


def audit_log(request: ScopedRequest) -> HttpResponse:
    action = request.GET.get("action", "")
    events = audit_events(request.scope, action=action if action in ACTION_NAMES else "")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    rows = [
        {
            "event": e,
            "action_name": action_name(e.action),
            "before": describe(e.before, e.action),
            "after": describe(e.after, e.action),
        }
        for e in page
    ]
    return render(
        request,
        "audit/log.html",
        {
            "page": page,
            "rows": rows,
            "actions": ACTION_NAMES,
            "action": action,
            "query": f"action={action}" if action else "",
        },
    )
