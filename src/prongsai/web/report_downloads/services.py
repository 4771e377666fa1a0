"""The one place the web application turns a stored assessment into a downloadable report.

Downloads use the same report model and renderers as `prongsai report` (`prongsai.reports`), fed with the same
engine objects the assessment page shows, so a figure in a downloaded document cannot differ from the CLI's.
The measures plan in the report is the one drafted from the analysis, as `prongsai report` does without --plan.
A plan kept in the system (plans app) has its own plan document (O42) and progress reports (O43), rendered here too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...ita.forecast import Forecast
from ...ita.library import available_years
from ...ita.model import Framework
from ...ita.plan import Plan
from ...ita.plan_draft import draft_plan
from ...reports.analysis_report import ReportOptions, build_analysis_report
from ...reports.output import render
from ...reports.plan_report import build_plan_report
from ...reports.progress_report import build_progress_report
from ..assessments.analysis_advice import analysis_of
from ..assessments.models import AssessmentRecord
from ..assessments.selectors import engine_assessment, previous_assessment_of
from ..core.downloads import CONTENT_TYPES, download_name
from ..surveys.selectors import agency_forecast

FORMAT_NAMES = {"docx": "เอกสาร Word (DOCX)", "pdf": "PDF", "xlsx": "ตาราง Excel (XLSX)"}


class ReportUnavailable(Exception):
    """The format asked for is not one the reports can be written in."""


@dataclass(frozen=True)
class RenderedReport:
    content: bytes
    content_type: str
    filename: str


def available_formats() -> list[str]:
    return list(CONTENT_TYPES)


def render_report(record: AssessmentRecord, fmt: str, *, thai_digits: bool = False) -> RenderedReport:
    """The analysis report of one stored assessment (callers have checked the user may see it)."""
    if fmt not in CONTENT_TYPES:
        raise ReportUnavailable(fmt)
    current = engine_assessment(record)
    previous = previous_assessment_of(record.organisation, record.year)
    analysis = analysis_of(current, previous)
    report = build_analysis_report(
        analysis,
        draft_plan(analysis),
        previous=previous,
        options=ReportOptions(agency=record.organisation.name),
        forecast=next_year_forecast(record),
    )
    content = render(report, fmt, thai_digits=thai_digits)
    return RenderedReport(
        content,
        CONTENT_TYPES[fmt],
        download_name(year=record.year, agency=record.organisation.name, kind="รายงานผลการวิเคราะห์", ext=fmt),
    )


def next_year_forecast(record: AssessmentRecord) -> Forecast | None:
    """The agency's self-assessment of the year after the assessed one, when that year's framework is known: the
    report's forecast section (which appears only if the agency has surveyed or prepared OIT for that year)."""
    year = record.year + 1
    if year not in available_years():
        return None
    found = agency_forecast(record.organisation, year)
    return found[1] if found else None


def render_plan_document(
    plan: Plan, fmt: str, *, framework: Framework, filename: str, thai_digits: bool = False
) -> RenderedReport:
    """The measures plan document (O42) of a plan kept in the system (callers have checked the user may read it)."""
    if fmt not in ("docx", "pdf"):
        raise ReportUnavailable(fmt)
    report = build_plan_report(plan, framework, options=ReportOptions(agency=plan.agency))
    return RenderedReport(render(report, fmt, thai_digits=thai_digits), CONTENT_TYPES[fmt], f"{filename}.{fmt}")


def render_progress_document(
    plan: Plan, fmt: str, *, framework: Framework | None, as_of: dt.date, filename: str, thai_digits: bool = False
) -> RenderedReport:
    """The O43 progress report of a plan whose rows carry the period's status and progress."""
    if fmt not in ("docx", "pdf"):
        raise ReportUnavailable(fmt)
    report = build_progress_report(plan, framework, as_of=as_of, options=ReportOptions(agency=plan.agency))
    return RenderedReport(render(report, fmt, thai_digits=thai_digits), CONTENT_TYPES[fmt], f"{filename}.{fmt}")
