"""The bulk batch path gives exactly what the row-by-row reader and score() give, for random files good and bad."""

from __future__ import annotations

import csv

import pytest

from prongsai.batch import run as batch_run
from prongsai.exporting.batch_table import batch_row
from prongsai.importing import columnar
from prongsai.importing.results_reader import read_results
from prongsai.ita.library import shipped_framework
from prongsai.ita.scoring import score
from tests.support.batch_files import national_batch_file
from tests.support.cli import run_cli


@pytest.mark.parametrize(("jobs", "interleave"), [("1", False), ("3", False), ("2", True)])
def test_score_batch_in_forked_processes_writes_the_table_of_score(tmp_path, monkeypatch, jobs, interleave):
    """Chunks scored side by side in forked processes give the table of one process and of score() row by row."""
    monkeypatch.setattr(batch_run, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(columnar, "CHUNK_BYTES", 5_000)
    fw = shipped_framework(2566)
    source = national_batch_file(tmp_path, fw, interleave=interleave)
    out = tmp_path / "out.csv"
    result = run_cli("score-batch", str(source), "--year", "2566", "-o", str(out), "-j", jobs)
    assert result.exit_code == 0, result.output
    written = list(csv.reader(out.open(encoding="utf-8-sig")))
    expected = [batch_row(score(fw, r)) for r in read_results(source, fw, require_agency=True).by_agency.values()]
    assert written[1:] == [["" if v is None else str(v) for v in row] for row in expected]
    assert "30 หน่วยงาน" in result.stderr and "ไม่ตรง" in result.stderr
