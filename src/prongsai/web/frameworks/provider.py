"""The published frameworks as the domain core sees them (ita.library's provider): the year's published version
when there is one, else nothing (the shipped file is used). Each lookup is one indexed query, so a version
published by another server process is used by this one from its next lookup; the parsed framework of a version
is kept per process (a version's content never changes)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from ...frameworkfile import read_framework_bytes
from ...ita.model import Framework
from .models import PUBLISHED, FrameworkVersion


@lru_cache(maxsize=64)
def framework_of_version(pk: int, sha256: str) -> Framework:
    """The parsed framework of a stored version (`sha256` is part of the key so a cache never outlives a row)."""
    version = FrameworkVersion.objects.only("year", "content").get(pk=pk)
    return read_framework_bytes(version.content.encode("utf-8"), filename=f"fy{version.year}.yaml")


class PublishedFrameworks:
    """Registered by FrameworksConfig.ready(). `suspended()` turns it off in this thread (tests that have no
    database; a process without the web tables never calls framework_for through Django)."""

    def __init__(self) -> None:
        self._local = threading.local()

    @property
    def active(self) -> bool:
        return not getattr(self._local, "suspended", False)

    def published_version(self, year: int) -> tuple[int, str] | None:
        if not self.active:
            return None
        return FrameworkVersion.objects.filter(year=year, state=PUBLISHED).values_list("pk", "sha256").first()

    def published_framework(self, year: int) -> Framework | None:
        row = self.published_version(year)
        return framework_of_version(*row) if row else None

    def published_years(self) -> list[int]:
        if not self.active:
            return []
        return list(FrameworkVersion.objects.filter(state=PUBLISHED).values_list("year", flat=True))

    @contextmanager
    def suspended(self, suspended: bool = True) -> Iterator[None]:
        """Off (or, with `suspended=False`, on again) in this thread for the length of the block."""
        before = getattr(self._local, "suspended", False)
        self._local.suspended = suspended
        try:
            yield
        finally:
            self._local.suspended = before


PROVIDER = PublishedFrameworks()
