"""Where an importer's bytes come from: a path on disk, the bytes themselves, or a binary file object (an upload),
each read within the same limits, and the file name that gives its type and names it in every message."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from ..ita.problems import InputError, Problem
from .bounded import read_regular_file, size_error
from .limits import Limits

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]


def source_name(source: Source, name: str | None = None) -> str:
    """The file name of a source: `name` when given, else the path's or the file object's own name."""
    if name:
        return os.path.basename(name) or name
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        return path.name or str(path)
    own = getattr(source, "name", None)
    if isinstance(own, str) and own:
        return os.path.basename(own) or own
    raise ValueError("bytes or a file object without a name need name= (it gives the type and names the file)")


def source_bytes(source: Source, name: str, limits: Limits, max_bytes: int, *, missing: str) -> bytes:
    """The bytes of a source, at most `max_bytes` (InputError naming the file otherwise). A path must be a regular
    file (see bounded.read_regular_file); bytes and file objects are taken as they are."""
    if isinstance(source, (str, os.PathLike)):
        return read_regular_file(Path(source), limits, max_bytes, missing=missing)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        try:
            data = source.read(max_bytes + 1)
        except OSError as exc:
            raise InputError([Problem(f"อ่านไฟล์ไม่ได้ ({exc.strerror or exc})", file=name, expected=missing)]) from None
        if not isinstance(data, bytes):
            raise TypeError("a file object given to an importer must be opened in binary mode")
    if len(data) > max_bytes:
        raise size_error(name, limits, max_bytes)
    return data
