"""The board's source for the daily digest: every item not yet approved that has a due date and a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from ...ita.oit_board import APPROVED
from ..reminders.sources import DueItem
from .models import OitItem

KIND = "ข้อ OIT"


def due_items(today: dt.date) -> Iterator[DueItem]:
    """Open items with a deadline and an active owner (the digest keeps the overdue and the soon due)."""
    items = (
        OitItem.objects.exclude(status=APPROVED)
        .filter(retired_reason="")
        .filter(due__isnull=False, assignee__isnull=False, assignee__is_active=True)
        .select_related("board")
        .order_by("due", "board_id", "position")
    )
    for item in items:
        if item.assignee_id is None or item.due is None:  # excluded by the query; narrows the types
            continue
        title = f"{item.code} {item.title}".strip() + f" (ปีงบประมาณ {item.board.year})"
        yield DueItem(
            user_id=item.assignee_id,
            organisation_id=item.board.organisation_id,
            kind=KIND,
            title=title,
            due=item.due,
            url=reverse("oit_item", args=[item.pk]),
        )
