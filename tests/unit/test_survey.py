"""Mock IIT/EIT surveys scored from raw answers (issue 14, point 2): every expected score is computed by hand (in
tests/support/survey_forms.py) from the documented mapping (docs/survey.md): 4-level answers 0 / 33.33 / 66.67 /
100, reversed for negatively worded questions, มี/ไม่มี 0/100 in the question's direction, a multi-part question as
the mean of its answered parts per respondent, a question as the mean over the respondents who answered it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from prongsai.importing.results_reader import read_results
from prongsai.importing.survey_reader import canonical_csv, score_respondents
from prongsai.ita.library import shipped_framework
from prongsai.ita.problems import InputError
from prongsai.ita.survey import answer_value, parse_target
from tests.support.survey_forms import EXPECTED, LITTLE, LOW, MOST, MUCH, mean


def test_google_forms_csv_is_scored_as_computed_by_hand(forms_csv: Path) -> None:
    scores = score_respondents(forms_csv, shipped_framework(2564), "IIT")
    assert scores.respondents == 3  # the empty line is not a respondent
    got = {q.code: q for q in scores.questions}
    assert list(got) == ["I1", "I2", "I4", "I9", "I26"]
    for code, value in EXPECTED.items():
        assert got[code].score == pytest.approx(value, abs=1e-9), code
    assert got["I1"].partial == 1 and got["I4"].partial == 1 and got["I2"].partial == 0
    assert all(q.respondents == 3 and q.blanks == 0 for q in got.values())
    assert scores.ignored_columns == ["ประทับเวลา", "อีเมล"]
    assert any("I3" in w for w in scores.warnings)  # questions without a column are named


def test_a_bad_answer_stops_with_its_row_and_column_unless_skipped(tmp_path: Path, forms_csv: Path) -> None:
    text = forms_csv.read_text(encoding="utf-8-sig").replace(",๓,", ",มากๆ,")
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        score_respondents(bad, shipped_framework(2564), "IIT")
    (problem,) = raised.value.problems
    assert (problem.file, problem.row, problem.column) == ("bad.csv", 3, "I2 ปฏิบัติงานอย่างเท่าเทียมกัน")
    assert "มากๆ" in problem.message and "มากที่สุด" in (problem.expected or "")
    skipped = score_respondents(bad, shipped_framework(2564), "IIT", skip_bad=True)
    assert [(p.row, p.column) for p in skipped.skipped] == [(3, "I2 ปฏิบัติงานอย่างเท่าเทียมกัน")]
    i2 = next(q for q in skipped.questions if q.code == "I2")
    assert i2.score == pytest.approx(mean(MOST, LITTLE)) and i2.respondents == 2 and i2.blanks == 1


def test_output_is_the_canonical_result_format(forms_csv: Path, tmp_path: Path) -> None:
    scores = score_respondents(forms_csv, shipped_framework(2564), "IIT")
    out = tmp_path / "scores.csv"
    out.write_bytes(canonical_csv(scores))
    read = read_results(out, shipped_framework(2564))
    (results,) = read.by_agency.values()
    assert results.scores["I9"] == pytest.approx(round(EXPECTED["I9"], 2))
    assert set(results.scores) == set(EXPECTED)


def test_xlsx_with_a_mapping_file_for_edited_question_texts(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Timestamp", "ท่านได้รับมอบหมายงานอย่างเป็นธรรมหรือไม่", "หัวหน้าสั่งให้ทำธุระส่วนตัว"])
    sheet.append(["x", "มากที่สุด", "มาก"])
    sheet.append(["y", 3, "น้อยที่สุดหรือไม่มีเลย"])
    path = tmp_path / "microsoft-forms.xlsx"
    book.save(path)
    mapping = tmp_path / "จับคู่.csv"
    mapping.write_text(
        "หัวคอลัมน์,รหัส\nท่านได้รับมอบหมายงานอย่างเป็นธรรมหรือไม่,I13\nหัวหน้าสั่งให้ทำธุระส่วนตัว,I16\n", encoding="utf-8"
    )
    scores = score_respondents(path, shipped_framework(2564), "IIT", mapping=mapping)
    got = {q.code: q.score for q in scores.questions}
    assert got["I13"] == pytest.approx(mean(MOST, MUCH))
    assert got["I16"] == pytest.approx(mean(100 - MUCH, 100 - LOW))  # I16 is negatively worded


def test_columns_matched_by_the_question_text(tmp_path: Path) -> None:
    fw = shipped_framework(2564)
    title = fw.items["I7"].title
    path = tmp_path / "by-text.csv"
    path.write_text(f'"{title}"\nมาก\nมากที่สุด\n', encoding="utf-8")
    (question,) = score_respondents(path, fw, "IIT").questions
    assert question.code == "I7" and question.score == pytest.approx(mean(MUCH, MOST))


def test_multi_part_question_needs_its_part(tmp_path: Path) -> None:
    path = tmp_path / "parts.csv"
    path.write_text("I1,I3 [ไม่มีประเด็นนี้]\nมาก,มาก\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        score_respondents(path, shipped_framework(2564), "IIT")
    messages = [p.message for p in raised.value.problems]
    assert any("I1" in m and "2 ประเด็นย่อย" in m for m in messages)
    assert any("ไม่มีประเด็นย่อย 'ไม่มีประเด็นนี้'" in m for m in messages)


def test_a_year_without_scales_refuses_unless_one_is_assumed(tmp_path: Path) -> None:
    path = tmp_path / "2566.csv"
    path.write_text("E1,E2\nมาก,4\nน้อย,1\n", encoding="utf-8")
    fw = shipped_framework(2566)
    with pytest.raises(InputError) as raised:
        score_respondents(path, fw, "EIT")
    assert {p.column for p in raised.value.problems} == {"E1", "E2"}
    scores = score_respondents(path, fw, "EIT", assume_scale="likert4")
    assert [q.score for q in scores.questions] == pytest.approx([mean(MUCH, LITTLE), mean(MOST, LOW)])
    assert any("likert4" in w and "กลับค่า" in w for w in scores.warnings)


def test_answer_words_variants_and_numbers() -> None:
    scales = shipped_framework(2564).scales
    likert, yes_bad = scales["likert4"], scales["yes_bad"]
    assert answer_value(likert, "น้อยที่สุด") == LOW and answer_value(likert, "ไม่มีเลย") == LOW
    assert answer_value(likert, "๔") == MOST and answer_value(likert, 2.0) == LITTLE
    assert answer_value(likert, "4. มากที่สุด") == MOST and answer_value(likert, "มาก (3)") == MUCH
    assert answer_value(likert, "5") is None and answer_value(likert, "เยอะ") is None
    assert answer_value(yes_bad, "ใช่") == 0 and answer_value(yes_bad, "0") == 100
    assert answer_value(yes_bad, "3") is None
    assert parse_target("i01") == ("I1", None) and parse_target("I1.2 ข้อความ") == ("I1", 2)
    assert parse_target("I26 (1)") == ("I26", 1) and parse_target("ประทับเวลา") is None
