"""Fuzzing every reader of files from outside (results CSV/XLSX/JSON, the bulk batch reader, the plan file): whatever
the bytes, the reader returns or raises InputError with Thai problems naming the file (never another exception),
its peak traced memory stays within bounds, and it writes nothing. Examples per test: the hypothesis profile of
tests/conftest.py ("ci" by default)."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from prongsai.importing.columnar import read_batch
from prongsai.importing.results_reader import read_results
from prongsai.importing.survey_reader import score_respondents
from prongsai.importing.tables import excel_letters
from prongsai.ita.library import framework_for, shipped_framework
from prongsai.ita.problems import InputError
from prongsai.planfile.reader import read_plan
from tests.support import hostile_files as hostile

PEAK_BOUND_MB = 300
THAI = re.compile("[\u0e00-\u0e7f]")
FRAMEWORK = shipped_framework(2566)  # at import time: no database (tests/conftest.py)

HEADERS = [
    "code",
    "score",
    "channel",
    "agency",
    "รหัส",
    "คะแนน",
    "หน่วยงาน",
    "ลำดับ",
    "มาตรการ",
    "ข้อคำถามที่ตอบ",
    "กำหนดแล้วเสร็จ",
    "ขั้นตอนหรือวิธีดำเนินการ",
    "สถานะ",
    "หลักฐาน",
    "title",
    "",
]
CODES = [
    "I1",
    "i 01",
    "E5",
    "E15",
    "O1",
    "O43",
    "IND7",
    "ind10",
    "9.1",
    "TOTAL",
    "IIT",
    "EIT_PUBLIC",
    "LEVEL",
    "X99",
    "E1, O18",
    "๑",
]
SCORES = [
    "93.5",
    "๙๐.๒",
    "100",
    "0",
    "-1",
    "101",
    "ผ่าน",
    "ไม่มี",
    "700/900",
    "1e309",
    "nan",
    "1_0",
    "AA",
    "public",
    "survey",
    "31/12/2567",
    "๓๑ ธ.ค. ๒๕๖๗",
    "=1+1",
    "@SUM(A1)",
    "-5",
]
ODD_TEXT = st.text(
    alphabet=st.sampled_from(list(',;\t"\r\n \u2028\u0085\x0b\x00\ufeff\u200bกขฯ๙ะ้aZ9.=/-')), max_size=30
)
CELL = st.one_of(st.sampled_from(CODES), st.sampled_from(SCORES), st.sampled_from(HEADERS), ODD_TEXT)


def _refused_or_read(read: Callable[[Path], Any], name: str, data: bytes) -> None:
    """Write `data` to a fresh folder as `name`, read it, and check what the reader may do."""
    with tempfile.TemporaryDirectory(prefix="prongsai-fuzz-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        tracemalloc.start()
        try:
            read(path)
        except InputError as exc:
            assert exc.problems, "an InputError carries its problems"
            for problem in exc.problems:
                assert THAI.search(problem.message), problem
            named = [p for p in exc.problems if p.file]
            assert named and all(p.file.startswith(name) for p in named), exc.problems
        finally:
            peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
            tracemalloc.stop()
        assert peak < PEAK_BOUND_MB, peak
        assert [p.name for p in Path(folder).iterdir()] == [name], "a reader writes nothing"


def _results(path: Path) -> Any:
    return read_results(path, FRAMEWORK)


def _batch(path: Path) -> Any:
    return read_batch(path, FRAMEWORK)


def _survey(path: Path) -> Any:
    return score_respondents(path, shipped_framework(2564), "IIT")


def _plan(path: Path) -> Any:
    return read_plan(path, load_framework=framework_for, assessed_year=2566)


@st.composite
def csv_bytes(draw: Any) -> bytes:
    """A table-shaped text (real headers, codes and scores mixed with quotes, odd line ends and separators),
    encoded as the policy accepts or not; sometimes plain random bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    width = draw(st.integers(1, 5))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=width + 1), max_size=12))
    sep = draw(st.sampled_from([",", ";", "\t"]))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    quote = draw(st.booleans())

    def line(cells: list[str]) -> str:
        if quote:
            return sep.join('"' + c.replace('"', '""') + '"' for c in cells)
        return sep.join(cells)

    text = end.join(line(cells) for cells in [header, *rows]) + draw(st.sampled_from(["", end]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp874"]))
    return text.encode(encoding, errors="replace")


@st.composite
def xlsx_bytes(draw: Any) -> bytes:
    """A workbook built byte by byte: any declared dimension, rows and columns anywhere on the sheet (up to past
    Excel's last row and column), sometimes a DTD; or a valid workbook with some bytes flipped."""
    rows: dict[int, list[tuple[str, object]]] = {
        1: [(excel_letters(i), h) for i, h in enumerate(draw(st.lists(st.sampled_from(HEADERS), max_size=4)))]
    }
    for _ in range(draw(st.integers(0, 8))):
        number = draw(st.one_of(st.integers(2, 40), st.integers(2, 1_100_000)))
        cells = []
        for _ in range(draw(st.integers(0, 4))):
            column = draw(st.one_of(st.integers(0, 6), st.integers(0, 16_500)))
            value = draw(st.one_of(CELL, st.floats(allow_nan=True), st.integers(-(10**6), 10**6)))
            cells.append((excel_letters(column), value))
        rows[number] = sorted(set(cells), key=lambda c: (len(c[0]), c[0]))
    last_column = excel_letters(draw(st.integers(0, 20_000)))
    dimension = draw(st.sampled_from(["A1", f"A1:{last_column}{draw(st.integers(1, 2_000_000))}", "", "Z"]))
    prolog = draw(
        st.sampled_from(
            [
                hostile.PROLOG,
                hostile.PROLOG + "<!DOCTYPE worksheet>",
                hostile.PROLOG + '<!DOCTYPE worksheet [<!ENTITY a "x">]>',
            ]
        )
    )
    data = hostile.xlsx(
        hostile.sheet_xml(rows, dimension=dimension, prolog=prolog),
        name=draw(st.sampled_from(["ผลคะแนน", "แผนมาตรการ", "Sheet1"])),
    )
    flips = draw(st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)), max_size=3))
    mutable = bytearray(data)
    for at, value in flips:
        mutable[at] = value
    return bytes(mutable)


JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.integers(),
    st.sampled_from(CODES),
    st.sampled_from(SCORES),
    ODD_TEXT,
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "code",
                    "score",
                    "channel",
                    "agency",
                    "scores",
                    "channels",
                    "level",
                    "rows",
                    "measure",
                    "questions",
                    "assessed_year",
                    "year",
                    "x",
                ]
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=20,
)


@st.composite
def json_bytes(draw: Any) -> bytes:
    """A JSON document of the results or plan shape, sometimes nested deep, cut short or with bytes changed."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        depth = draw(st.integers(1, 5000))
        return ("[" * depth + "]" * draw(st.integers(0, depth))).encode()
    text = json.dumps(draw(JSON_VALUES), ensure_ascii=draw(st.booleans()))
    if kind == 1:
        text = text[: draw(st.integers(0, len(text)))]
    elif kind == 2:
        text = text.replace("1", "1" * draw(st.integers(1, 6000)), 1)
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])))


@given(data=csv_bytes(), suffix=st.sampled_from([".csv", ".txt", ""]))
def test_results_reader_on_any_csv(data: bytes, suffix: str) -> None:
    _refused_or_read(_results, "ผลคะแนน" + suffix, data)


@given(data=csv_bytes())
def test_bulk_batch_reader_on_any_csv(data: bytes) -> None:
    _refused_or_read(_batch, "ทั้งประเทศ.csv", b"agency," + data)


@given(data=xlsx_bytes())
def test_results_reader_on_any_workbook(data: bytes) -> None:
    _refused_or_read(_results, "ผลคะแนน.xlsx", data)


@given(data=json_bytes())
def test_results_reader_on_any_json(data: bytes) -> None:
    _refused_or_read(_results, "ผลคะแนน.json", data)


ANSWERS = st.one_of(
    st.sampled_from(["มากที่สุด", "มาก", "น้อย", "น้อยที่สุด", "มี", "ไม่มี", "1", "4", "๓", "²", "¹⁰", "٣", "", " "]), ODD_TEXT
)
SURVEY_HEADERS = [
    "ประทับเวลา",
    "I1 [เป็นไปตามขั้นตอนที่กำหนด]",
    "I2 ปฏิบัติงานอย่างเท่าเทียมกัน",
    "I4 [เงิน]",
    "I9",
    "I26 (1)",
    "อีเมล",
    "I99",
]


@st.composite
def respondents_csv(draw: Any) -> bytes:
    """A Google Forms-like export: question headers, then one row of answers a respondent."""
    header = draw(st.lists(st.sampled_from(SURVEY_HEADERS), min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(ANSWERS, min_size=len(header), max_size=len(header)), max_size=6))
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return out.getvalue().encode("utf-8-sig")


@given(data=st.one_of(respondents_csv(), csv_bytes()))
def test_survey_reader_on_any_respondents_file(data: bytes) -> None:
    _refused_or_read(_survey, "แบบสำรวจ.csv", data)


def test_survey_answers_in_superscript_digits_are_refused_not_a_crash() -> None:
    """str.isdigit() accepts "²", int() does not: such an answer is unreadable, not a traceback."""
    _refused_or_read(_survey, "แบบสำรวจ.csv", "I2 ปฏิบัติงานอย่างเท่าเทียมกัน\n²\n".encode())


@given(data=csv_bytes())
def test_plan_reader_on_any_csv(data: bytes) -> None:
    _refused_or_read(_plan, "แผน.csv", data)


@given(data=xlsx_bytes())
def test_plan_reader_on_any_workbook(data: bytes) -> None:
    _refused_or_read(_plan, "แผน.xlsx", data)


@given(data=json_bytes())
def test_plan_reader_on_any_json(data: bytes) -> None:
    _refused_or_read(_plan, "แผน.json", data)


def test_the_fuzzed_workbooks_are_real_workbooks() -> None:
    """The builder behind xlsx_bytes() makes files openpyxl reads, so the fuzz reaches the sheet parser."""
    from openpyxl import load_workbook

    data = hostile.xlsx(hostile.sheet_xml({1: [("A", "code"), ("B", "score")], 2: [("A", "I1"), ("B", 90)]}))
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    sheet.reset_dimensions()  # its declared dimension, "A1", would cut the rows to one cell
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [["code", "score"], ["I1", 90]]
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
