"""The same results read from CSV (with BOM, Thai digits, lower-case codes), XLSX and JSON, and the template."""

from __future__ import annotations

import json

from openpyxl import Workbook, load_workbook

from tests.support.cli import SAMPLES, run_cli, score_json, write_csv


def test_bom_thai_digits_lowercase_codes_and_thai_headers(tmp_path):
    text = "\ufeffรหัส,คะแนน\nind๑,๙๖.๖๕\nind2,90.10\nind3,95.90\nind4,92.12\nind5,92.54\n"
    text += "ind6,87.48\nind7,83.96\nind8,86.24\nind9,92.50\nind10,100\n"
    data = score_json(write_csv(tmp_path, text), "๒๕๖๖")
    assert data["total"] == 92.31
    assert data["level"] == "ผ่าน"


def test_pass_fail_words(tmp_path):
    rows = ["code,score"] + [
        f"O{i},{w}"
        for i, w in zip(
            range(1, 11), ["ผ่าน", "มี", "pass", "PASS", "100", "100.00", "ไม่ผ่าน", "ไม่มี", "fail", "0"], strict=True
        )
    ]
    data = score_json(write_csv(tmp_path, "\n".join(rows) + "\n"), 2566)
    assert data["sub_indicators"]["9.1"] == 60.0
    assert [c for c, v in data["oit_items"].items() if v == 0] == ["O7", "O8", "O9", "O10"]


def test_xlsx_input_gives_the_same_result_as_csv(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "score"])
    for line in (SAMPLES / "phitsanulok_pao_2565.csv").read_text(encoding="utf-8").splitlines()[1:]:
        code, value = line.split(",")
        sheet.append([code, float(value) if value.replace(".", "").isdigit() else value])
    path = tmp_path / "phitsanulok.xlsx"
    book.save(path)
    assert score_json(path, 2565)["total"] == score_json(SAMPLES / "phitsanulok_pao_2565.csv", 2565)["total"]


def test_xlsx_problem_names_the_excel_cell_column(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "score"])
    sheet.append(["I1", 250])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    result = run_cli("score", str(path), "--year", "2565")
    assert result.exit_code == 2
    assert "แถว 2" in result.stderr and "B คะแนน (score)" in result.stderr


def test_json_object_and_record_forms(tmp_path):
    scores = {f"IND{n}": v for n, v in enumerate([96.65, 90.10, 95.90, 92.12, 92.54], start=1)}
    body = {
        "agency": "อบจ.อ่างทอง",
        "scores": {**scores, "EIT_PUBLIC": 92.57, "EIT_SURVEY": 79.21, "IND9": 92.5, "IND10": 100},
        "level": "ผ่าน",
    }
    path = tmp_path / "angthong.json"
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    data = score_json(path, 2566)
    assert data["agency"] == "อบจ.อ่างทอง"
    assert data["tools"]["EIT"] == 85.89
    assert data["detail"]["EIT"]["basis"] == "channels"
    assert data["total"] == 92.31
    assert any("ช่องทางผู้รับบริการตอบเอง" in w for w in data["warnings"])
    records = [{"code": "IIT", "score": 94.57}, {"code": "EIT", "score": 96.26}, {"code": "OIT", "score": 100}]
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    assert score_json(path, 2564)["total"] == 97.25


def test_partial_questions_are_kept_while_indicators_come_from_the_report(tmp_path):
    text = "code,score\nIND1,90\nI1,70\nI2,80\n"
    data = score_json(write_csv(tmp_path, text), 2565)
    assert data["indicators"]["1"] == 90.0
    assert data["detail"]["IND1"]["origin"] == "reported"
    assert data["questions"] == {"I1": 70.0, "I2": 80.0}
    assert data["total"] is None
    assert data["level"] is None
    assert "ขาด" in data["detail"]["IND2"]["note"]


def test_inferred_iit_mapping_is_warned_when_used(tmp_path):
    rows = ["code,score"] + [f"I{i},90" for i in range(1, 31)]
    data = score_json(write_csv(tmp_path, "\n".join(rows) + "\n"), 2566)
    assert data["tools"]["IIT"] == 90.0
    assert any("อนุมาน" in w and "IIT" in w for w in data["warnings"])


def test_agency_column_with_agency_option_selects_one(tmp_path):
    text = "agency,code,score\nก,IIT,90\nก,EIT,90\nก,OIT,90\nข,IIT,80\nข,EIT,80\nข,OIT,80\n"
    path = write_csv(tmp_path, text)
    assert score_json(path, 2565, "--agency", "ข")["total"] == 80.0
    result = run_cli("score", str(path), "--year", "2565")
    assert result.exit_code == 2 and "--agency" in result.stderr


def test_template_lists_every_code_and_round_trips(tmp_path):
    out = tmp_path / "template.xlsx"
    result = run_cli("template", "--year", "2566", "-o", str(out))
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    sheet = book["ผลคะแนน"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("รหัส", "ช่องทาง", "คะแนน", "รายการ", "ประเภท")
    codes = [r[0] for r in rows[1:]]
    assert {"I1", "I30", "E15", "O43", "IND10", "9.5", "TOTAL", "LEVEL"} <= set(codes)
    assert codes.count("E1") == 2
    assert [r[1] for r in rows if r[0] == "E1"] == ["ผู้รับบริการตอบเอง", "ผู้ประเมินจัดเก็บ"]
    e_service = next(r for r in rows if r[0] == "O18")
    assert e_service[3] == "E-Service"
    for row in sheet.iter_rows(min_row=2):
        if row[0].value and str(row[0].value).startswith("IND"):
            row[2].value = 90
    book.save(out)
    data = score_json(out, 2566)
    assert data["total"] == 90.0


def test_csv_template_is_read_back_unfilled_as_empty(tmp_path):
    out = tmp_path / "template.csv"
    assert run_cli("template", "--year", "2565", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    result = run_cli("score", str(out), "--year", "2565")
    assert result.exit_code == 2 and "ไม่มีคะแนน" in result.stderr


def test_combined_and_per_channel_score_of_one_question_is_reconciled_in_framework_order(tmp_path):
    text = "code,score,channel\nE2,90,\nE2,94,public\nE2,86,survey\nE1,70,\nE1,80,public\nE1,80,survey\n"
    data = score_json(write_csv(tmp_path, text), 2566)
    checks = [(r["code"], r["ok"]) for r in data["reconciliation"]]
    assert checks == [("E1", False), ("E2", True)]
    assert data["questions"]["E1"] == 80.0
