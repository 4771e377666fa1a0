"""What goes into one person's digest: their items sorted into overdue and due soon, and the e-mail that says it.

Kept apart from the sending (services.py) so the grouping and the wording are tested without a mail server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from ...ita.thaidates import format_date
from .sources import DueItem


@dataclass
class PersonDigest:
    """One person's open work for the day: overdue (before today) and due soon (today up to today + days)."""

    user_id: int
    overdue: list[DueItem] = field(default_factory=list)
    due_soon: list[DueItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon)


def group_by_person(items: Iterable[DueItem], today: dt.date, days: int) -> dict[int, PersonDigest]:
    """Each person's items in the window, oldest deadline first; an item due after today + days is left out, and
    a person with nothing in the window gets no digest. The same item from two sources is kept once."""
    last = today + dt.timedelta(days=days)
    digests: dict[int, PersonDigest] = {}
    seen: set[DueItem] = set()
    for item in sorted(items, key=lambda i: (i.user_id, i.due, i.kind, i.title, i.url)):
        if item.due > last or item in seen:
            continue
        seen.add(item)
        digest = digests.setdefault(item.user_id, PersonDigest(item.user_id))
        (digest.overdue if item.due < today else digest.due_soon).append(item)
    return digests


def absolute_url(base_url: str, url: str) -> str:
    """A link a mail reader can open: the site's base address joined to the item's path."""
    if url.startswith(("http://", "https://")):
        return url
    return base_url.rstrip("/") + "/" + url.lstrip("/")


def _when(item: DueItem, today: dt.date) -> str:
    late = (today - item.due).days
    if late > 0:
        return f"เกินกำหนด {late} วัน"
    if late == 0:
        return "ครบกำหนดวันนี้"
    return f"อีก {-late} วัน"


def _entries(items: list[DueItem], today: dt.date, base_url: str, org_names: Mapping[int, str]) -> list[dict]:
    return [
        {
            "kind": i.kind,
            "title": i.title,
            "due": format_date(i.due),
            "when": _when(i, today),
            "organisation": org_names.get(i.organisation_id, ""),
            "url": absolute_url(base_url, i.url),
        }
        for i in items
    ]


def subject_of(digest: PersonDigest, today: dt.date, days: int) -> str:
    """One line: the day in BE and how many items of each kind, so the inbox alone says how urgent it is."""
    parts = []
    if digest.overdue:
        parts.append(f"เกินกำหนด {len(digest.overdue)} รายการ")
    if digest.due_soon:
        parts.append(f"ครบกำหนดภายใน {days} วัน {len(digest.due_soon)} รายการ")
    return f"[โปร่งใส] สรุปงานที่ต้องติดตาม ประจำวันที่ {format_date(today)}: {' '.join(parts)}"


def compose(
    *,
    digest: PersonDigest,
    name: str,
    address: str,
    today: dt.date,
    days: int,
    base_url: str,
    org_names: Mapping[int, str],
    from_address: str,
) -> EmailMultiAlternatives:
    """The e-mail of one digest: formal Thai plain text with a simple HTML alternative."""
    context = {
        "name": name,
        "today": format_date(today),
        "days": days,
        "home": absolute_url(base_url, "/"),
        "overdue": _entries(digest.overdue, today, base_url, org_names),
        "due_soon": _entries(digest.due_soon, today, base_url, org_names),
    }
    text = render_to_string("reminders/digest_email.txt", context)
    html = render_to_string("reminders/digest_email.html", context)
    message = EmailMultiAlternatives(subject_of(digest, today, days), text, from_address, [address])
    message.attach_alternative(html, "text/html")
    return message
