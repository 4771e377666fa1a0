"""Writes for people: creating users with a role, changing roles, switching accounts off and on, temporary
passwords and one's own password change."""

from __future__ import annotations

import secrets

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ..api.services import revoke_tokens_of
from ..audit.services import record_change
from ..organisations.models import Organisation
from .models import ADMIN, AGENCY_ROLES, OVERSIGHT, ROLE_NAMES, Membership
from .selectors import scope_of
from .sessions import end_sessions
from .throttle import counted_username


def _allowed_roles(actor: object | None, org: object | None) -> tuple[str, ...]:
    kind = getattr(org, "kind", None)
    if actor is None or scope_of(actor).is_admin:
        if kind == "agency":
            return AGENCY_ROLES
        if kind in ("national", "ministry", "province"):
            return (OVERSIGHT, ADMIN) if kind == "national" else (OVERSIGHT,)
        return (ADMIN,) if org is None else ()
    if kind == "agency" and scope_of(actor).can_manage_org(org):
        return AGENCY_ROLES
    return ()


def roles_actor_may_grant(*, actor: object, organisation: object) -> list[tuple[str, str]]:
    return [(role, ROLE_NAMES[role]) for role in _allowed_roles(actor, organisation)]


@transaction.atomic
def create_member(
    *,
    actor: object | None,
    organisation: object | None,
    username: str,
    password: str,
    role: str,
    full_name: str = "",
    email: str = "",
    validate: bool = True,
    must_change_password: bool = False,
) -> Membership:
    """A new user with one role at one organisation. `actor` None is the system (demo data, set-up). A password an
    administrator chose for someone else is given with `must_change_password`: it is changed at the first login."""
    if role not in _allowed_roles(actor, organisation):
        raise PermissionDenied("ไม่มีสิทธิ์มอบบทบาทนี้ที่หน่วยงานนี้")
    user_model = get_user_model()
    username = username.strip()
    if not username:
        raise ValidationError("ต้องระบุชื่อผู้ใช้")
    if user_model.objects.filter(username__iexact=username).exists():
        raise ValidationError("มีชื่อผู้ใช้นี้แล้ว")
    user = user_model(username=username, email=email.strip(), first_name=full_name.strip()[:150])
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.save()
    membership = Membership.objects.create(
        user=user,
        organisation=organisation if isinstance(organisation, Organisation) else None,
        role=role,
        must_change_password=must_change_password,
    )
    record_change(
        actor=actor,
        action="member.create",
        obj=membership,
        organisation=organisation,
        before=None,
        after={"username": user.username, "role": role, "organisation": getattr(organisation, "pk", None)},
    )
    return membership


@transaction.atomic
def change_member(
    *, actor: object, membership: Membership, role: str | None = None, active: bool | None = None
) -> Membership:
    """Change a member's role or switch their account off or on; never one's own. Switching it off ends their sessions
    and revokes their API tokens."""
    org = membership.organisation
    _check_may_manage(actor, membership)
    if membership.user_id == getattr(actor, "pk", None):
        raise ValidationError("เปลี่ยนบทบาทหรือปิดบัญชีของตนเองไม่ได้")
    before = {"role": membership.role, "active": membership.user.is_active}
    if role is not None and role != membership.role:
        if role not in _allowed_roles(actor, org):
            raise PermissionDenied("ไม่มีสิทธิ์มอบบทบาทนี้ที่หน่วยงานนี้")
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
    if active is not None and active != membership.user.is_active:
        membership.user.is_active = active
        membership.user.save(update_fields=["is_active"])
        if not active:  # for good: switching the account on again revives no session and no token
            end_sessions(user=membership.user)
            revoke_tokens_of(user=membership.user)
    after = {"role": membership.role, "active": membership.user.is_active}
    if after != before:
        record_change(actor=actor, action="member.change", obj=membership, organisation=org, before=before, after=after)
    return membership


def _check_may_manage(actor: object, membership: Membership) -> None:
    """A system administrator manages anyone; an agency administrator the members of their agency."""
    org = membership.organisation
    scope = scope_of(actor)
    allowed = scope.can_manage_org(org) if org is not None else scope.is_admin
    if not allowed:
        raise PermissionDenied("ไม่มีสิทธิ์จัดการผู้ใช้ของหน่วยงานนี้")


# Letters and digits that cannot be mistaken for one another when read out or copied from a screen.
_TEMPORARY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"


def make_temporary_password() -> str:
    """Twelve random characters in three groups (about 70 bits), e.g. `Xk7p-Qm2r-Ta9w`."""
    return "-".join("".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(3))


@transaction.atomic
def set_temporary_password(*, actor: object, membership: Membership) -> str:
    """Give a member a new random password, returned once, that they must change at their next login. Their
    sessions end and the login throttle forgets their failures, so the new password works at once."""
    _check_may_manage(actor, membership)
    if membership.user_id == getattr(actor, "pk", None):
        raise ValidationError("ตั้งรหัสผ่านชั่วคราวให้ตนเองไม่ได้ กรุณาใช้หน้าเปลี่ยนรหัสผ่าน")
    user = membership.user
    if not user.is_active:
        raise ValidationError("บัญชีนี้ถูกปิดการใช้งาน กรุณาเปิดบัญชีก่อนตั้งรหัสผ่านชั่วคราว")
    password = make_temporary_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    membership.must_change_password = True
    membership.save(update_fields=["must_change_password", "updated_at"])
    end_sessions(user=user)
    AxesProxyHandler.reset_attempts(username=counted_username(None, {"username": user.get_username()}))
    record_change(
        actor=actor,
        action="password.temporary",
        obj=membership,
        organisation=membership.organisation,
        before=None,
        after={"username": user.username, "must_change_password": True},
    )
    return password


@transaction.atomic
def change_own_password(*, user: object, password: str, keep_session: str | None) -> None:
    """The user chose a new password (already checked against the old one and the rules by the form): store it,
    lift the duty to change it, and end their other sessions (the one in use, `keep_session`, stays)."""
    if not isinstance(user, User):
        raise ValidationError("เปลี่ยนรหัสผ่านได้เฉพาะบัญชีผู้ใช้ของระบบ")
    user.set_password(password)
    user.save(update_fields=["password"])
    Membership.objects.filter(user=user).update(must_change_password=False)
    end_sessions(user=user, keep=keep_session)
    membership = Membership.objects.select_related("organisation").filter(user=user).first()
    record_change(
        actor=user,
        action="password.change",
        obj=membership or user,
        organisation=getattr(membership, "organisation", None),
        before=None,
        after={"username": getattr(user, "username", "")},
    )
