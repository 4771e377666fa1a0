"""Cells of CSV and XLSX outputs that are safe against formula injection: text a person typed (an agency name, a
measure, a URL) that starts like a formula is never written as one (docs/security.md, "ค่าที่ขึ้นต้นด้วย =").

- A text starting with =, +, -, @, a tab or a carriage return (OWASP's list) is "formula-like", unless the whole
  text is a plain number ("-5", "+1.5": a spreadsheet reads those as the number, which runs nothing) or a lone
  "-" or "+" (a placeholder, read as text).
- CSV: a formula-like text gets a single quote in front ("'=1+1"), as OWASP recommends; so does a text that
  already starts with quotes before such a character, so that from_csv_text() gives back exactly what was written.
- XLSX: a formula-like text is a string cell with the quotePrefix style: the cell shows the text unchanged, and
  Excel keeps it text even when someone edits the cell.
- Numbers (int, float, including negative ones) and dates are left as they are, in both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula (a plain number is read as the number, so it is not)."""
    return text.startswith(FORMULA_STARTS) and text not in ("-", "+") and _PLAIN_NUMBER.fullmatch(text) is None


def _needs_quote(text: str) -> bool:
    """A CSV cell needs the quote when, past any quotes it starts with, it is formula-like."""
    return formula_like(text.lstrip("'"))


def csv_text(value: Any) -> Any:
    """One CSV cell: a formula-like text (or one already quoted that way) with a single quote in front."""
    if isinstance(value, str) and _needs_quote(value):
        return "'" + value
    return value


def from_csv_text(text: str) -> str:
    """The text csv_text() was given, from the cell it wrote (for files Prongsai reads back, such as the plan CSV)."""
    if text.startswith("'") and _needs_quote(text[1:]):
        return text[1:]
    return text


def csv_cells(values: Iterable[Any]) -> list[Any]:
    """A CSV row with every cell through csv_text()."""
    return [csv_text(value) for value in values]


def xlsx_cells(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """Values for openpyxl's `append` (normal and write-only sheets): a formula-like text becomes a string cell
    with the quotePrefix style, shown unchanged; everything else is left as it is."""
    row: list[Any] = []
    for value in values:
        if isinstance(value, str) and formula_like(value):
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            row.append(cell)
        else:
            row.append(value)
    return row
