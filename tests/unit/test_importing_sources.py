"""Importers read bytes and binary file objects (uploads) exactly as they read the same file from a path, within
the same limits, naming the file they were given in every message."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from prongsai.importing.limits import RESULTS
from prongsai.importing.results_reader import read_results
from prongsai.importing.survey_reader import score_respondents
from prongsai.ita.library import shipped_framework
from prongsai.ita.problems import InputError
from prongsai.ita.scoring import score
from tests.support.cli import SAMPLES
from tests.support.survey_forms import GOOGLE_FORMS

ANGTHONG = SAMPLES / "angthong_pao_2566.csv"


def _figures(read) -> dict:
    (results,) = read.by_agency.values()
    assessment = score(shipped_framework(2566), results)
    return {"total": assessment.total, "indicators": assessment.indicators, "level": assessment.level}


def test_bytes_and_a_file_object_read_as_the_path():
    fw = shipped_framework(2566)
    from_path = read_results(ANGTHONG, fw)
    data = ANGTHONG.read_bytes()
    from_bytes = read_results(data, fw, name="อ่างทอง.csv")
    upload = io.BytesIO(data)
    upload.name = "/uploads/tmp/อ่างทอง 2566.csv"  # as an upload names itself; only the base name is shown
    from_file = read_results(upload, fw)
    assert from_bytes.by_agency == from_path.by_agency == from_file.by_agency
    assert from_bytes.rows_read == from_path.rows_read == from_file.rows_read > 0
    assert _figures(from_bytes) == _figures(from_path)
    assert _figures(from_file)["total"].value == pytest.approx(_figures(from_path)["total"].value)


def test_an_xlsx_upload_is_read_by_its_name(tmp_path: Path):
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "score"])
    sheet.append(["IND1", 91.5])
    sheet.append(["TOTAL", 88.25])
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_results(buffer.getvalue(), shipped_framework(2566), name="ผล.xlsx")
    (results,) = read.by_agency.values()
    assert results.reported == {"IND1": 91.5, "TOTAL": 88.25}


def test_a_bad_upload_is_an_input_error_naming_it():
    fw = shipped_framework(2566)
    with pytest.raises(InputError) as caught:
        read_results(b"code,score\nI1,abc\n", fw, name="ผลที่ส่งมา.csv")
    (problem,) = caught.value.problems
    assert problem.file == "ผลที่ส่งมา.csv" and problem.row == 2 and "ไม่ใช่ตัวเลข" in problem.message
    with pytest.raises(InputError) as caught:
        read_results(io.BytesIO(b"x" * (RESULTS.file_bytes + 1)), fw, name="ใหญ่.csv")
    assert caught.value.problems[0].file == "ใหญ่.csv" and "ใหญ่เกินกำหนด" in caught.value.problems[0].message
    with pytest.raises(InputError) as caught:
        read_results(b"", fw, name="ว่าง.csv")
    assert caught.value.problems[0].message == "ไฟล์ว่างเปล่า"


def test_bytes_without_a_name_are_refused_by_the_caller():
    with pytest.raises(ValueError, match="name="):
        read_results(b"code,score\n", shipped_framework(2566))


def test_a_text_mode_file_is_a_programming_error():
    with pytest.raises(TypeError, match="binary"):
        read_results(io.StringIO("code,score\n"), shipped_framework(2566), name="a.csv")


def test_a_respondents_upload_scores_as_the_file(tmp_path: Path):
    path = tmp_path / "แบบสำรวจ IIT.csv"
    path.write_text(GOOGLE_FORMS, encoding="utf-8-sig")
    fw = shipped_framework(2564)
    from_path = score_respondents(path, fw, "IIT")
    mapping = "column,code\nI2 ปฏิบัติงานอย่างเท่าเทียมกัน,I2\n".encode()
    from_bytes = score_respondents(
        path.read_bytes(), fw, "IIT", name="แบบสำรวจ IIT.csv", mapping=mapping, mapping_name="จับคู่.csv"
    )
    assert [(q.code, q.score) for q in from_bytes.questions] == [(q.code, q.score) for q in from_path.questions]
    assert from_bytes.respondents == from_path.respondents == 3
    with pytest.raises(InputError) as caught:
        score_respondents(b'[{"I1": 1}]', fw, "IIT", name="คำตอบ.json")
    assert caught.value.problems[0].file == "คำตอบ.json"
