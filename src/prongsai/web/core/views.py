"""The landing page: each role goes where its work is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..accounts.selectors import scope_of
from ..organisations.models import OVERSIGHT_KINDS
from ..organisations.selectors import visible_organisations


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if scope.is_agency_role and scope.org_id:
        return redirect("agency", org_id=scope.org_id)
    nodes = list(visible_organisations(scope).filter(kind__in=OVERSIGHT_KINDS).order_by("depth", "name")[:200])
    if scope.role == "oversight" and scope.org_id:
        return redirect("dashboard", org_id=scope.org_id)
    if scope.is_admin and len(nodes) == 1:
        return redirect("dashboard", org_id=nodes[0].pk)
    return render(request, "core/home.html", {"nodes": nodes})
