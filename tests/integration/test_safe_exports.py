"""The dashboard export read back: agency names that start like a formula are text (CSV: the OWASP quote; XLSX: a
string cell with quotePrefix, shown unchanged), and a negative change stays a number."""

from __future__ import annotations

import csv
import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.exporting.cell_text import from_csv_text
from prongsai.web.assessments.services import save_assessment
from prongsai.web.organisations.services import create_organisation
from tests.support.result_states import indicator_rows
from tests.support.web_world import World

NAMES = {
    '=HYPERLINK("https://example.com/x","คลิก")': (90.0, 88.0),
    "+1+2": (86.0, 80.0),
    "-2+3": (84.0, 85.0),
    "@SUM(A1)": (70.0, 75.0),
}


def test_dashboard_exports_keep_formula_like_names_as_text_and_numbers_as_numbers(world: World) -> None:
    node = create_organisation(actor=None, name="จังหวัดส่งออก", kind="province", parent=world.national)
    for name, (now, before) in NAMES.items():
        org = create_organisation(actor=None, name=name, kind="agency", parent=node)
        save_assessment(actor=None, organisation=org, year=2566, rows=indicator_rows(now, []), source="demo")
        save_assessment(actor=None, organisation=org, year=2565, rows=indicator_rows(before, []), source="demo")
    client = Client()
    client.force_login(world.users["admin"])
    text = client.get(reverse("dashboard_export", args=[node.pk, "csv"]) + "?year=2566").content.decode("utf-8-sig")
    rows = {from_csv_text(r[0]): r for r in list(csv.reader(io.StringIO(text)))[1:]}
    assert set(rows) == set(NAMES)
    assert all(row[0] == "'" + name for name, row in rows.items())
    assert rows["-2+3"][6] == "-1.0" and rows["@SUM(A1)"][6] == "-5.0"  # negative changes, written as numbers
    response = client.get(reverse("dashboard_export", args=[node.pk, "xlsx"]) + "?year=2566")
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    assert set(names) == set(NAMES)
    for row in names.values():
        assert sheet.cell(row, 1).data_type == "s" and sheet.cell(row, 1).quotePrefix
    assert sheet.cell(names["-2+3"], 7).value == -1.0 and sheet.cell(names["-2+3"], 7).data_type == "n"
