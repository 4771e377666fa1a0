"""The audit log page."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..accounts.selectors import scope_of
from .selectors import ACTION_NAMES, audit_events


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    action = request.GET.get("action", "")
    events = audit_events(scope_of(request.user), action=action if action in ACTION_NAMES else "")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    rows = [
        {
            "event": e,
            "action_name": ACTION_NAMES.get(e.action, e.action),
            "before": json.dumps(e.before, ensure_ascii=False, indent=1) if e.before is not None else "",
            "after": json.dumps(e.after, ensure_ascii=False, indent=1) if e.after is not None else "",
        }
        for e in page
    ]
    return render(request, "audit/log.html", {"page": page, "rows": rows, "actions": ACTION_NAMES,
                                              "action": action})
