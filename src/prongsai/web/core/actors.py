"""Who a write is recorded against: the signed-in user, or nobody when the system itself acts."""

from __future__ import annotations

from typing import Any


def acting_user(actor: object | None) -> Any:
    """The actor if it is a signed-in user, for the `created_by`/`updated_by` columns; None for the system itself
    (demo data, set-up commands) or an anonymous caller."""
    return actor if getattr(actor, "is_authenticated", False) else None
