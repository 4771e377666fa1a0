"""The one way a view hands a file to the browser to save (reports, plan files, dashboard exports), and the names
those files get: agency, year and kind, as an officer files them (`ITA-2566-อบจ.อ่างทอง-รายงาน.docx`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import quote

from django.http import Http404, HttpResponse

from ...exporting.table_files import Rows

# How Thai offices shorten the usual agency kinds in file names.
SHORT_NAMES = (
    ("องค์การบริหารส่วนจังหวัด", "อบจ."),
    ("องค์การบริหารส่วนตำบล", "อบต."),
    ("เทศบาลนคร", "ทน."),
    ("เทศบาลเมือง", "ทม."),
    ("เทศบาลตำบล", "ทต."),
)
# The media types of the files the web hands out.
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def download_name(*, year: int | str, agency: str, kind: str, ext: str) -> str:
    """`ITA-<year>-<agency, shortened>-<kind>.<ext>`, with characters no file system accepts removed."""
    short = " ".join(agency.split())
    for long, abbreviation in SHORT_NAMES:
        if short.startswith(long):
            short = abbreviation + short[len(long) :]
            break
    parts = [f"ITA-{year}", short.replace(" ", ""), kind.replace(" ", "")]
    return _UNSAFE.sub("", "-".join(p for p in parts if p)) + (f".{ext}" if ext else "")


def ascii_fallback(filename: str) -> str:
    """The name for clients that ignore `filename*`: its ASCII letters only (`ITA-2566-.docx` -> `ITA-2566.docx`)."""
    stem, dot, ext = filename.rpartition(".")
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    plain = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "", plain)).strip("-.") or "download"
    return f"{plain}{dot}{ext}" if dot else plain


def attachment(content: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    """A response the browser saves as `filename` instead of showing it: an ASCII `filename=` for old clients and
    the real (Thai) name in RFC 5987 `filename*=UTF-8''…`, which every current browser uses."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_fallback(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    return response


def table_download(sheets: Sequence[tuple[str, Rows]], fmt: str, *, name: str) -> HttpResponse:
    """A table export as CSV (the first sheet) or XLSX (every sheet), saved as `name` + the extension; any other
    format is a 404, as an unknown page would be."""
    from ...exporting.table_files import csv_bytes, xlsx_bytes

    if fmt == "csv":
        return attachment(csv_bytes(sheets[0][1]), content_type="text/csv; charset=utf-8", filename=f"{name}.csv")
    if fmt == "xlsx":
        content = xlsx_bytes(sheets, freeze="B2")
        return attachment(content, content_type=CONTENT_TYPES["xlsx"], filename=f"{name}.xlsx")
    raise Http404("ไม่มีรูปแบบนี้")
