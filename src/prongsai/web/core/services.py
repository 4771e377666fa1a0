"""Writing a reader's display preferences (personal settings, not an agency's data, so not in the audit log)."""

from __future__ import annotations

from django.db import transaction

from ..accounts.users import signed_in_user
from .models import DisplayPreference


@transaction.atomic
def set_display_preference(*, user: object, thai_digits: bool) -> DisplayPreference:
    """Store whether `user` wants Thai digits in figures, dates and downloaded documents."""
    stored = signed_in_user(user)
    if stored is None:
        raise ValueError("set_display_preference needs a signed-in user")
    preference, _ = DisplayPreference.objects.get_or_create(user=stored)
    preference.thai_digits = thai_digits
    preference.save(update_fields=["thai_digits"])
    return preference
