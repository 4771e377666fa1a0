"""The one place the web application turns an assessment into a downloadable report.

SWITCH-OVER POINT: the DOCX/PDF/XLSX reports are built in parallel as the package `prongsai.reports`, with the
command `prongsai report FILE --year Y --format docx|pdf|xlsx -o OUT`. When that package is installed
(`shared_renderer_available()`), every download goes through that same command, so a document from the web is
the CLI's document. Until it is merged, DOCX and XLSX come from the small fallback in `fallback.py` (a summary
written with the standard library and openpyxl) and PDF is not offered. Views call only `render_report`.
"""

from __future__ import annotations

import csv
import importlib.util
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..assessments.models import AssessmentRecord
from . import fallback

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
FORMAT_NAMES = {"docx": "เอกสาร Word (DOCX)", "pdf": "PDF", "xlsx": "ตาราง Excel (XLSX)"}


class ReportUnavailable(Exception):
    """The format cannot be produced by this installation (PDF before the shared renderer is merged)."""


@dataclass(frozen=True)
class RenderedReport:
    content: bytes
    content_type: str
    filename: str


def shared_renderer_available() -> bool:
    return importlib.util.find_spec("prongsai.reports") is not None


def available_formats() -> list[str]:
    return ["docx", "pdf", "xlsx"] if shared_renderer_available() else ["docx", "xlsx"]


def render_report(record: AssessmentRecord, fmt: str) -> RenderedReport:
    """The report of one stored assessment as bytes; ReportUnavailable for a format this build cannot make."""
    if fmt not in available_formats():
        raise ReportUnavailable(fmt)
    if shared_renderer_available():
        content = _render_with_cli(record, fmt)
    elif fmt == "docx":
        content = fallback.summary_docx(record.result)
    else:
        content = fallback.summary_xlsx(record.result)
    filename = f"ita-{record.year}-{record.organisation_id}.{fmt}"
    return RenderedReport(content, CONTENT_TYPES[fmt], filename)


def _render_with_cli(record: AssessmentRecord, fmt: str) -> bytes:
    """Run `prongsai report` in-process on the stored rows (agency named in an `agency` column)."""
    import typer

    from ...cli.app import app

    with tempfile.TemporaryDirectory(prefix="prongsai-report-") as folder:
        source = Path(folder) / "results.csv"
        with source.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["agency", "code", "score", "channel"])
            for row in record.input_rows:
                writer.writerow([record.organisation.name, row["code"], row["score"], row.get("channel", "")])
        out = Path(folder) / f"report.{fmt}"
        typer.main.get_command(app).main(
            ["report", str(source), "--year", str(record.year), "--format", fmt, "-o", str(out)],
            standalone_mode=False,
        )
        return out.read_bytes()
