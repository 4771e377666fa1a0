"""The one narrowing from the `actor` that services accept (a user, an anonymous visitor, or None for the system)
to a stored user, so a service writes a user column only with a signed-in user."""

from __future__ import annotations

from django.contrib.auth.models import User


def signed_in_user(actor: object) -> User | None:
    """`actor` when it is a signed-in user, else None (the system itself, or an anonymous visitor)."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None
