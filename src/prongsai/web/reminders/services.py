"""Sending the daily digest: one e-mail per person with what is overdue or due soon, at most once a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from ..accounts.selectors import scope_of
from ..organisations.models import Organisation
from .digest import PersonDigest, compose, group_by_person
from .models import DigestSent
from .sources import collect

MAX_DAYS = 60


@dataclass(frozen=True)
class Sent:
    username: str
    address: str
    overdue: int
    due_soon: int


@dataclass
class DigestRun:
    """What a run did, person by person, for the command to print."""

    today: dt.date
    days: int
    dry_run: bool
    sent: list[Sent] = field(default_factory=list)  # or would be sent, in a dry run
    no_address: list[str] = field(default_factory=list)
    inactive: list[str] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    hidden_items: int = 0  # items of organisations their owner may no longer see: never mailed


def _visible_only(digest: PersonDigest, user: object, orgs: dict[int, Organisation]) -> tuple[PersonDigest, int]:
    """The digest without items of organisations outside the person's scope now (moved or demoted since the
    work was assigned), so a mail never shows what the pages would refuse."""
    scope = scope_of(user)
    allowed = {pk for pk, org in orgs.items() if scope.can_read_org(org)}
    kept = PersonDigest(
        digest.user_id,
        [i for i in digest.overdue if i.organisation_id in allowed],
        [i for i in digest.due_soon if i.organisation_id in allowed],
    )
    return kept, digest.count - kept.count


def send_digests(*, today: dt.date, days: int = 7, dry_run: bool = False, force: bool = False) -> DigestRun:
    """Collect every registered source, keep per person what is overdue or due within `days`, and e-mail each
    person once for `today` (again with `force`). People without an address or with a closed account are listed,
    not mailed; a dry run sends and records nothing. Each person is sent and recorded in one transaction, so a
    failed sending leaves no record and the next run tries again."""
    if not 0 <= days <= MAX_DAYS:
        raise ValueError(f"days must be 0-{MAX_DAYS}")
    run = DigestRun(today, days, dry_run)
    digests = group_by_person(collect(today), today, days)
    users = get_user_model().objects.in_bulk(list(digests))
    org_ids = {i.organisation_id for d in digests.values() for i in (*d.overdue, *d.due_soon)}
    orgs = Organisation.objects.in_bulk(list(org_ids))
    org_names = {pk: org.name for pk, org in orgs.items()}
    for user_id, digest in sorted(digests.items(), key=lambda kv: getattr(users.get(kv[0]), "username", "")):
        user = users.get(user_id)
        if user is None:
            continue
        if not user.is_active:
            run.inactive.append(user.username)
            continue
        digest, hidden = _visible_only(digest, user, orgs)
        run.hidden_items += hidden
        if not digest.count:
            continue
        address = (user.email or "").strip()
        if not address:
            run.no_address.append(user.username)
            continue
        done = DigestSent.objects.filter(user=user, day=today).first()
        if done is not None and not force:
            run.already_sent.append(user.username)
            continue
        sent = Sent(user.username, address, len(digest.overdue), len(digest.due_soon))
        if dry_run:
            run.sent.append(sent)
            continue
        message = compose(
            digest=digest,
            name=user.get_full_name() or user.username,
            address=address,
            today=today,
            days=days,
            base_url=settings.PRONGSAI_BASE_URL,
            org_names=org_names,
            from_address=settings.DEFAULT_FROM_EMAIL,
        )
        try:
            _send_and_record(message, user=user, today=today, sent=sent, force=force)
        except IntegrityError:  # another run recorded this person and day in the meantime
            run.already_sent.append(user.username)
        except Exception as exc:  # a mail server refusing one address must not stop the others
            run.failed.append((user.username, f"{type(exc).__name__}: {exc}"))
        else:
            run.sent.append(sent)
    return run


@transaction.atomic
def _send_and_record(message: object, *, user: User, today: dt.date, sent: Sent, force: bool) -> None:
    """Record the sending, then send: a failure rolls the record back; the unique row stops a parallel run."""
    record = DigestSent.objects.select_for_update().filter(user=user, day=today).first()
    if record is None:
        DigestSent.objects.create(
            user=user, day=today, address=sent.address, overdue=sent.overdue, due_soon=sent.due_soon
        )
    elif force:
        record.address, record.overdue, record.due_soon = sent.address, sent.overdue, sent.due_soon
        record.times += 1
        record.save()
    else:
        raise IntegrityError("already sent")
    message.send(fail_silently=False)  # type: ignore[attr-defined]
