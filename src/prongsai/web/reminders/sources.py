"""Where the daily digest finds work that is due: each app registers a source in its AppConfig.ready().

A source is a function of the day that returns every open piece of work due by a date, with the person who owns it;
the digest keeps what is overdue or due within the look-ahead window. Keeping sources in their own apps means the
reminders app knows nothing of plans or OIT items, and a new kind of work only has to register itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DueItem:
    """One piece of open work with a deadline, owned by one user."""

    user_id: int
    organisation_id: int
    kind: str  # short Thai label of the kind of work, e.g. "ขั้นตอนตามมาตรการ", "ข้อ OIT"
    title: str  # what is due, as the person will recognise it
    due: date
    url: str  # path inside the web system, e.g. "/plans/3/"


Source = Callable[[date], Iterable[DueItem]]
_SOURCES: dict[str, Source] = {}


def register(name: str, source: Source) -> None:
    """Add (or replace) a named source; names keep registration idempotent when ready() runs twice."""
    _SOURCES[name] = source


def collect(today: date) -> list[DueItem]:
    """Every open item of every registered source, ordered by person, then due date."""
    items = [item for source in _SOURCES.values() for item in source(today)]
    return sorted(items, key=lambda i: (i.user_id, i.due, i.kind, i.title))
