"""Files the web system creates (the SQLite database and its WAL files, evidence files and their folders, the secret
key) are readable by the system's own user only: every entry point sets this umask before anything is created."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077  # new files 0600, new folders 0700


def private_umask() -> None:
    """Make everything this process creates from now on private to its user (a no-op where umask means nothing)."""
    os.umask(PRIVATE_UMASK)


def write_private(path: Path, text: str) -> None:
    """Create `path` with `text`, readable by its owner only from the first byte (never briefly world-readable);
    FileExistsError when it is already there."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
