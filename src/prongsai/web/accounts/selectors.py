"""Who may read and write what: the Scope of a user, computed once per request from their membership."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q

from .models import ADMIN, AGENCY_ADMIN, AGENCY_EDITOR, AGENCY_ROLES, OVERSIGHT, ROLE_NAMES, Membership


@dataclass(frozen=True)
class Scope:
    """A user's reach: everything under `path` (all of it for a system administrator, nothing without a role).

    Every selector filters with `org_q()`; every service asks `can_*` before it writes.
    """

    user_id: int | None
    role: str | None
    org_id: int | None
    path: str | None

    @property
    def permission_key(self) -> tuple[str | None, int | None, str | None]:
        """Everything that decides what this scope may read and do (all but the user): part of the key of every
        cached page, so a page cached for one permission set is never shown to another."""
        return (self.role, self.org_id, self.path)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role or "", "ไม่มีบทบาท")

    @property
    def is_agency_role(self) -> bool:
        return self.role in AGENCY_ROLES

    def org_q(self, prefix: str = "") -> Q:
        """Filter for organisations (or rows pointing at one through `prefix`) inside this scope."""
        if self.is_admin:
            return Q()
        if not self.role or not self.path:
            return Q(pk__in=[])
        return Q(**{f"{prefix}path__startswith": self.path})

    def can_read_org(self, org: object) -> bool:
        if self.is_admin:
            return True
        return bool(self.role and self.path and getattr(org, "path", "").startswith(self.path))

    def can_write_results(self, org: object) -> bool:
        """Upload or type results for an agency: its administrators and editors, or a system administrator."""
        if getattr(org, "kind", None) != "agency":
            return False
        if self.is_admin:
            return True
        return self.role in (AGENCY_ADMIN, AGENCY_EDITOR) and getattr(org, "pk", None) == self.org_id

    def can_edit_work(self, org: object) -> bool:
        """Edit an organisation's work (its plans, OIT boards and driving KPI): its own people, that is an agency's
        administrators and editors, or the oversight users placed at that very ministry or province, and system
        administrators. Everyone above only reads; a national node or a work group keeps no such work."""
        kind = getattr(org, "kind", None)
        if kind not in ("agency", "ministry", "province"):
            return False
        if self.is_admin:
            return True
        if getattr(org, "pk", None) != self.org_id:
            return False
        return self.role in ((AGENCY_ADMIN, AGENCY_EDITOR) if kind == "agency" else (OVERSIGHT,))

    def can_manage_org(self, org: object) -> bool:
        """Manage people, work groups and delete results: the agency's administrator, or a system administrator."""
        if self.is_admin:
            return True
        return self.role == AGENCY_ADMIN and self.can_read_org(org)

    def can_oversee(self, org: object) -> bool:
        """Open the oversight dashboard of a node: oversight users under their node, system administrators."""
        if getattr(org, "kind", None) not in ("national", "ministry", "province"):
            return False
        if self.is_admin:
            return True
        return self.role == OVERSIGHT and self.can_read_org(org)

    @property
    def can_read_audit(self) -> bool:
        return self.role in (ADMIN, AGENCY_ADMIN)


EMPTY = Scope(None, None, None, None)


def scope_of(user: object) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    if user is None or isinstance(user, AnonymousUser) or not getattr(user, "is_authenticated", False):
        return EMPTY
    if not getattr(user, "is_active", False):
        return EMPTY
    cached = getattr(user, "_prongsai_scope", None)
    if cached is not None:
        return cached
    if not isinstance(user, User):
        return EMPTY
    membership = Membership.objects.select_related("organisation").filter(user=user).first()
    if membership is None:
        scope = Scope(user.pk, ADMIN, None, None) if getattr(user, "is_superuser", False) else EMPTY
    else:
        org = membership.organisation
        scope = Scope(user.pk, membership.role, org.pk if org else None, org.path if org else None)
        if scope.role != ADMIN and org is None:
            scope = EMPTY
    user._prongsai_scope = scope  # type: ignore[attr-defined]
    return scope


def members_of(scope: Scope, org: object) -> list[Membership]:
    """People whose membership sits at or under `org`, for those who may manage it."""
    if not scope.can_manage_org(org):
        return []
    return list(
        Membership.objects.select_related("user", "organisation")
        .filter(organisation__path__startswith=getattr(org, "path", ""))
        .order_by("organisation__path", "user__username")
    )
