"""Bulk reading of a batch CSV: the file is split at once and read agency block by agency block.

A national file repeats a few kinds of cell: 88 codes in the same order for every agency, a few thousand score
texts, one name per agency. Each distinct cell is cleaned and checked once, with the same functions and rules
as results_reader, and an agency's rows are then read in C-level passes through those answers. The bulk reader
only accepts what the row-by-row reader accepts and returns the same ReadResult; on anything else (a bad cell,
a duplicate, a line with a missing cell, an odd encoding) it steps aside and read_results() reads the file, so
every problem is found and worded exactly as before (file, row, column, expected form; all problems at once).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..ita.model import Framework
from ..ita.results import ResultSet
from .agency_blocks import BlockReader, Defer, cell_text, merge_blocks
from .bounded import read_regular_file
from .csv_policy import sniff_delimiter
from .limits import RESULTS
from .result_cells import column_roles
from .results_reader import ReadResult, read_results
from .tables import Table

# str.splitlines() also breaks lines here (the delimiter is sniffed from such a line); csv does not.
_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Per delimiter and line end: every other byte, deleted to see the shape of the file.
_NOT_SHAPE = {
    (sep, eol): bytes(b for b in range(256) if b not in (*sep, *eol))
    for sep in (b",", b";", b"\t")
    for eol in (b"\n", b"\r\n")
}
# Per delimiter: a table that turns the newline into the delimiter (carriage returns are deleted with it).
_CR_LF = {sep: bytes.maketrans(b"\n", sep) for sep in (b",", b";", b"\t")}
# About this many bytes of rows are split at once (then read, scored and freed before the next chunk).
CHUNK_BYTES = 2**20


def read_batch(path: str | Path, framework: Framework) -> ReadResult:
    """Every agency's validated results from a batch file (agency column required); InputError as read_results."""
    try:
        batch = BatchFile.open(Path(path), framework)
        read, rows = batch.read()
        by_agency: dict[str | None, ResultSet] = {name: result for name, result in read.items()}  # all named
        return ReadResult(by_agency, batch.warnings, rows)
    except Defer:
        return read_results(path, framework, require_agency=True)


@dataclass
class BatchFile:
    """A batch CSV whose header has been read: its bytes (or, when quoted, its csv rows) and its columns."""

    framework: Framework
    data: bytes
    begin: int  # where the rows begin in `data`
    eol: bytes  # b"\n", or b"\r\n" when every line ends so
    sep: bytes
    width: int
    roles: dict[str, int]
    warnings: list[str]
    rows: list[list[str]] | None = None  # set when quotes or lone carriage returns need the csv module

    @classmethod
    def open(cls, path: Path, framework: Framework) -> BatchFile:
        """Read the file and its header; Defer when it is not a CSV the bulk reader can take."""
        if path.suffix.lower() != ".csv" or not path.is_file():
            raise Defer
        data = read_regular_file(path, RESULTS, RESULTS.file_bytes, missing="ชื่อไฟล์ผลคะแนนที่มีอยู่จริง")
        if data.count(b"\n") >= RESULTS.rows:
            raise Defer  # the row reader names the row where the bound is passed
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] == b"PK\x03\x04" or b"\x00" in data:
            raise Defer
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        # Windows line ends (read by csv as plain ones) when the first line has one; every line is checked to end
        # the same way, else the row reader reads the file.
        end = data.find(b"\n")
        eol = b"\r\n" if end > 0 and data[end - 1] == 13 else b"\n"
        rows = None
        if b'"' in data or (eol == b"\n" and b"\r" in data):
            rows = _csv_rows(data)
            header, begin, sep = rows[0], 0, ","
        else:
            header, begin, sep = _header(data, eol)
        roles, ignored, problems = column_roles(Table(path.name, header, []))
        if (
            problems
            or "agency" not in roles
            or len(header) > RESULTS.columns
            or len(header) * data.count(b"\n") >= RESULTS.cells
        ):
            raise Defer
        warnings = [f"ไม่ได้ใช้คอลัมน์ {', '.join(ignored)} ในไฟล์ {path.name}"] if ignored else []
        return cls(framework, data, begin, eol, sep.encode(), len(header), roles, warnings, rows)

    def chunks(self) -> list[tuple[int, int]]:
        """The rows as byte ranges of about CHUNK_BYTES, each ending where an agency's rows end: the units the
        file is split, read and scored in (by one process after another, or by several side by side)."""
        size = len(self.data)
        if self.rows is not None:
            return [(self.begin, size)]
        bounds = [self.begin]
        while bounds[-1] + CHUNK_BYTES < size:
            cut = _agency_boundary(self.data, bounds[-1] + CHUNK_BYTES, self.sep, self.roles["agency"])
            if cut is None:
                break
            bounds.append(cut)
        bounds.append(size)
        return list(pairwise(bounds))

    def reader(self) -> BlockReader:
        """A reader for this file's chunks; it learns what each distinct cell means once, for all chunks it reads."""
        return BlockReader(self.framework, csv.field_size_limit())

    def blocks(self, reader: BlockReader, start: int, stop: int) -> Iterator[tuple[str, ResultSet, int]]:
        """The agency blocks of one chunk as (agency, its ResultSet, rows read), so each can be scored as soon as
        it is read; Defer on anything the row reader must word. An agency may come back in a later block."""
        return reader.blocks(self.columns(start, stop), self.roles)

    def read(self) -> tuple[dict[str, ResultSet], int]:
        """Every agency's ResultSet (one whose rows come back further down is merged) and the rows read."""
        by_agency: dict[str, ResultSet] = {}
        rows = 0
        reader = self.reader()
        for start, stop in self.chunks():
            for name, result, count in self.blocks(reader, start, stop):
                rows += count
                found = by_agency.get(name)
                if found is None:
                    by_agency[name] = result
                else:
                    merge_blocks(found, result)
        if not by_agency:
            raise Defer
        return by_agency, rows

    def columns(self, start: int, stop: int) -> Sequence[Sequence[Any]]:
        """The cells of data[start:stop] by column; Defer when a line has more or fewer cells or is not UTF-8."""
        if self.rows is not None:
            columns: Sequence[Sequence[Any]] = list(zip(*self.rows[1:], strict=True))
        else:
            whole = start == self.begin and stop == len(self.data)  # then split from the header on, without a copy
            part = self.data if whole else self.data[start:stop]
            columns = _split(part, self.eol, self.sep, self.width, 1 if whole else 0)
        limit = csv.field_size_limit()
        for index, column in enumerate(columns):
            if index not in self.roles.values():
                for raw in set(column):  # unused, but the file must still be UTF-8 within csv's limits
                    cell_text(raw, limit)
        return columns


def _header(data: bytes, eol: bytes) -> tuple[list[str], int, str]:
    """The first line as header cells, where the rows begin, and the delimiter; Defer unless a plain line."""
    end = data.find(eol)
    if end < 0:
        raise Defer
    try:
        first = data[:end].decode()
    except UnicodeDecodeError:
        raise Defer from None
    if len(first) > 4096 or any(ch in first for ch in _LINE_BREAKS):
        raise Defer
    sep = sniff_delimiter(first)
    header = first.split(sep)
    if not any(c.strip() for c in header):
        raise Defer
    return header, end + len(eol), sep


def _csv_rows(data: bytes) -> list[list[str]]:
    """Rows as the csv module splits them (quotes), from the header on, blank lines dropped, all of one width."""
    try:
        text = data.decode()
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))
    except (UnicodeDecodeError, csv.Error):
        raise Defer from None
    start = next((i for i, cells in enumerate(rows) if any(c.strip() for c in cells)), None)
    if start is None:
        raise Defer
    rows = [rows[start], *filter(None, rows[start + 1 :])]  # empty lines are blank rows, skipped by the row reader
    if len(rows) < 2 or set(map(len, rows)) != {len(rows[0])}:
        raise Defer
    return rows


def _split(part: bytes, eol: bytes, sep: bytes, width: int, skip: int = 0) -> list[list[bytes]]:
    """Columns of the lines in `part` but the first `skip`, after checking every line has `width` cells."""
    size, step = len(part), len(eol)
    trailing = 0  # line ends at the very end, blank lines included: blank rows, skipped by the row reader
    while trailing * step < size and part.endswith(eol, 0, size - trailing * step):
        trailing += 1
    if trailing * step >= size:
        return [[] for _ in range(width)]  # only blank lines
    shape = part.translate(None, _NOT_SHAPE[sep, eol])  # what is left: delimiters and line ends
    used = len(shape) - trailing * step
    line = sep * (width - 1) + eol
    lines = (used + step) // len(line)
    if shape[:used] != line * (lines - 1) + line[:-step]:
        raise Defer  # a line with more or fewer cells, a blank line, another line end: the row reader says which
    flat = (
        (part.replace(eol, sep) if step == 1 else part.translate(_CR_LF[sep], b"\r")).split(sep)
        if width > 1
        else part.split(eol)
    )
    if trailing:
        del flat[-trailing:]
    return [flat[skip * width + i :: width] for i in range(width)]


def _agency_boundary(data: bytes, near: int, sep: bytes, column: int) -> int | None:
    """Offset of the first line at or after `near` whose agency differs from the line before it."""
    start = data.find(b"\n", near) + 1
    if start <= 0 or start >= len(data):
        return None
    previous = data.rfind(b"\n", 0, start - 1) + 1
    agency = data[previous : start - 1].split(sep)[column : column + 1]
    for _ in range(100_000):
        end = data.find(b"\n", start)
        if end < 0:
            return None
        if data[start:end].split(sep)[column : column + 1] != agency:
            return start
        start = end + 1
    return None
