"""Thai dates: every way officers type a date is read; output is BE, in Thai digits on request."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.ita.thaidates import fiscal_quarter, fiscal_year_bounds, format_date, parse_date


@pytest.mark.parametrize(
    "text",
    [
        "30/09/2567",
        "30/9/2567",
        "๓๐/๐๙/๒๕๖๗",
        "30 ก.ย. 2567",
        "30 กันยายน 2567",
        "๓๐ กันยายน พ.ศ. ๒๕๖๗",
        "2024-09-30",
        "30-09-2024",
        "30 กย 2567",
        dt.datetime(2024, 9, 30, 0, 0),
    ],
)
def test_parse_date_accepts_the_usual_forms(text):
    assert parse_date(text) == dt.date(2024, 9, 30)


@pytest.mark.parametrize("text", ["31/02/2567", "30 เดือนเก้า 2567", "พรุ่งนี้", "2567", ""])
def test_parse_date_refuses_what_is_not_a_date(text):
    assert parse_date(text) is None


def test_format_date_styles_and_thai_digits():
    day = dt.date(2023, 2, 20)
    assert format_date(day) == "20 กุมภาพันธ์ 2566"
    assert format_date(day, thai_digits=True) == "๒๐ กุมภาพันธ์ ๒๕๖๖"
    assert format_date(day, style="short") == "20 ก.พ. 2566"
    assert format_date(day, style="numeric") == "20/02/2566"


def test_fiscal_year_and_quarters():
    assert fiscal_year_bounds(2567) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))
    assert fiscal_quarter(dt.date(2023, 10, 1)) == (2567, 1)
    assert fiscal_quarter(dt.date(2024, 1, 15)) == (2567, 2)
    assert fiscal_quarter(dt.date(2024, 9, 30)) == (2567, 4)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31)))
def test_every_formatted_date_reads_back(day):
    for style in ("long", "short", "numeric"):
        for thai in (False, True):
            assert parse_date(format_date(day, style=style, thai_digits=thai)) == day


def test_the_example_shown_to_officers_is_a_be_date():
    from prongsai.ita.thaidates import EXPECTED

    assert "2567" in EXPECTED and not re.search(r"\b20\d\d-\d\d-\d\d\b", EXPECTED)
