"""Small in-process caches for what is computed from results: bounded, least recently used first out.

Every key that holds results carries the results version (read from the database at the start of a request,
before any result is read, and changed by every save, delete and new organisation in the same transaction), so
an entry is never served after a change, in any server process. Keys of anything shown to a reader also carry
the reader's `Scope.permission_key`, so one permission set's page is never served to another. Each server
process has its own copy; nothing is shared between processes or written to disk.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class LRU:
    """At most `entries` values; `remember(key, compute)` returns the cached value or computes and keeps it.

    The computation runs outside the lock, so two threads may compute the same value once each (both results
    are equal: the key fixes the inputs)."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = compute()
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.entries:
                self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


# Rendered page bodies (HTML of the content block and the breadcrumbs): tens of KiB each.
pages = LRU(256)


def clear_all() -> None:
    """Empty every cache of this process (tests; never needed for correctness)."""
    from ..dashboards.selectors import facts_cache

    pages.clear()
    facts_cache.clear()
