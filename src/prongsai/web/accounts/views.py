"""Login with a throttle on failures, logout, and the members page of an organisation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from ..organisations.selectors import get_visible_organisation
from .selectors import members_of, scope_of
from .services import change_member, create_member, login_allowed, note_login_attempt, roles_actor_may_grant


class ThaiAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
        "inactive": "บัญชีนี้ถูกปิดการใช้งาน",
    }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "ชื่อผู้ใช้"
        self.fields["password"].label = "รหัสผ่าน"


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    form = ThaiAuthenticationForm(request, data=request.POST or None)
    blocked = False
    if request.method == "POST":
        username = request.POST.get("username", "")
        ip = client_ip(request)
        if not login_allowed(username=username, ip=ip):
            blocked = True
        elif form.is_valid():
            note_login_attempt(username=username, ip=ip, succeeded=True)
            login(request, form.get_user())
            target = request.POST.get("next") or request.GET.get("next") or ""
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
                target = "home"
            return redirect(target)
        else:
            note_login_attempt(username=username, ip=ip, succeeded=False)
    status = 429 if blocked else (400 if request.method == "POST" else 200)
    return render(request, "accounts/login.html", {"form": form, "blocked": blocked,
                                                   "next": request.GET.get("next", "")}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")


def _password_rules() -> str:
    """The password rules in Thai, shown beside the field before anyone types (the validators' own help texts)."""
    return "กฎของรหัสผ่าน: " + " · ".join(password_validators_help_texts())



class MemberForm(forms.Form):
    username = forms.CharField(label="ชื่อผู้ใช้", max_length=150)
    full_name = forms.CharField(label="ชื่อ-นามสกุล", max_length=150, required=False)
    email = forms.EmailField(label="อีเมล", required=False)
    role = forms.ChoiceField(label="บทบาท")
    password = forms.CharField(label="รหัสผ่านเริ่มต้น", widget=forms.PasswordInput, min_length=10,
                               help_text=lazy(_password_rules, str)())


@login_required
def members(request: HttpRequest, org_id: int) -> HttpResponse:
    scope = scope_of(request.user)
    org = get_visible_organisation(scope, org_id)
    if not scope.can_manage_org(org):
        raise PermissionDenied("เฉพาะผู้ดูแลหน่วยงานเท่านั้นที่จัดการผู้ใช้ได้")
    choices = roles_actor_may_grant(actor=request.user, organisation=org)
    form = MemberForm(request.POST or None)
    form.fields["role"].choices = choices
    if request.method == "POST" and form.is_valid():
        try:
            create_member(actor=request.user, organisation=org, username=form.cleaned_data["username"],
                          password=form.cleaned_data["password"], role=form.cleaned_data["role"],
                          full_name=form.cleaned_data["full_name"], email=form.cleaned_data["email"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"เพิ่มผู้ใช้ {form.cleaned_data['username']} แล้ว")
            return redirect("members", org_id=org.pk)
    return render(request, "accounts/members.html", {
        "org": org, "form": form, "members": members_of(scope, org), "role_choices": choices,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def member_change(request: HttpRequest, org_id: int, member_id: int) -> HttpResponse:
    scope = scope_of(request.user)
    org = get_visible_organisation(scope, org_id)
    if not scope.can_manage_org(org):
        raise PermissionDenied("เฉพาะผู้ดูแลหน่วยงานเท่านั้นที่จัดการผู้ใช้ได้")
    membership = next((m for m in members_of(scope, org) if m.pk == member_id), None)
    if membership is None:
        raise Http404("ไม่พบผู้ใช้")
    action = request.POST.get("action", "")
    try:
        if action == "role":
            change_member(actor=request.user, membership=membership, role=request.POST.get("role", ""))
        elif action in ("deactivate", "activate"):
            change_member(actor=request.user, membership=membership, active=action == "activate")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"ปรับปรุงผู้ใช้ {membership.user.username} แล้ว")
    return redirect("members", org_id=org.pk)
