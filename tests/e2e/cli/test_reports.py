"""Issue 4: the analysis report of each seed case as DOCX, PDF, XLSX and HTML, generated through the CLI and read
back: sections, figures equal to `prongsai score --json`, plan rows naming their questions, Thai digits, repeated
header rows, complex-script font attributes, embedded fonts, and the plan sheet read back as the plan."""

from __future__ import annotations

import io
import re
from itertools import pairwise
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image

from prongsai.planfile.columns import PLAN_SHEET
from prongsai.reports.fonts import FAMILY
from tests.support.cli import score_json
from tests.support.reports_helpers import (
    ASCII_DIGIT,
    CASES,
    THAI_DIGIT,
    docx_tables,
    docx_text,
    draft_plan_file,
    find_table,
    load_plan,
    loose,
    outside_codes,
    pdffonts,
    pdftotext,
    report,
)

SECTIONS = (
    "หลักการและเหตุผล",
    "ผลการประเมิน",
    "การวิเคราะห์ผลการประเมิน",
    "จุดแข็ง",
    "จุดที่ต้องพัฒนา",
    "ผลต่อคะแนนรวมหากแก้ไขแต่ละประเด็น",
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "การกำกับติดตามและการรายงานผล",
)
# The Thai names of the EIT channels the web shows (ita/thai_names.py), written out here so a change is noticed.
CHANNEL_THAI = {"public": "ผู้รับบริการตอบเอง", "survey": "ผู้ประเมินจัดเก็บ"}
ENGLISH_CHANNEL = re.compile(r"EIT (Public|Survey)")


@pytest.fixture(scope="module", params=list(CASES))
def generated(request: Any, tmp_path_factory: Any) -> dict[str, Any]:
    """For one seed case: its score JSON, the plan in the report and every output.

    Ang Thong is reported with the plan `prongsai plan draft --question-threshold 90` wrote; the other cases let the
    report draft its plan, which must equal what `prongsai plan draft` writes with the same (default) thresholds.
    """
    name = request.param
    case = CASES[name]
    directory = tmp_path_factory.mktemp(name)
    plan_path = draft_plan_file(case, directory)
    extra: list[Any] = ["--plan", plan_path] if name == "angthong" else []
    outputs = {
        "docx": report(case, directory / "report.docx", *extra),
        "thai": report(case, directory / "thai.docx", "--thai-digits", *extra),
        "pdf": report(case, directory / "report.pdf", *extra),
        "xlsx": report(case, directory / "report.xlsx", *extra),
        "html": report(case, directory / "report.html", "--thai-digits", *extra),
    }
    plan = load_plan(plan_path)  # Ayutthaya has no weak point: its plan keeps and raises its lowest indicators
    return {
        "name": name,
        "case": case,
        "score": score_json(case["file"], case["year"]),
        "plan": plan,
        "outputs": outputs,
    }


def test_docx_has_the_sections_title_total_and_level(generated: dict[str, Any]) -> None:
    text = docx_text(generated["outputs"]["docx"])
    for heading in SECTIONS:
        assert heading in text, heading
    score = generated["score"]
    assert generated["case"]["agency"] in text
    assert f"ประจำปีงบประมาณ พ.ศ. {generated['case']['year']}" in text
    assert f"คะแนนรวม {score['total']:.2f} คะแนน" in text
    assert f"อยู่ในระดับ “{score['level']}”" in text
    if generated["name"] == "phitsanulok":
        assert "เปรียบเทียบผลการประเมินกับปีงบประมาณ พ.ศ. 2564" in text
    else:
        assert "เปรียบเทียบผลการประเมินกับปีงบประมาณ" not in text


def test_docx_indicator_and_tool_tables_hold_the_engine_figures(generated: dict[str, Any]) -> None:
    score = generated["score"]
    tables = docx_tables(generated["outputs"]["docx"])
    indicators = find_table(tables, "ลำดับ", "ตัวชี้วัด", "เครื่องมือ", "คะแนน")
    shown = {int(re.match(r"ตัวชี้วัดที่ (\d+)", row[1]).group(1)): row[3] for row in indicators[1:]}
    assert shown == {int(n): f"{v:.2f}" for n, v in score["indicators"].items()}
    ranks = [int(row[0]) for row in indicators[1:]]
    assert ranks == sorted(ranks)
    values = [float(row[3]) for row in indicators[1:]]
    assert values == sorted(values, reverse=True)
    tools = find_table(tables, "เครื่องมือการประเมิน", "น้ำหนัก (ร้อยละ)", "คะแนน")
    by_code = {re.search(r"\((\w+)\)$", row[0]).group(1): row[2] for row in tools[1:] if row[0].endswith(")")}
    assert by_code == {code: f"{v:.2f}" for code, v in score["tools"].items()}
    assert tools[-1][2] == f"{score['total']:.2f}"


def test_docx_plan_table_rows_name_their_questions(generated: dict[str, Any]) -> None:
    plan = generated["plan"]
    tables = docx_tables(generated["outputs"]["docx"])
    table = find_table(tables, "ลำดับ", "มาตรการ (ข้อที่ตอบ)")
    assert len(table) - 1 == len(plan.rows)
    for cells, row in zip(table[1:], plan.rows, strict=True):
        assert cells[0] == str(row.number)
        assert row.questions, "every drafted measure answers at least one code"
        for code in row.questions:
            assert re.search(rf"(?<![A-Za-z0-9]){code}(?![0-9])", cells[1]), (code, cells[1])
        for unit in row.responsible:
            assert unit in cells[3]


def test_the_plan_in_the_report_is_the_given_or_drafted_one(generated: dict[str, Any]) -> None:
    text = docx_text(generated["outputs"]["docx"])
    plan = generated["plan"]
    assert f"จำนวน {len(plan.rows)} มาตรการ" in text
    for row in plan.rows:
        assert row.measure in text


def test_thai_digits_everywhere_when_asked_and_nowhere_otherwise(generated: dict[str, Any]) -> None:
    plain = docx_text(generated["outputs"]["docx"])
    thai = docx_text(generated["outputs"]["thai"])
    assert not THAI_DIGIT.search(plain)
    assert not ASCII_DIGIT.search(outside_codes(thai)), ASCII_DIGIT.search(outside_codes(thai))
    year = str(generated["case"]["year"]).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert f"ประจำปีงบประมาณ พ.ศ. {year}" in thai
    total = f"{generated['score']['total']:.2f}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert total in thai
    assert "วันที่ ๑๕ พฤศจิกายน ๒๕๖๗" in thai
    assert "วันที่ 15 พฤศจิกายน 2567" in plain


def test_docx_page_setup_fonts_and_repeated_headers(generated: dict[str, Any]) -> None:
    document = Document(str(generated["outputs"]["docx"]))
    first = document.sections[0]
    assert abs(first.page_width.cm - 21.0) < 0.01 and abs(first.page_height.cm - 29.7) < 0.01
    assert abs(first.left_margin.cm - 3.0) < 0.01 and abs(first.top_margin.cm - 2.5) < 0.01
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == FAMILY and fonts.get(qn("w:ascii")) == FAMILY
    assert defaults.find(qn("w:szCs")).get(qn("w:val")) == "32"
    assert defaults.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    runs = list(document.element.body.iter(qn("w:r")))
    texts = [r for r in runs if r.find(qn("w:t")) is not None]
    assert texts
    for run in texts:
        rpr = run.find(qn("w:rPr"))
        assert rpr is not None and rpr.find(qn("w:rFonts")).get(qn("w:cs")) == FAMILY
        assert rpr.find(qn("w:szCs")) is not None and rpr.find(qn("w:sz")) is not None
        if rpr.find(qn("w:b")) is not None:
            assert rpr.find(qn("w:bCs")) is not None
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        widths = [c.get(qn("w:w")) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert all(int(w) > 0 for w in widths)


def test_docx_plan_is_on_landscape_pages_and_charts_are_print_resolution(generated: dict[str, Any]) -> None:
    document = Document(str(generated["outputs"]["docx"]))
    orientations = [s.page_width > s.page_height for s in document.sections]
    assert any(orientations), "the plan table is on landscape pages"
    assert not orientations[0] and not orientations[-1]
    shapes = document.inline_shapes
    expected = 1 + (generated["name"] == "phitsanulok") + (generated["name"] == "angthong")
    assert len(shapes) == expected
    for shape in shapes:
        blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        image = Image.open(io.BytesIO(document.part.related_parts[blob].blob))
        dpi = image.width / (shape.width.cm / 2.54)
        assert dpi >= 199, dpi


def test_xlsx_figures_equal_score_json(generated: dict[str, Any]) -> None:
    score = generated["score"]
    book = load_workbook(generated["outputs"]["xlsx"])
    summary = {row[0]: row[1] for row in book["สรุป"].iter_rows(min_row=4, values_only=True)}
    assert summary["คะแนนรวม"] == score["total"]
    assert summary["ระดับ"] == score["level"]
    for code, value in score["tools"].items():
        assert summary[code] == value
    for channel, value in score["eit_channels"].items():
        assert summary[f"EIT ช่องทาง{CHANNEL_THAI[channel]}"] == value
    sheet = book["ตัวชี้วัด"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    name, value = header.index("ตัวชี้วัด"), header.index("คะแนน")
    rows = list(sheet.iter_rows(min_row=2))
    got = {int(re.match(r"ตัวชี้วัดที่ (\d+)", r[name].value).group(1)): r[value].value for r in rows}
    assert got == {int(n): v for n, v in score["indicators"].items()}
    assert all(r[value].number_format == "0.00" for r in rows)
    if score["questions"]:
        questions = book["ข้อคำถาม"]
        head = [c.value for c in questions[1]]
        got_q = {r[0]: r[head.index("คะแนน")] for r in questions.iter_rows(min_row=2, values_only=True)}
        assert got_q == score["questions"]
        for channel, per in score["channel_questions"].items():
            column = head.index(CHANNEL_THAI[channel])
            got_c = {r[0]: r[column] for r in questions.iter_rows(min_row=2, values_only=True) if r[column] is not None}
            assert got_c == per
    else:
        assert "ข้อคำถาม" not in book.sheetnames
    if score["oit_items"]:
        items = book["ข้อ OIT"]
        head = [c.value for c in items[1]]
        got_o = {r[0]: r[head.index("คะแนน")] for r in items.iter_rows(min_row=2, values_only=True)}
        assert got_o == score["oit_items"]


def test_xlsx_plan_sheet_reads_back_as_the_plan(generated: dict[str, Any]) -> None:
    book = load_workbook(generated["outputs"]["xlsx"])
    assert {"แผนมาตรการ", "ข้อมูลแผน"} <= set(book.sheetnames)
    assert book["แผนมาตรการ"].freeze_panes == "D2"
    plan = load_plan(generated["outputs"]["xlsx"])
    expected = generated["plan"]
    assert (plan.year, plan.assessed_year, plan.rows) == (expected.year, expected.assessed_year, expected.rows)
    assert plan.agency == generated["case"]["agency"]


def test_xlsx_whatif_sheet_lists_each_fix(generated: dict[str, Any]) -> None:
    book = load_workbook(generated["outputs"]["xlsx"])
    if generated["name"] == "ayutthaya":
        assert "ผลของการแก้ไข" not in book.sheetnames
        return
    rows = list(book["ผลของการแก้ไข"].iter_rows(min_row=2, values_only=True))
    assert rows
    total = generated["score"]["total"]
    for label, gain, new_total, _level in rows:
        assert gain > 0 and new_total >= total, label


def test_pdf_embeds_th_sarabun_new_and_no_fallback(generated: dict[str, Any]) -> None:
    lines = pdffonts(generated["outputs"]["pdf"])
    assert lines, "pdffonts lists the fonts"
    names = [line.split()[0] for line in lines]
    assert any("Sarabun" in n and not n.endswith("Bold") for n in names), names
    assert any("Sarabun" in n and n.endswith("Bold") for n in names), names
    for line in lines:
        assert "Type 3" not in line and "DejaVu" not in line, line
        assert "Sarabun" in line.split()[0], line
        columns = line.split()
        assert columns[-5] == "yes", line  # emb


def test_pdf_text_holds_the_figures(generated: dict[str, Any]) -> None:
    text = loose(pdftotext(generated["outputs"]["pdf"]))
    assert f"{generated['score']['total']:.2f}" in text
    assert "ITA" in text
    assert generated["case"]["agency"] in text


def test_pdf_text_layer_is_searchable_thai(generated: dict[str, Any]) -> None:
    """An assessor searching the published PDF finds "การ": the text layer does not turn า into ำ (or drop the
    tone mark of an ำ syllable), whichever of them the document draws first (issue 13, reports/fontpatch.py)."""
    raw = pdftotext(generated["outputs"]["pdf"])
    text = loose(raw)
    assert raw.count("การ") > 20 and "กำร" not in raw
    assert "ํ" not in raw  # no NIKHAHIT left over from a split ำ
    for heading in SECTIONS:
        assert loose(heading) in text, heading
    for word in ("ดำเนินการ", "กำกับ", "คำ", "ประจำปีงบประมาณ"):
        assert word in text, word


def test_html_source_is_the_report(generated: dict[str, Any]) -> None:
    html = generated["outputs"]["html"].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="th">' in html
    assert generated["case"]["agency"] in html
    assert "หลักการและเหตุผล" in html
    assert 'data-key="indicators"' in html and "data:image/png;base64," in html
    assert "thead" in html and "@page wide" in html
    total = f"{generated['score']['total']:.2f}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert total in html


def _outside_plan_table(tables: list[list[list[str]]]) -> str:
    """The cells of every table but the measures plan, whose practice column is the drafted plan's own wording."""
    return "\n".join(
        cell for table in tables if table[0][:2] != ["ลำดับ", "มาตรการ (ข้อที่ตอบ)"] for row in table for cell in row
    )


def test_eit_channels_are_named_in_thai_in_every_format(generated: dict[str, Any]) -> None:
    """The documents name the EIT channels as the web does, never "EIT Public" / "EIT Survey" (issue 15)."""
    outputs = generated["outputs"]
    document = Document(str(outputs["docx"]))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    tables = docx_tables(outputs["docx"])
    assert not ENGLISH_CHANNEL.search(paragraphs + _outside_plan_table(tables))
    book = load_workbook(outputs["xlsx"])
    cells = [
        str(c)
        for name in book.sheetnames
        if name != PLAN_SHEET
        for r in book[name].iter_rows(values_only=True)
        for c in r
    ]
    assert not any(ENGLISH_CHANNEL.search(c) for c in cells)
    html = outputs["html"].read_text(encoding="utf-8")
    if not generated["score"]["eit_channels"]:
        assert "ช่องทางผู้รับบริการตอบเอง" not in paragraphs + html
        return
    tools = find_table(tables, "เครื่องมือการประเมิน")
    assert [r[0].strip() for r in tools if "ช่องทาง" in r[0]] == [f"EIT ช่องทาง{n}" for n in CHANNEL_THAI.values()]
    channels = find_table(tables, "ข้อ", "ประเด็นการประเมิน", *CHANNEL_THAI.values())
    assert len(channels) > 1
    assert "ช่องทางผู้รับบริการตอบเอง ซึ่งผู้รับบริการหรือผู้มาติดต่อราชการตอบด้วยตนเอง" in paragraphs
    assert "โดยช่องทางผู้ประเมินจัดเก็บต่ำกว่าเกณฑ์" in paragraphs
    assert "คะแนนรายข้อของ EIT แยกตามช่องทาง" in html and "ช่องทางผู้ประเมินจัดเก็บ" in html
    assert loose("EIT ช่องทางผู้ประเมินจัดเก็บ") in loose(pdftotext(outputs["pdf"]))


def _body_rows(box: Any, out: list[Any]) -> list[Any]:
    """The <tr> elements of table bodies laid out in one WeasyPrint page box (header rows left out)."""
    if getattr(box, "element_tag", None) == "thead":
        return out
    if getattr(box, "element_tag", None) == "tr":
        out.append(box.element)
    for child in getattr(box, "children", []):
        _body_rows(child, out)
    return out


def test_pdf_table_rows_are_never_split_across_pages(generated: dict[str, Any]) -> None:
    """The HTML that becomes the PDF, laid out by WeasyPrint: no table row has parts on two pages (before
    `tr { break-inside: avoid }` seven plan rows of the Ang Thong report did)."""
    from weasyprint import HTML

    from prongsai.reports.fonts import use_private_fontconfig

    use_private_fontconfig()
    document = HTML(filename=str(generated["outputs"]["html"])).render()
    pages = [_body_rows(page._page_box, []) for page in document.pages]
    assert sum(map(len, pages)) > 20
    for number, (this, following) in enumerate(pairwise(pages), start=1):
        shared = {id(row) for row in this} & {id(row) for row in following}
        assert not shared, f"a row continues from page {number} to page {number + 1}"


def test_docx_table_rows_cannot_split(generated: dict[str, Any]) -> None:
    document = Document(str(generated["outputs"]["docx"]))
    rows = [row for table in document.tables for row in table.rows]
    assert len(rows) > 30
    for row in rows:
        tr_pr = row._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
