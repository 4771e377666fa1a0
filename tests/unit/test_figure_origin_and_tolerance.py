"""Origin, basis and the reconciliation tolerance of figures, pinned on the row path (read_results + score) and on
the fast path (the bulk reader + compute, what score-batch runs): each must say "computed" for a figure computed
from its parts, "reported" for one taken as reported, and treat a difference equal to the tolerance as agreement."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from prongsai.batch.run import score_batch
from prongsai.importing.columnar import BatchFile
from prongsai.importing.results_reader import read_results
from prongsai.ita.figures import DEFAULT_TOLERANCE, FLOAT_SLACK, within_tolerance
from prongsai.ita.library import shipped_framework
from prongsai.ita.model import Framework
from prongsai.ita.scoring import Figure, compute, score

YEAR = 2565
AGENCY = "หน่วยงานทดสอบ"
QUESTION_SCORE = 80.0  # every question scores this, so each survey indicator is exactly 80.0


def _rows(fw: Framework, *, drop_indicator: int | None = None, reported: dict[str, float] | None = None) -> list:
    """One agency's rows: every question at 80, every OIT item passed, and the reported figures given."""
    dropped = set(fw.indicators[drop_indicator].questions) if drop_indicator else set()
    rows = []
    for item in fw.items.values():
        if item.code in dropped:
            continue
        rows.append([AGENCY, item.code, "ผ่าน" if item.is_oit else f"{QUESTION_SCORE:g}"])
    for code, value in (reported or {}).items():
        rows.append([AGENCY, code, f"{value:g}"])
    return rows


def _write(path: Path, rows: list) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["agency", "code", "score"])
        writer.writerows(rows)
    return path


def _both_paths(path: Path, fw: Framework, tolerance: float = DEFAULT_TOLERANCE) -> dict[str, dict]:
    """The figures of the file's one agency by the row path and by the fast path, each as {code: Figure}."""
    row = score(fw, read_results(path, fw, require_agency=True).by_agency[AGENCY], tolerance=tolerance)
    batch = BatchFile.open(path, fw)  # raises Defer if the fast path would not take the file
    by_agency, _ = batch.read()
    fast = compute(fw, by_agency[AGENCY], tolerance=tolerance)
    found = {}
    for name, subs, indicators, tools, total, reconciliation in (
        ("row", row.sub_indicators, row.indicators, row.tools, row.total, row.reconciliation),
        ("fast", fast.subs, fast.indicators, fast.tools, fast.total, fast.reconciliation),
    ):
        figures: dict[str, Figure] = {f.code: f for f in (*subs.values(), *indicators.values(), *tools.values())}
        figures["TOTAL"] = total
        found[name] = {"figures": figures, "reconciliation": {r.code: r for r in reconciliation}}
    return found


@pytest.fixture
def fw() -> Framework:
    return shipped_framework(YEAR)


def test_complete_results_are_computed_on_both_paths_with_their_basis(tmp_path, fw):
    found = _both_paths(_write(tmp_path / "complete.csv", _rows(fw)), fw)
    for path in ("row", "fast"):
        figures = found[path]["figures"]
        for number, indicator in fw.indicators.items():
            figure = figures[indicator.code]
            assert figure.origin == "computed", (path, number)
            assert figure.basis == ("sub_indicators" if indicator.tool == "OIT" else "questions"), (path, number)
            assert figure.note == ""
        for code in fw.sub_indicators:
            assert (figures[code].origin, figures[code].basis, figures[code].value) == ("computed", "items", 100.0)
        for code in fw.tools:
            assert (figures[code].origin, figures[code].basis) == ("computed", "indicators"), (path, code)
        assert (figures["TOTAL"].origin, figures["TOTAL"].basis) == ("computed", "tools")
        survey = [i for i in fw.indicators.values() if i.tool != "OIT"]
        assert {figures[i.code].value for i in survey} == {QUESTION_SCORE}
    assert found["row"]["figures"] == found["fast"]["figures"]


def test_a_reported_indicator_without_its_questions_is_reported_on_both_paths(tmp_path, fw):
    rows = _rows(fw, drop_indicator=1, reported={"IND1": 77.5})
    found = _both_paths(_write(tmp_path / "reported.csv", rows), fw)
    for path in ("row", "fast"):
        figures = found[path]["figures"]
        assert (figures["IND1"].origin, figures["IND1"].basis, figures["IND1"].value) == ("reported", "reported", 77.5)
        assert (figures["IND2"].origin, figures["IND2"].basis) == ("computed", "questions")
        assert figures["IIT"].origin == "computed"  # from its indicators, one of them reported
        assert found[path]["reconciliation"] == {}  # nothing computed to check the reported figure against


def test_a_missing_indicator_says_what_is_missing_on_both_paths(tmp_path, fw):
    found = _both_paths(_write(tmp_path / "missing.csv", _rows(fw, drop_indicator=1)), fw)
    for path in ("row", "fast"):
        figure = found[path]["figures"]["IND1"]
        assert (figure.origin, figure.value, figure.basis) == ("missing", None, "")
        assert figure.note.startswith("ขาดคะแนนข้อ ")


@pytest.mark.parametrize(
    ("reported", "tolerance", "agrees"),
    [
        (80.25, 0.25, True),  # exactly the tolerance (exact in binary): the bound is inclusive
        (79.75, 0.25, True),
        (80.26, 0.25, False),  # just over
        (80.01, DEFAULT_TOLERANCE, True),  # 80.01 - 80 is 0.01 as written, a hair over it in binary
        (79.99, DEFAULT_TOLERANCE, True),
        (80.02, DEFAULT_TOLERANCE, False),
    ],
)
def test_the_tolerance_bound_is_inclusive_on_both_paths(tmp_path, fw, reported, tolerance, agrees):
    path = _write(tmp_path / "reconcile.csv", _rows(fw, reported={"IND1": reported}))
    found = _both_paths(path, fw, tolerance)
    for side in ("row", "fast"):
        check = found[side]["reconciliation"]["IND1"]
        assert (check.reported, check.computed, check.ok) == (reported, QUESTION_SCORE, agrees), side
        assert found[side]["figures"]["IND1"].origin == "computed"  # reconciled, and the computed figure kept
    out = tmp_path / "batch.csv"
    score_batch(path, fw, out, tolerance=tolerance)
    with out.open(encoding="utf-8") as handle:
        (line,) = list(csv.DictReader(handle))
    assert (line["reconciled"], line["mismatch_codes"]) == (("ok", "") if agrees else ("ไม่ตรง", "IND1"))


def test_within_tolerance_includes_the_bound():
    assert within_tolerance(0.25, 0.25) and within_tolerance(-0.25, 0.25)
    assert not within_tolerance(0.2500001, 0.25)
    assert within_tolerance(80.01 - 80.0, 0.01)
    bound = 0.25 + FLOAT_SLACK  # the very bound, slack included, still agrees
    assert within_tolerance(bound, 0.25) and not within_tolerance(bound + 1e-12, 0.25)
