"""An administrator supplies a year's questionnaire through the framework workbook (issue 14, point 1): question
texts and an own answer-to-score mapping typed into the exported XLSX, imported back, and then used by the survey
form and by the scoring of a respondents file, with the scores computed here by hand from the typed mapping."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from prongsai.frameworkfile.columns import ITEMS, SCALES, Sheet
from prongsai.frameworkfile.reader import read_framework_bytes
from prongsai.frameworkfile.writer import write_framework_xlsx
from prongsai.importing.survey_reader import score_respondents
from prongsai.ita.library import shipped_framework
from prongsai.ita.problems import InputError
from prongsai.ita.survey_form import survey_form

# The agency's own 4-level mapping, deliberately not the default 0/33.33/66.67/100.
OWN = {"น้อยที่สุดหรือไม่มีเลย": 0.0, "น้อย": 40.0, "มาก": 70.0, "มากที่สุด": 100.0}
SCALE_OF = {"E1": "own4", "E2": "likert4_reversed"}  # every other EIT question: the default likert4


def _column(sheet_spec: Sheet, key: str) -> int:
    return [c.key for c in sheet_spec.columns].index(key) + 1


def _edited_2566() -> bytes:
    stream = io.BytesIO()
    write_framework_xlsx(shipped_framework(2566), stream)
    book = load_workbook(io.BytesIO(stream.getvalue()))
    items = book[ITEMS.name]
    code_col, title_col, scale_col = (_column(ITEMS, k) for k in ("code", "title", "scale"))
    for row in range(2, items.max_row + 1):
        code = str(items.cell(row, code_col).value or "")
        if code.startswith("E") and code[1:].isdigit():
            items.cell(row, title_col).value = f"คำถามทดสอบข้อ {code}"
            items.cell(row, scale_col).value = (
                "own4" if code == "E1" else "likert4_reversed" if code == "E2" else "likert4"
            )
    scales = book[SCALES.name] if SCALES.name in book.sheetnames else book.create_sheet(SCALES.name)
    if scales.max_row < 1 or scales.cell(1, 1).value is None:
        scales.append([c.header for c in SCALES.columns])
    for answer, value in OWN.items():
        scales.append(["own4", answer, value, "confirmed", "ข้อกำหนดของหน่วยงานทดสอบ"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_texts_and_scales_typed_into_the_workbook_open_the_survey_and_score_it(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        survey_form(shipped_framework(2566), "EIT")  # the shipped 2566 has no EIT texts: the survey cannot open
    fw = read_framework_bytes(_edited_2566(), filename="กรอบ 2566.xlsx")
    form = survey_form(fw, "EIT")
    assert form[0].title == "คำถามทดสอบข้อ E1"
    assert form[0].fields[0].answers == tuple(OWN)  # the own scale's answer words, in its order
    answers = tmp_path / "EIT 2566.csv"
    answers.write_text("E1,E2,E3\nมาก,มาก,มากที่สุด\nน้อย,มากที่สุด,\n", encoding="utf-8-sig")
    scores = {q.code: q.score for q in score_respondents(answers, fw, "EIT").questions}
    assert scores["E1"] == pytest.approx((OWN["มาก"] + OWN["น้อย"]) / 2)  # the own mapping: (70 + 40) / 2
    assert scores["E2"] == pytest.approx((33.33 + 0.0) / 2)  # reversed: มาก 33.33, มากที่สุด 0
    assert scores["E3"] == pytest.approx(100.0)  # the blank is not counted
