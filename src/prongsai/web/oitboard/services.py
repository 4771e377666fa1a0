"""Writes for OIT boards, in one place for their callers; the writes live in modules named after what they change
(board_services, item_services). `actor` None is the system itself (demo data, set-up commands)."""

from __future__ import annotations

from .board_services import (
    RETIRED_PREFIX,
    CheckSummary,
    carry_board_to_framework,
    check_board_links,
    create_board,
    roll_over,
    roll_preview,
    set_webmaster,
)
from .item_services import (
    COMMENT_MAX,
    KEEP,
    ItemPageSaved,
    add_comment,
    assign_items,
    change_status,
    save_item_page,
    update_item,
)
from .service_helpers import EDIT_REFUSED

__all__ = [
    "COMMENT_MAX",
    "EDIT_REFUSED",
    "KEEP",
    "RETIRED_PREFIX",
    "CheckSummary",
    "ItemPageSaved",
    "add_comment",
    "assign_items",
    "carry_board_to_framework",
    "change_status",
    "check_board_links",
    "create_board",
    "roll_over",
    "roll_preview",
    "save_item_page",
    "set_webmaster",
    "update_item",
]
