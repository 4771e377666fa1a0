"""Choose the format of a report from the option or the file suffix, render it, and write the file atomically."""

from __future__ import annotations

from pathlib import Path

from ..atomic import atomic_path
from ..ita.problems import InputError, Problem
from .model import Report

DOCX, PDF, XLSX, HTML = "docx", "pdf", "xlsx", "html"
FORMATS = (DOCX, PDF, XLSX, HTML)


def choose_format(output: Path, given: str | None, allowed: tuple[str, ...] = FORMATS) -> str:
    """The format named by --format, else by the output's suffix; InputError when neither is one we write."""
    chosen = (given or output.suffix.lstrip(".")).lower()
    if chosen == "htm":
        chosen = HTML
    if chosen not in allowed:
        what = f"--format {given}" if given else f"นามสกุล '{output.suffix or '(ไม่มี)'}'"
        raise InputError(
            [
                Problem(
                    f"ไม่รองรับรูปแบบรายงาน {what}",
                    file=output.name,
                    expected="--format " + " | ".join(allowed) + " หรือไฟล์ ." + ", .".join(allowed),
                )
            ]
        )
    return chosen


def render(report: Report, fmt: str, *, thai_digits: bool = False, template: Path | None = None) -> bytes:
    """The report in one format, as bytes; renderers are imported only when used."""
    if fmt == DOCX:
        from .render_docx import render_docx

        return render_docx(report, thai_digits=thai_digits, template=template)
    if fmt == PDF:
        from .render_pdf import render_pdf

        return render_pdf(report, thai_digits=thai_digits)
    if fmt == XLSX:
        from .render_xlsx import render_xlsx

        return render_xlsx(report)
    if fmt == HTML:
        from .render_html import render_html

        return render_html(report, thai_digits=thai_digits).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


def write_atomically(data: bytes, output: Path) -> None:
    """Write to a temporary file beside the output, then rename it into place: no half-written report."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(output) as partial:
        partial.write_bytes(data)
