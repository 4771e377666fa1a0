"""Teach `--framework FILE` to read framework workbooks (.xlsx) too; imported by every command that takes it."""

from __future__ import annotations

from pathlib import Path

from ..ita.library import register_framework_reader
from ..ita.model import Framework


def read_framework_workbook(path: Path) -> Framework:
    """A framework workbook, read by the spreadsheet adapter (imported only when a workbook is given)."""
    from ..frameworkfile import read_framework_path

    return read_framework_path(path)


register_framework_reader(".xlsx", read_framework_workbook)
