"""The bulk batch path gives exactly what the row-by-row reader and score() give, for random files good and bad."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from prongsai.batch import run as batch_run
from prongsai.exporting.batch_table import batch_row
from prongsai.importing import columnar
from prongsai.importing.results_reader import read_results
from prongsai.ita.library import shipped_framework
from prongsai.ita.scoring import score
from tests.support.cli import run_cli


def _national(tmp_path: Path, fw, agencies: int = 30, interleave: bool = False) -> Path:
    """A batch file of every item of `fw` for `agencies` agencies, EIT per channel, some TOTALs reported."""
    lines = []
    for n in range(agencies):
        for i, item in enumerate(fw.items.values()):
            value = ("100" if (n + i) % 3 else "0") if item.is_oit else f"{60 + (n * 13 + i * 7) % 40}.{n % 10}"
            if item.tool == "EIT":
                lines += [f"ก{n},{item.code},{value},public", f"ก{n},{item.code},{value},survey"]
            else:
                lines.append(f"ก{n},{item.code},{value},")
        if n % 4 == 0:
            lines.append(f"ก{n},TOTAL,90,")
    if interleave:
        lines.append("ก0,LEVEL,ผ่าน,")  # the first agency comes back at the very end
    source = tmp_path / "batch.csv"
    source.write_text("\n".join(["agency,code,score,channel", *lines]) + "\n", encoding="utf-8")
    return source


@pytest.mark.parametrize(("jobs", "interleave"), [("1", False), ("3", False), ("2", True)])
def test_score_batch_in_forked_processes_writes_the_table_of_score(tmp_path, monkeypatch, jobs, interleave):
    """Chunks scored side by side in forked processes give the table of one process and of score() row by row."""
    monkeypatch.setattr(batch_run, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(columnar, "CHUNK_BYTES", 5_000)
    fw = shipped_framework(2566)
    source = _national(tmp_path, fw, interleave=interleave)
    out = tmp_path / "out.csv"
    result = run_cli("score-batch", str(source), "--year", "2566", "-o", str(out), "-j", jobs)
    assert result.exit_code == 0, result.output
    written = list(csv.reader(out.open(encoding="utf-8-sig")))
    expected = [batch_row(score(fw, r)) for r in read_results(source, fw, require_agency=True).by_agency.values()]
    assert written[1:] == [["" if v is None else str(v) for v in row] for row in expected]
    assert "30 หน่วยงาน" in result.stderr and "ไม่ตรง" in result.stderr
