"""What a CSV file may be, the same for the CLI and the web (docs/input-format.md, "การเข้ารหัสและการขึ้นบรรทัด").

- Encoding: UTF-8, with or without a BOM; UTF-16 LE or BE with its BOM (Excel's "Unicode Text"); well-formed Thai
  in TIS-620/cp874 (importing/encoding.py decides). Anything else is refused, naming the line of the bad byte.
- A NUL byte in the first 4 KiB of a file without a UTF-16 BOM, or a zip signature: a binary file, refused.
- Line ends: LF, CRLF or a lone CR, mixed freely; inside double quotes a line end belongs to the cell. Other
  separators Unicode knows (U+2028, U+0085, vertical tab, form feed) are text in a cell, never a line end.
- Delimiter: the comma; a semicolon or a tab when the first line holds more of them than of commas.
- A cell holds at most csv.field_size_limit() characters (131,072).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
ZIP_SIGNATURE = b"PK\x03\x04"
BINARY_PROBE = 4096
_LINE_END = re.compile(r"\r\n?|\n")


def looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a file may be a CSV under this policy (the web checks this before reading)."""
    if head[:2] in UTF16_BOMS:
        return True
    return not head.startswith(b"PK") and b"\x00" not in head[:BINARY_PROBE]


def decode_text(data: bytes, name: str) -> str:
    """The text of a CSV (or JSON) file under this policy (importing/encoding.py reads the bytes); InputError
    naming the line of the first byte that cannot be read."""
    from .encoding import decode_csv_bytes

    return decode_csv_bytes(data, name)[0]


def first_line(text: str) -> str:
    """The text before the first line end (LF, CRLF or CR only, as the csv module reads them)."""
    return _LINE_END.split(text[:BINARY_PROBE], maxsplit=1)[0]


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text, from its first line: ';' or a tab when they outnumber commas there."""
    first = first_line(text)
    if first.count(";") > first.count(",") and first.count(";") > first.count("\t"):
        return ";"
    if first.count("\t") > first.count(","):
        return "\t"
    return ","


def csv_rows(text: str, delimiter: str | None = None) -> Any:
    """csv.reader over the text under this policy (its `line_num` is the user's line number)."""
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or sniff_delimiter(text))
