"""The measures plan (O42) as data: one row per measure, each naming the questions it answers.

The same objects come from a draft, from an edited XLSX/CSV/JSON file, and go into documents, so every column an
officer can edit is a plain field here. Progress fields (status, progress) serve the O43 report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

PLAN_SCHEMA = "prongsai-plan/1"

STATUSES = {
    "not_started": "ยังไม่ดำเนินการ",
    "in_progress": "อยู่ระหว่างดำเนินการ",
    "done": "ดำเนินการแล้วเสร็จ",
    "delayed": "ล่าช้ากว่ากำหนด",
    "cancelled": "ยกเลิก",
}


@dataclass(frozen=True)
class PlanRow:
    """One measure: what is done, which questions it answers, by whom, when, how, and how it is followed up."""

    number: int
    measure: str
    questions: tuple[str, ...]
    theme: str = ""
    practice: str = ""
    responsible: tuple[str, ...] = ()
    period: str = ""
    deadline: dt.date | None = None
    steps: tuple[str, ...] = ()
    monitoring: str = ""
    evidence: tuple[str, ...] = ()
    status: str = ""
    progress: str = ""

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, "")


@dataclass(frozen=True)
class Plan:
    """A measures plan for fiscal year `year` (BE), drawn from the assessment of `assessed_year`."""

    year: int
    assessed_year: int
    rows: tuple[PlanRow, ...]
    agency: str | None = None
    source: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def answered(self) -> set[str]:
        """Every question, indicator or OIT code some row answers."""
        return {code for row in self.rows for code in row.questions}

    def renumbered(self) -> Plan:
        """The same plan with rows numbered 1..n in their current order."""
        rows = tuple(replace(row, number=i) for i, row in enumerate(self.rows, start=1))
        return replace(self, rows=rows)
