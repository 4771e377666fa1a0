"""What is computed from results, kept in Django's cache framework (the `results` cache of settings.CACHES).

Every key that holds results carries the results version (read from the database at the start of a request,
before any result is read, and changed by every save, delete and new organisation in the same transaction), so
an entry is never served after a change, whichever cache backend and however many server processes. Keys of
anything shown to a reader also carry the reader's `Scope.permission_key`, so one permission set's page is never
served to another. An entry that is no longer asked for simply ages out of the backend (LRU culling or timeout).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from django.core.cache import caches

T = TypeVar("T")
RESULTS_CACHE = "results"
_MISSING = object()


class VersionedCache:
    """`remember(key, compute)` returns the value kept under `key` or computes and keeps it; `key` is any
    hashable whose `repr` names its inputs (it is hashed into a short string, as memcached and Redis require).

    `computed` counts the values this process computed (tests read it to see that a page was served from the
    cache); two processes may compute the same value once each (both are equal: the key fixes the inputs)."""

    def __init__(self, namespace: str, alias: str = RESULTS_CACHE) -> None:
        self.namespace = namespace
        self.alias = alias
        self.computed = 0

    def _key(self, key: Hashable) -> str:
        digest = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()
        return f"{self.namespace}:{digest}"

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        cache = caches[self.alias]
        name = self._key(key)
        value: Any = cache.get(name, _MISSING)
        if value is _MISSING:
            value = compute()
            self.computed += 1
            cache.set(name, value)
        return cast(T, value)


# Rendered page bodies (HTML of the content block and the breadcrumbs): tens of KiB each.
pages = VersionedCache("page")


def clear_all() -> None:
    """Empty the results cache and the counters (tests; never needed for correctness)."""
    from ..assessments.selectors import page_analyses
    from ..dashboards.selectors import facts_cache

    caches[RESULTS_CACHE].clear()
    for kept in (pages, facts_cache, page_analyses):
        kept.computed = 0
