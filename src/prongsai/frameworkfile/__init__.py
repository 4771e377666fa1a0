"""Frameworks as files people edit: an XLSX workbook (one sheet per table) or YAML, read back fully validated.

The web system and the CLI use exactly these four functions.
"""

from .reader import read_framework_bytes, read_framework_path
from .writer import framework_to_yaml, write_framework_xlsx

__all__ = ["framework_to_yaml", "read_framework_bytes", "read_framework_path", "write_framework_xlsx"]
