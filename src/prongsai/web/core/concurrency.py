"""Optimistic concurrency for edit forms two people can have open: each edited row carries a version counter;
the form carries the version it was opened at (and a signed snapshot of what it showed), and a save from a stale
form is refused with what changed meanwhile, field by field, so nothing is overwritten and the typed values stay."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

SALT = "prongsai.edit-snapshot"
EMPTY = "(ว่าง)"


@dataclass(frozen=True)
class Change:
    """One field that another person changed after the form was opened: its Thai label, then and now."""

    label: str
    seen: str
    now: str


class EditConflict(ValidationError):
    """A save from a form opened before someone else's save; carries what changed (Thai)."""

    def __init__(self, what: str, changes: list[Change]):
        self.what = what
        self.changes = changes
        detail = "; ".join(f'{c.label}: จาก "{c.seen}" เป็น "{c.now}"' for c in changes)
        message = (
            f"ไม่ได้บันทึก เพราะมีผู้อื่นแก้ไข{what}หลังจากที่ท่านเปิดแบบฟอร์มนี้"
            + (f" ({detail})" if detail else "")
            + " ข้อมูลที่ท่านพิมพ์ยังอยู่ในแบบฟอร์ม ตรวจดูแล้วกดบันทึกอีกครั้งหากต้องการแทนที่"
        )
        super().__init__(message, code="stale")


def dumps(values: dict[str, str]) -> str:
    """A signed snapshot of what a form shows (Thai label -> text), carried in the form as a hidden value."""
    return signing.dumps(values, salt=SALT, compress=True)


def loads(token: str) -> dict[str, str]:
    """The snapshot a form carried; an empty dict when it is missing or was tampered with."""
    try:
        value = signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def changes(seen: dict[str, str], now: dict[str, str]) -> list[Change]:
    """Fields whose shown text differs between the snapshot and the stored row, in the order of `now`."""
    out = [
        Change(label, seen.get(label, EMPTY) or EMPTY, value or EMPTY)
        for label, value in now.items()
        if seen.get(label, "") != value
    ]
    out += [Change(label, value or EMPTY, EMPTY) for label, value in seen.items() if label not in now and value]
    return out


def claim(
    model: type[models.Model], pk: int, version: int | None, *, what: str, seen: dict[str, str], now: Any
) -> None:
    """Move the row's version on by one if it is still `version`, in the caller's transaction; otherwise raise
    EditConflict with the fields changed since (`now()` gives the stored row's shown texts). The conditional UPDATE
    is atomic in every database, so of two saves from the same version exactly one passes. `version` None (a
    caller without a form, such as the demo) skips the check and still moves the version on."""
    rows = model._default_manager.filter(pk=pk)
    if version is not None:
        rows = rows.filter(version=version)
    if rows.update(version=F("version") + 1) == 0:
        raise EditConflict(what, changes(seen, now()))


def version_of(value: Any) -> int | None:
    """The version a form carried (a hidden field), None when absent or not a number."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None
