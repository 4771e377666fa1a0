"""Reads of framework versions: which version each year uses, its status, and the versions kept. Frameworks are
not an organisation's data: every logged-in user may read them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources

from ...ita.grading import FALLBACK_PASS_MARK, pass_mark_of
from ...ita.library import available_years, framework_for, shipped_framework, shipped_years
from ...ita.model import Framework
from .models import PUBLISHED, FrameworkVersion
from .provider import framework_of_version

PROVISIONAL = "provisional"
STATUS_NAMES = {
    "confirmed": "ยืนยันจากคู่มือแล้ว",
    "inferred": "อนุมานจากแหล่งข้อมูล",
    "partial": "ยังไม่ครบ",
    PROVISIONAL: "ฉบับชั่วคราว",
}


def year_pass_mark(year: int | None) -> float:
    """The pass mark of the framework a year is scored with (85 for a year without a framework)."""
    if year is None or year not in available_years():
        return FALLBACK_PASS_MARK
    return pass_mark_of(framework_for(year))


def is_provisional(fw: Framework) -> bool:
    """A provisional framework (carried from the year before until NACC publishes the year's own list)."""
    return fw.is_provisional


def provisional_reason(fw: Framework) -> str:
    return fw.provisional_reason or ""


def provisional_notice(year: int | None) -> str | None:
    """The plain Thai notice (the framework's own) every page showing figures or lists of a provisional year
    carries; None for any other year."""
    if year is None or year not in available_years():
        return None
    return framework_for(year).provisional_notice


def status_name(status: str) -> str:
    return STATUS_NAMES.get(status, status)


def shipped_sha256(year: int) -> str:
    """Digest of the shipped file of a year ("" when the package has none)."""
    path = resources.files("prongsai") / "frameworks" / f"fy{year}.yaml"
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def shipped_text(year: int) -> str:
    return (resources.files("prongsai") / "frameworks" / f"fy{year}.yaml").read_text(encoding="utf-8-sig")


def version_in_use(year: int) -> FrameworkVersion | None:
    """The published version of the year, None when the shipped file is in use."""
    return FrameworkVersion.objects.filter(year=year, state=PUBLISHED).select_related("published_by").first()


def framework_of(version: FrameworkVersion | None, year: int) -> Framework:
    """The framework of a stored version, or the shipped one when `version` is None."""
    if version is None:
        return shipped_framework(year)
    return framework_of_version(version.pk, version.sha256)


@dataclass(frozen=True)
class YearRow:
    """One line of the frameworks page: a year and what it uses."""

    year: int
    version: FrameworkVersion | None
    status: str
    provisional: bool
    reason: str
    shipped: bool
    drafts: int

    @property
    def status_name(self) -> str:
        return status_name(self.status)


def years_overview() -> list[YearRow]:
    """Every year with a framework, newest first: the version in use, its status and the drafts waiting."""
    published = {v.year: v for v in FrameworkVersion.objects.filter(state=PUBLISHED).select_related("published_by")}
    drafts: dict[int, int] = {}
    for year in FrameworkVersion.objects.filter(state="draft").values_list("year", flat=True):
        drafts[year] = drafts.get(year, 0) + 1
    rows = []
    for year in sorted(set(available_years()) | set(drafts), reverse=True):
        version = published.get(year)
        if version is None and year not in shipped_years():  # only drafts, none in use yet
            rows.append(YearRow(year, None, "", False, "", False, drafts.get(year, 0)))
            continue
        fw = framework_of(version, year)
        rows.append(
            YearRow(
                year,
                version,
                "provisional" if is_provisional(fw) else fw.status,
                is_provisional(fw),
                provisional_reason(fw) if is_provisional(fw) else "",
                year in shipped_years(),
                drafts.get(year, 0),
            )
        )
    return rows


def versions_of_year(year: int) -> list[FrameworkVersion]:
    return list(
        FrameworkVersion.objects.filter(year=year).select_related("uploaded_by", "published_by").defer("content")
    )


def get_version(pk: int) -> FrameworkVersion | None:
    """A stored version with who uploaded and published it, or None."""
    return FrameworkVersion.objects.select_related("uploaded_by", "published_by").filter(pk=pk).first()
