"""Rows for openpyxl's `append` in which text stays text: a value typed as "=..." (a measure, an agency name) would
otherwise be stored as a formula, run when the file is opened and read back empty (formula injection)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def text_safe(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """`values` with every string starting with "=" turned into a cell typed as text (normal and write-only sheets)."""
    from openpyxl.cell import WriteOnlyCell

    row: list[Any] = []
    for value in values:
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            row.append(cell)
        else:
            row.append(value)
    return row
