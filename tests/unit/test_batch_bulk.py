"""The bulk batch path gives exactly what the row-by-row reader and score() give, for random files good and bad."""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.batch import run as batch_run
from prongsai.exporting.batch_table import batch_row, shown
from prongsai.importing import columnar
from prongsai.importing.columnar import BatchFile, read_batch
from prongsai.importing.results_reader import ReadResult, read_results
from prongsai.ita.library import shipped_framework
from prongsai.ita.numbers import round2, to_thai_digits
from prongsai.ita.problems import InputError
from prongsai.ita.scoring import compute, score
from tests.support.batch_files import national_batch_file

YEARS = [2564, 2565, 2566]
FAULTS = [
    "unknown code",
    "out of range",
    "not a number",
    "oit partial",
    "duplicate",
    "blank agency",
    "blank code",
    "bad channel",
    "channel on a question of IIT",
    "bad level",
    "short line",
    "long line",
    "blank line",
]


@st.composite
def batch_files(draw):
    """(year, CSV text) with every accepted spelling, reported figures, channels, and sometimes one fault."""
    year = draw(st.sampled_from(YEARS))
    fw = shipped_framework(year)
    with_channel = bool(fw.eit_channels) and draw(st.booleans())
    header = (
        ["agency", "code", "score"]
        + (["channel"] if with_channel else [])
        + draw(st.sampled_from([[], ["หมายเหตุ"], ["title"]]))
    )
    rows: list[list[str]] = []
    names = [f"หน่วยงาน {n}" for n in range(draw(st.integers(1, 4)))]
    for name in names:
        for item in fw.items.values():
            if not draw(st.booleans()) and draw(st.booleans()):
                continue  # a missing item
            code = draw(st.sampled_from([item.code, item.code.lower(), f" {item.code} ", to_thai_digits(item.code)]))
            if item.is_oit:
                value = draw(st.sampled_from(["100", "0", "ผ่าน", "ไม่ผ่าน", "pass", "๑๐๐", ""]))
            else:
                number = draw(st.floats(0, 100, allow_nan=False))
                value = draw(st.sampled_from([f"{number:.2f}", f"{number:.0f}", to_thai_digits(f"{number:.1f}")]))
            if with_channel and item.tool == "EIT" and draw(st.booleans()):
                for channel in draw(st.sampled_from([["public", "survey"], ["survey"], ["ส่วนที่ 1", "Survey"]])):
                    rows.append([name, code, value, channel])
            else:
                rows.append([name, code, value] + ([""] if with_channel else []))
        for code in draw(st.lists(st.sampled_from(["IND1", "IND9", "9.1", "IIT", "TOTAL", "LEVEL"]), unique=True)):
            value = (
                draw(st.sampled_from([level.level for level in fw.grading.levels]))
                if code == "LEVEL"
                else (draw(st.sampled_from(["88.5", "700/900", "๙๐"])) if code == "9.1" else "88.5")
            )
            rows.append([name, code, value] + ([""] if with_channel else []))
    if draw(st.booleans()):
        rows = draw(st.permutations(rows))  # agencies interleaved
    width = len(header)
    rows = [row + [""] * (width - len(row)) for row in rows]
    fault = draw(st.sampled_from([None, None, *FAULTS]))
    if rows and fault:
        at = draw(st.integers(0, len(rows) - 1))
        row = rows[at]
        if fault == "unknown code":
            row[1] = "X99"
        elif fault == "out of range":
            row[2] = "101"
        elif fault == "not a number":
            row[2] = "เก้าสิบ"
        elif fault == "oit partial":
            row[1], row[2] = "O1", "50"
        elif fault == "duplicate":
            rows.insert(at, list(row))
        elif fault == "blank agency":
            row[0] = " "
        elif fault == "blank code":
            row[1] = ""
        elif fault == "bad channel" and with_channel:
            row[3] = "ทางไปรษณีย์"
        elif fault == "channel on a question of IIT" and with_channel:
            row[1], row[3] = "I1", "public"
        elif fault == "bad level":
            row[1], row[2] = "LEVEL", "Z"
        elif fault == "short line":
            rows[at] = row[:-1]
        elif fault == "long line":
            row.append("x")
        elif fault == "blank line":
            rows.insert(at, [])
    sep = draw(st.sampled_from([",", ";"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    quote = draw(st.sampled_from([False, False, True]))
    lines = [sep.join(header)] + [sep.join(f'"{c}"' if quote and c else c for c in row) for row in rows]
    text = eol.join(lines) + draw(st.sampled_from(["", eol, eol * 2]))
    return year, draw(st.sampled_from(["", "\ufeff"])) + text


def _shape(read: ReadResult) -> object:
    """Everything a ReadResult holds, dict orders included."""
    return (
        read.rows_read,
        read.warnings,
        [
            (
                name,
                r.agency,
                list(r.scores.items()),
                [(c, list(d.items())) for c, d in r.channel_scores.items()],
                list(r.reported.items()),
                r.reported_level,
            )
            for name, r in read.by_agency.items()
        ],
    )


def _read(reader, path: Path, year: int) -> object:
    try:
        return _shape(reader(path, shipped_framework(year)))
    except InputError as exc:
        return [p.render() for p in exc.problems]


def _rows_read(path: Path, fw) -> ReadResult:
    return read_results(path, fw, require_agency=True)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch_files())
def test_bulk_reader_reads_or_refuses_exactly_as_the_row_reader(tmp_path, case):
    year, text = case
    path = tmp_path / "batch.csv"
    path.write_bytes(text.encode("utf-8"))
    assert _read(read_batch, path, year) == _read(_rows_read, path, year)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch_files(), st.integers(64, 2048))
def test_bulk_reader_in_small_chunks_reads_exactly_as_the_row_reader(tmp_path, monkeypatch, case, chunk):
    """A national file is split a chunk at a time, cut where an agency's rows end: the same, chunk after chunk."""
    monkeypatch.setattr(columnar, "CHUNK_BYTES", chunk)
    year, text = case
    path = tmp_path / "batch.csv"
    path.write_bytes(text.encode("utf-8"))
    assert _read(read_batch, path, year) == _read(_rows_read, path, year)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch_files())
def test_batch_rows_equal_batch_row_of_score_built_the_slow_way(tmp_path, case):
    year, text = case
    path = tmp_path / "batch.csv"
    path.write_bytes(text.encode("utf-8"))
    fw = shipped_framework(year)
    try:
        slow = [batch_row(score(fw, r)) for r in read_results(path, fw, require_agency=True).by_agency.values()]
    except InputError:
        return
    fast = [batch_row(compute(fw, r)) for r in read_batch(path, fw).by_agency.values()]
    assert fast == slow


def test_chunks_end_at_agency_boundaries_and_read_the_same_as_the_whole(tmp_path, monkeypatch):
    fw = shipped_framework(2565)
    lines = ["agency,code,score"] + [
        f"หน่วยงาน {n},{c},{(n * 7 + i) % 101}"
        for n in range(40)
        for i, c in enumerate(fw.items)
        if not fw.items[c].is_oit
    ]
    path = tmp_path / "batch.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(columnar, "CHUNK_BYTES", 10_000)
    batch = BatchFile.open(path, fw)
    chunks = batch.chunks()
    assert len(chunks) > 3 and chunks[0][0] == batch.begin and chunks[-1][1] == len(batch.data)
    whole, rows = batch.read()
    merged: dict = {}
    reader = batch.reader()
    for chunk in chunks:
        assert batch.data[chunk[0] - 1 : chunk[0]] == b"\n"
        found = {name: result for name, result, _ in batch.blocks(reader, *chunk)}
        assert not set(found) & set(merged)
        merged.update(found)
    assert list(merged) == list(whole) and rows == len(lines) - 1
    assert all(merged[name].scores == whole[name].scores for name in whole)


def test_chunks_of_a_failed_process_are_scored_by_the_parent(tmp_path, monkeypatch):
    monkeypatch.setattr(batch_run, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(columnar, "CHUNK_BYTES", 5_000)
    fw = shipped_framework(2566)
    source = national_batch_file(tmp_path, fw)
    parent = os.getpid()
    score_blocks = batch_run._score_blocks

    def failing_in_children(*args):
        if os.getpid() != parent:
            raise MemoryError("a child that runs out of memory")
        return score_blocks(*args)

    monkeypatch.setattr(batch_run, "_score_blocks", failing_in_children)
    out = tmp_path / "out.csv"
    summary = batch_run.score_batch(source, fw, out, tolerance=0.01, jobs=2)
    assert summary.agencies == 30 and summary.processes == 2
    expected = [batch_row(score(fw, r)) for r in read_results(source, fw, require_agency=True).by_agency.values()]
    written = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert written[1:] == [["" if v is None else str(v) for v in row] for row in expected]


def _outcome(rounding, value: float) -> object:
    try:
        result = rounding(value)
    except (ValueError, OverflowError) as exc:
        return type(exc), str(exc)
    return result, math.copysign(1, result)


half_cents = st.integers(-20_000, 20_000).map(lambda k: k / 200)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.floats(), half_cents, st.builds(lambda h, d: h + d, half_cents, st.floats(-2e-6, 2e-6))))
def test_shown_is_round2_for_every_float(value):
    assert _outcome(lambda v: shown([v])[0], value) == _outcome(round2, value)
