"""Login (throttled by django-axes, see throttle.py), logout, one's own password change, and the members pages of an
organisation (add, role, switch off and on, temporary password)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from ..core.notfound import or_404, organisation_or_404
from .middleware import MUST_CHANGE_KEY, ScopedRequest
from .selectors import members_of
from .services import (
    change_member,
    change_own_password,
    create_member,
    roles_actor_may_grant,
    set_temporary_password,
)


class ThaiAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
        "inactive": "บัญชีนี้ถูกปิดการใช้งาน",
    }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "ชื่อผู้ใช้"
        self.fields["password"].label = "รหัสผ่าน"


@login_not_required
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: ScopedRequest) -> HttpResponse:
    """Log in. Throttling is django-axes' (accounts/throttle.py): a refused try never reaches the password check, and
    axes' middleware answers it with the lockout page (HTTP 429)."""
    form = ThaiAuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        target = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            target = "home"
        return redirect(target)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=400 if request.method == "POST" else 200,
    )


@login_not_required
@require_POST
def logout_view(request: ScopedRequest) -> HttpResponse:
    logout(request)
    return redirect("login")


class ThaiPasswordChangeForm(PasswordChangeForm):
    error_messages = {
        "password_incorrect": "รหัสผ่านปัจจุบันไม่ถูกต้อง กรุณากรอกอีกครั้ง",
        "password_mismatch": "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน",
    }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "รหัสผ่านปัจจุบัน (หรือรหัสผ่านชั่วคราวที่ได้รับ)"
        self.fields["new_password1"].label = "รหัสผ่านใหม่"
        self.fields["new_password2"].label = "ยืนยันรหัสผ่านใหม่"
        for field in self.fields.values():
            field.help_text = ""


class PasswordChange(PasswordChangeView):
    """Django's password change view with our form, template and service: the rules are listed before the fields,
    a temporary password's duty is lifted, and the user's other sessions end."""

    form_class = ThaiPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rules"] = password_validators_help_texts()
        context["must_change"] = bool(self.request.session.get(MUST_CHANGE_KEY))
        return context

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        change_own_password(
            user=form.user, password=form.cleaned_data["new_password1"], keep_session=self.request.session.session_key
        )
        update_session_auth_hash(self.request, form.user)
        self.request.session.pop(MUST_CHANGE_KEY, None)
        messages.success(self.request, "เปลี่ยนรหัสผ่านเรียบร้อยแล้ว")
        return redirect(self.get_success_url())

    def form_invalid(self, form: PasswordChangeForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _password_rules() -> str:
    """The password rules in Thai, shown beside the field before anyone types (the validators' own help texts)."""
    return "กฎของรหัสผ่าน: " + " · ".join(password_validators_help_texts())


class MemberForm(forms.Form):
    username = forms.CharField(label="ชื่อผู้ใช้", max_length=150)
    full_name = forms.CharField(label="ชื่อ-นามสกุล", max_length=150, required=False)
    email = forms.EmailField(label="อีเมล", required=False)
    role = forms.ChoiceField(label="บทบาท")
    password = forms.CharField(
        label="รหัสผ่านเริ่มต้น (ผู้ใช้ต้องเปลี่ยนเมื่อเข้าสู่ระบบครั้งแรก)",
        widget=forms.PasswordInput,
        min_length=10,
        help_text=lazy(_password_rules, str)(),
    )


def members(request: ScopedRequest, org_id: int) -> HttpResponse:
    scope = request.scope
    org = organisation_or_404(scope, org_id)
    if not scope.can_manage_org(org):
        raise PermissionDenied("เฉพาะผู้ดูแลหน่วยงานเท่านั้นที่จัดการผู้ใช้ได้")
    choices = roles_actor_may_grant(actor=request.user, organisation=org)
    form = MemberForm(request.POST or None)
    role = form.fields["role"]
    assert isinstance(role, forms.ChoiceField)
    role.choices = choices
    if request.method == "POST" and form.is_valid():
        try:
            create_member(
                actor=request.user,
                organisation=org,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                role=form.cleaned_data["role"],
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                must_change_password=True,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"เพิ่มผู้ใช้ {form.cleaned_data['username']} แล้ว")
            return redirect("members", org_id=org.pk)
    return render(
        request,
        "accounts/members.html",
        {
            "org": org,
            "form": form,
            "members": members_of(scope, org),
            "role_choices": choices,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def member_change(request: ScopedRequest, org_id: int, member_id: int) -> HttpResponse:
    scope = request.scope
    org = organisation_or_404(scope, org_id)
    if not scope.can_manage_org(org):
        raise PermissionDenied("เฉพาะผู้ดูแลหน่วยงานเท่านั้นที่จัดการผู้ใช้ได้")
    membership = or_404(next((m for m in members_of(scope, org) if m.pk == member_id), None), "ไม่พบผู้ใช้")
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


def member_password(request: ScopedRequest, org_id: int, member_id: int) -> HttpResponse:
    """Give a member a temporary password (POST), shown once on the page that answers; GET asks to confirm."""
    scope = request.scope
    org = organisation_or_404(scope, org_id)
    if not scope.can_manage_org(org):
        raise PermissionDenied("เฉพาะผู้ดูแลหน่วยงานเท่านั้นที่จัดการผู้ใช้ได้")
    membership = or_404(next((m for m in members_of(scope, org) if m.pk == member_id), None), "ไม่พบผู้ใช้")
    context: dict[str, Any] = {"org": org, "member": membership, "password": "", "error": ""}
    status = 200
    if request.method == "POST":
        try:
            context["password"] = set_temporary_password(actor=request.user, membership=membership)
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            status = 400
    return render(request, "accounts/member_password.html", context, status=status)
