"""The report as data: sections of headings, paragraphs, tables, charts and a signature, ready for any renderer.

Pure: no document library is imported here. Builders (analysis_report.py, progress_report.py) fill these objects
from the engine's Assessment, Analysis and Plan; renderers (render_*.py) only lay them out. Table cells keep their
kind (score, date, text...) so DOCX/PDF show them as text and XLSX keeps figures as numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..ita.numbers import fmt2, round2, to_thai_digits
from ..ita.plan import Plan
from ..ita.thaidates import format_date

# Cell kinds: how a value is shown and stored.
TEXT = "text"
SCORE = "score"  # a figure shown with 2 decimals
CHANGE = "change"  # a signed difference shown with 2 decimals
INT = "int"
DATE = "date"
NUMBER_KINDS = (SCORE, CHANGE, INT)  # shown centred (DOCX), right-aligned (HTML), stored as numbers (XLSX)

# Paragraph styles.
BODY = "body"  # first-line indent, justified (Thai distributed)
PLAIN = "plain"  # no indent
BULLET = "bullet"  # a list item
NOTE = "note"  # smaller explanatory text
CENTER = "center"

Cell = str | float | int | dt.date | None
DOTS = "................................................"
# Item codes (I1, E15, O43) are identifiers and keep ASCII digits, as the seeds mostly write them.
_CODE = re.compile(r"(?<![A-Za-z0-9])(?:[IEO]\d{1,2})(?![0-9])")


def localise(text: str, thai_digits: bool) -> str:
    """Every digit in Thai (๐-๙) when asked, except inside item codes such as E1 or O18; else unchanged."""
    if not thai_digits or not text:
        return text
    parts, last = [], 0
    for match in _CODE.finditer(text):
        parts.append(to_thai_digits(text[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(to_thai_digits(text[last:]))
    return "".join(parts)


def shown(value: float | None) -> float | None:
    """A figure as every output shows it: rounded half up to 2 decimals (the same rounding as the JSON)."""
    return None if value is None else round2(value)


def cell_text(value: Cell, kind: str) -> str:
    """How a cell reads in a document (before Thai digits); XLSX keeps numbers as numbers instead."""
    if value is None or value == "":
        return "—" if kind in (SCORE, CHANGE) else ""
    if kind == SCORE and isinstance(value, int | float):
        return fmt2(value)
    if kind == CHANGE and isinstance(value, int | float):
        rounded = round2(value)
        return f"+{rounded:.2f}" if rounded > 0 else f"{rounded:.2f}"
    if kind == DATE and isinstance(value, dt.date):
        return format_date(value, style="short")
    return str(value)


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # relative share of the table's width
    kind: str = TEXT


@dataclass(frozen=True)
class Table:
    """A table with a header row that repeats on every page; `key` names it for tests and the XLSX sheets."""

    key: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    bold_rows: tuple[int, ...] = ()
    font_size: float | None = None  # points; None is the body size


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = BODY
    bold: bool = False


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartSpec:
    """A bar chart: one or more series over categories, with an optional reference line (the pass mark)."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_label: str
    reference: float | None = None
    reference_label: str = ""
    horizontal: bool = False
    highlight_below: bool = False  # single series: bars under the reference drawn in the warning colour


@dataclass(frozen=True)
class Chart:
    key: str
    caption: str
    spec: ChartSpec
    width_cm: float = 16.0
    height_cm: float = 9.0


@dataclass(frozen=True)
class Signature:
    name: str | None
    position: str | None
    date: dt.date
    role: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | Chart | Signature | PageBreak


@dataclass
class Section:
    key: str
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False

    def add(self, *blocks: Block) -> Section:
        self.blocks.extend(blocks)
        return self


@dataclass
class Report:
    """A whole document: title lines, sections in order, and the values a DOCX template's placeholders take."""

    title: tuple[str, ...]
    agency: str | None
    year: int
    sections: list[Section]
    issued: dt.date
    signatory_name: str | None = None
    signatory_position: str | None = None
    plan: Plan | None = None
    summary: dict[str, Cell] = field(default_factory=dict)

    def tables(self) -> dict[str, Table]:
        """Every table by key (the first one when a key repeats)."""
        found: dict[str, Table] = {}
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Table) and block.key not in found:
                    found[block.key] = block
        return found

    def placeholders(self) -> dict[str, str]:
        """Values for `{{name}}` placeholders of an agency's DOCX template (docs/reports.md lists them)."""
        return {
            "agency": self.agency or DOTS,
            "year": str(self.year),
            "plan_year": str(self.plan.year) if self.plan else str(self.year + 1),
            "title": " ".join(self.title),
            "date": format_date(self.issued, style="long"),
            "signatory_name": self.signatory_name or DOTS,
            "signatory_position": self.signatory_position or DOTS,
        }
