"""Mock IIT/EIT surveys scored from raw answers (issue 14, point 2): every expected score is computed by hand (in
tests/support/survey_forms.py) from the documented mapping (docs/survey.md): 4-level answers 0 / 33.33 / 66.67 /
100, reversed for negatively worded questions, มี/ไม่มี 0/100 in the question's direction, a multi-part question as
the mean of its answered parts per respondent, a question as the mean over the respondents who answered it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.survey_forms import EXPECTED

PROGRAM = [str(Path(sys.executable).parent / "prongsai")]  # the installed script, as an officer runs it


def test_cli_writes_scores_and_exits_2_on_a_bad_answer(forms_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.csv"
    done = subprocess.run(
        [*PROGRAM, "survey", "score", str(forms_csv), "--year", "2564", "--tool", "IIT", "-o", str(out), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema"] == "prongsai-survey/1" and data["respondents"] == 3
    assert {q["code"]: q["score"] for q in data["questions"]}["I26"] == round(EXPECTED["I26"], 2)
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "code,score"
    bad = tmp_path / "bad.csv"
    bad.write_text("I2\nเยอะ\n", encoding="utf-8")
    failed = subprocess.run(
        [*PROGRAM, "survey", "score", str(bad), "--year", "2564", "--tool", "IIT", "-o", str(tmp_path / "none.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 2 and "แถว 2" in failed.stderr and "Traceback" not in failed.stderr
    assert not (tmp_path / "none.csv").exists()
