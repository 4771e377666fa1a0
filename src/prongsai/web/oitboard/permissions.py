"""Who may do what on an agency's OIT board (decided for issue 6; see docs/web.md).

Editing (assignments, evidence, statuses up to "submitted", links, roll-over) is for the agency's editors and
administrators; approving or sending back is for the agency administrator, the head of its ITA working group, who
reviews; a system administrator may do both. Oversight and viewers read. Readers are decided by the selectors.
"""

from __future__ import annotations

from ..accounts.selectors import Scope, scope_of
from ..organisations.models import Kind


def may_review(scope: Scope, org: object) -> bool:
    return getattr(org, "kind", None) == Kind.AGENCY and scope.can_manage_org(org)


def actor_may_edit(actor: object | None, org: object) -> bool:
    """`actor` None is the system itself (demo data, set-up commands)."""
    return actor is None or scope_of(actor).can_edit_work(org)


def actor_may_review(actor: object | None, org: object) -> bool:
    return actor is None or may_review(scope_of(actor), org)
