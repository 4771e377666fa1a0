"""Kept for code that imports text_safe from here: the one helper for CSV and XLSX cells is cell_text.py."""

from __future__ import annotations

from .cell_text import xlsx_cells as text_safe

__all__ = ["text_safe"]
