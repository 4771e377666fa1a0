"""The plans' source for the daily digest: every open step with a due date, once for each responsible person.

A step is open until its latest recorded quarter says done or cancelled (and while its measure is not closed the
same way). Its owners are the measure's responsible people who are still active users of the agency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from ..reminders.sources import DueItem
from .models import CLOSED, Step
from .selectors import latest_progress, step_status

KIND = "ขั้นตอนตามแผนมาตรการ"


def due_steps(today: dt.date) -> Iterator[DueItem]:
    """Open steps with a due date, one DueItem per responsible person (the digest keeps what is near or late)."""
    steps = (
        Step.objects.filter(due__isnull=False, measure__people__isnull=False)
        .select_related("measure", "measure__plan", "measure__plan__organisation")
        .prefetch_related("progress", "measure__progress", "measure__people__membership__organisation")
        .distinct()
        .order_by("due", "pk")
    )
    for step in steps:
        if step.due is None:  # excluded by the query; narrows the type
            continue
        measure = step.measure
        latest = latest_progress(measure)
        if step_status(step) in CLOSED or (latest is not None and latest.status in CLOSED):
            continue
        plan = measure.plan
        org = plan.organisation
        title = f"{org.name} แผนปี {plan.year} มาตรการที่ {measure.number} ขั้นตอนที่ {step.number}: {step.text}"
        for person in measure.people.all():
            membership = getattr(person, "membership", None)
            where = getattr(getattr(membership, "organisation", None), "path", "")
            if not person.is_active or not where.startswith(org.path):
                continue
            yield DueItem(
                user_id=person.pk,
                organisation_id=org.pk,
                kind=KIND,
                title=title[:300],
                due=step.due,
                url=f"{reverse('plan', args=[plan.pk])}#measure-{measure.pk}",
            )
