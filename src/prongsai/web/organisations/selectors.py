"""Reads of the organisation tree, always through the reader's scope."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse

from ..accounts.selectors import Scope
from .models import WORKGROUP, Organisation


def visible_organisations(scope: Scope) -> QuerySet[Organisation]:
    return Organisation.objects.filter(scope.org_q())


def visible_organisation(scope: Scope, pk: int) -> Organisation | None:
    """The organisation if the scope may read it; None otherwise, so a foreign id reveals nothing."""
    return visible_organisations(scope).filter(pk=pk).first()


def child_nodes(scope: Scope, node: Organisation) -> QuerySet[Organisation]:
    return visible_organisations(scope).filter(parent=node).exclude(kind=WORKGROUP)


def breadcrumbs(scope: Scope, org: Organisation) -> list[tuple[str, str | None]]:
    """The visible ancestors of `org`, from the top, as (name, dashboard link or None) for navigation."""
    ids = org.ancestor_ids()
    found = {o.pk: o for o in visible_organisations(scope).filter(pk__in=ids)}
    return [
        (found[i].name, reverse("dashboard", args=[i]) if scope.can_oversee(found[i]) else None)
        for i in ids
        if i in found
    ]


def workgroups_of(org: Organisation) -> QuerySet[Organisation]:
    """The agency's work groups (กลุ่มงาน), by name: the units a measure or an OIT item can be given to."""
    return Organisation.objects.filter(parent=org, kind=WORKGROUP).order_by("name", "pk")


def people_of(org: Organisation) -> QuerySet[Any]:
    """Active users whose membership is at the agency or one of its work groups, by name: whom a measure can name
    and an OIT item can be given to (membership and its organisation loaded)."""
    return (
        get_user_model()
        .objects.filter(membership__organisation__path__startswith=org.path, is_active=True)
        .select_related("membership__organisation")
        .order_by("first_name", "last_name", "username")
    )
