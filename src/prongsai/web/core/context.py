"""Template context shared by every page: the user's scope and the navigation it allows."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from ..accounts.selectors import scope_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_of(user)
    links = [(reverse("home"), "หน้าแรก")]
    if scope.is_agency_role and scope.org_id:
        links.append((reverse("agency", args=[scope.org_id]), "หน่วยงานของฉัน"))
    if scope.can_read_audit:
        links.append((reverse("audit_log"), "บันทึกการเปลี่ยนแปลง"))
    links.append((reverse("frameworks"), "กรอบการประเมิน"))
    links.append((reverse("api_help"), "API"))
    links.append((reverse("tokens"), "โทเคน API"))
    links.append((reverse("password_change"), "เปลี่ยนรหัสผ่าน"))
    return {"scope": scope, "nav_links": links}
