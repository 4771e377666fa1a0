"""The landing page: each role goes where its work is."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from ..accounts.middleware import ScopedRequest
from ..organisations.models import OVERSIGHT_KINDS
from ..organisations.selectors import visible_organisations
from .digits import shown, user_wants_thai_digits
from .services import set_display_preference


def home(request: ScopedRequest) -> HttpResponse:
    scope = request.scope
    if scope.is_agency_role and scope.org_id:
        return redirect("agency", org_id=scope.org_id)
    nodes = list(visible_organisations(scope).filter(kind__in=OVERSIGHT_KINDS).order_by("depth", "name")[:200])
    if scope.role == "oversight" and scope.org_id:
        return redirect("dashboard", org_id=scope.org_id)
    if scope.is_admin and len(nodes) == 1:
        return redirect("dashboard", org_id=nodes[0].pk)
    return render(request, "core/home.html", {"nodes": nodes})


def preferences(request: ScopedRequest) -> HttpResponse:
    """The reader's own display settings: Thai digits or not (stored per person)."""
    if request.method == "POST":
        wanted = request.POST.get("thai_digits") == "on"
        set_display_preference(user=request.user, thai_digits=wanted)
        messages.success(request, "บันทึกการแสดงผลแล้ว: " + ("ใช้ตัวเลขไทย" if wanted else "ใช้ตัวเลขอารบิก"))
        return redirect("preferences")
    return render(
        request,
        "core/preferences.html",
        {
            "thai_digits": user_wants_thai_digits(request.user),
            "sample_score": shown("92.31"),
            "sample_moment": timezone.now(),
        },
    )
