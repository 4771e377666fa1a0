"""Issue 4: an agency's DOCX template, LibreOffice opening and converting the DOCX, and bad input to the command."""

from __future__ import annotations

import csv
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from prongsai.ita.library import shipped_years
from prongsai.reports.fonts import subprocess_env
from tests.support import hostile_files as hostile
from tests.support.cli import SAMPLES, run_cli, score_json
from tests.support.reports_helpers import ASCII_DIGIT, CASES, docx_text, outside_codes, pdffonts, report


def _template(path: Path) -> Path:
    """A letterhead template as an agency would make it in Word: placeholders in header, body and signature."""
    document = Document()
    document.sections[0].header.paragraphs[0].text = "ตราครุฑ {{agency}}"
    document.add_paragraph("บันทึกข้อความ ส่วนราชการ {{agency}}")
    document.add_paragraph("เรื่อง รายงานผลการวิเคราะห์ ITA ปี {{year}} และมาตรการปี {{plan_year}}")
    document.add_paragraph("{{report}}")
    document.add_paragraph("({{signatory_name}})")
    paragraph = document.add_paragraph("{{signatory_")
    paragraph.add_run("position}}")  # Word often splits a placeholder over runs
    document.save(str(path))
    return path


def test_template_placeholders_and_body_position(tmp_path: Path) -> None:
    template = _template(tmp_path / "letterhead.docx")
    out = report(
        CASES["angthong"],
        tmp_path / "t.docx",
        "--template",
        template,
        "--signatory",
        "นายทดสอบ ระบบ",
        "--signatory-position",
        "นายกองค์การบริหารส่วนจังหวัดอ่างทอง",
    )
    document = Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "{{" not in docx_text(out)
    assert texts[0] == "บันทึกข้อความ ส่วนราชการ องค์การบริหารส่วนจังหวัดอ่างทอง"
    assert texts[1] == "เรื่อง รายงานผลการวิเคราะห์ ITA ปี 2566 และมาตรการปี 2567"
    assert texts[-2:] == ["(นายทดสอบ ระบบ)", "นายกองค์การบริหารส่วนจังหวัดอ่างทอง"]
    assert "1. หลักการและเหตุผล" in texts[2:-2]
    assert not any(t.startswith("ลงชื่อ") for t in texts), "the template's own signature replaces ours"
    assert document.sections[0].header.paragraphs[0].text == "ตราครุฑ องค์การบริหารส่วนจังหวัดอ่างทอง"
    assert len(document.tables) > 5


def test_template_with_thai_digits_and_without_a_report_mark(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("รายงานประจำปี {{year}}")
    document.save(str(tmp_path / "plain.docx"))
    out = report(CASES["ayutthaya"], tmp_path / "t.docx", "--template", tmp_path / "plain.docx", "--thai-digits")
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert texts[0] == "รายงานประจำปี ๒๕๖๔"
    assert any(t.startswith("ลงชื่อ") for t in texts), "no signature placeholder: the report's own block is kept"


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (libreoffice-writer-nogui) is not installed; make setup installs it as root",
)
def test_libreoffice_converts_the_docx_with_th_sarabun_new(tmp_path: Path) -> None:
    out = report(CASES["phitsanulok"], tmp_path / "lo.docx", "--thai-digits")
    profile = tmp_path / "lo-profile"
    command = [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(out),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, env=subprocess_env())
    pdf = tmp_path / "lo.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stdout + result.stderr
    names = [line.split()[0] for line in pdffonts(pdf)]
    assert any(n.endswith("THSarabunNew") for n in names), names
    assert any(n.endswith("THSarabunNew-Bold") for n in names), names
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))) >= 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/r.txt"], "ไม่รองรับรูปแบบรายงาน"),
        (["-o", "{tmp}/r.docx", "--format", "odt"], "ไม่รองรับรูปแบบรายงาน"),
        (["-o", "{tmp}/r.pdf", "--template", "{tmp}/none.docx"], "ใช้แม่แบบได้เฉพาะรายงาน DOCX"),
        (["-o", "{tmp}/r.docx", "--template", "{tmp}/none.docx"], "ไม่พบไฟล์แม่แบบ"),
        (["-o", "{tmp}/r.docx", "--template", "{tmp}/bad.docx"], "ไม่ใช่ไฟล์ .docx อาจเป็นไฟล์ .doc รุ่นเก่า"),
        (["-o", "{tmp}/r.docx", "--template", "{tmp}/book.docx"], "อ่านแม่แบบ DOCX ไม่ได้"),
        (["-o", "{tmp}/r.docx", "--template", "{tmp}/dtd.docx"], "DTD"),
        (["-o", "{tmp}/r.docx", "--previous", str(SAMPLES / "angthong_pao_2566.csv")], "--previous-year"),
        (["-o", "{tmp}/r.docx", "--date", "31/02/2567"], "อ่านวันที่"),
        (["-o", "{tmp}/r.docx", "--plan", "{tmp}/none.xlsx"], "ไม่พบไฟล์แผน"),
    ],
)
def test_bad_input_exits_2_with_a_thai_message(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "bad.docx").write_bytes(b"not a zip file")
    workbook = hostile.xlsx(hostile.sheet_xml({1: [("A", "code")]}))
    (tmp_path / "book.docx").write_bytes(workbook)  # a workbook renamed .docx
    (tmp_path / "dtd.docx").write_bytes(hostile.dtd_xlsx())
    filled = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run_cli("report", SAMPLES / "phitsanulok_pao_2565.csv", "--year", "2565", *filled)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not list(tmp_path.glob("r.*")) and not list(tmp_path.glob(".r.*"))


def test_a_plan_of_another_year_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.xlsx"
    assert run_cli("plan", "draft", SAMPLES / "angthong_pao_2566.csv", "--year", "2566", "-o", plan).exit_code == 0
    result = run_cli(
        "report", SAMPLES / "phitsanulok_pao_2565.csv", "--year", "2565", "--plan", plan, "-o", tmp_path / "r.docx"
    )
    assert result.exit_code == 2
    assert "2566" in result.stderr and "2565" in result.stderr
    assert not (tmp_path / "r.docx").exists()


def test_format_from_option_overrides_the_suffix(tmp_path: Path) -> None:
    out = tmp_path / "report.bin"
    result = run_cli("report", SAMPLES / "ayutthaya_province_2564.csv", "--year", "2564", "-o", out, "-f", "xlsx")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("year", shipped_years())
def test_every_shipped_year_reports_with_thai_digits(tmp_path: Path, year: int) -> None:
    """Question-level results for every code of the year's template (scores from a fixed seed) make a report."""
    template = tmp_path / "template.csv"
    assert run_cli("template", "--year", year, "-o", template).exit_code == 0
    rows = list(csv.DictReader(template.open(encoding="utf-8-sig")))
    rng = random.Random(year)
    results = tmp_path / "results.csv"
    with results.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "channel", "score"])
        for row in rows:
            if re.fullmatch(r"O\d+", row["รหัส"]):
                writer.writerow([row["รหัส"], "", rng.choice(["100", "100", "0"])])
            elif re.fullmatch(r"[IE]\d+", row["รหัส"]):
                writer.writerow([row["รหัส"], row.get("ช่องทาง") or "", f"{rng.uniform(70, 100):.2f}"])
    total = score_json(results, year)["total"]
    out = tmp_path / "report.docx"
    result = run_cli("report", results, "--year", year, "-o", out, "--thai-digits")
    assert result.exit_code == 0, result.stderr
    text = docx_text(out)
    if total is None:  # years whose OIT grouping is not known: the report says why there is no total
        assert "ยังคำนวณคะแนนรวมของปีงบประมาณ" in text
    else:
        assert f"{total:.2f}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) in text
    assert not ASCII_DIGIT.search(outside_codes(text))
