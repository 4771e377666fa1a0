"""Rolling a plan to the next year: codes follow their topic, progress is cleared, the old file is untouched."""

from __future__ import annotations

import datetime as dt
import hashlib

from prongsai.ita.library import framework_for
from prongsai.planfile.reader import read_plan
from tests.support.cli import SAMPLES, run_cli


def test_plan_roll_through_the_cli(tmp_path):
    plan_path = tmp_path / "plan2567.json"
    assert (
        run_cli(
            "plan",
            "draft",
            SAMPLES / "angthong_pao_2566.csv",
            "--year",
            "2566",
            "--question-threshold",
            "90",
            "-o",
            plan_path,
        ).exit_code
        == 0
    )
    text = plan_path.read_text(encoding="utf-8").replace('"not_started"', '"done"', 1)
    plan_path.write_text(text, encoding="utf-8")
    before = hashlib.sha256(plan_path.read_bytes()).hexdigest()
    out = tmp_path / "plan2568.xlsx"
    result = run_cli("plan", "roll", plan_path, "-o", out)
    assert result.exit_code == 0, result.output + result.stderr
    assert hashlib.sha256(plan_path.read_bytes()).hexdigest() == before
    old = read_plan(plan_path, load_framework=framework_for)
    new = read_plan(out, load_framework=framework_for)
    assert (new.year, new.assessed_year) == (2568, 2567)
    assert len(new.rows) == len(old.rows)
    assert {r.status for r in new.rows} == {"not_started"} and not any(r.progress for r in new.rows)
    assert {r.deadline for r in new.rows} == {dt.date(2025, 9, 30)}
    e10 = next(r for r in new.rows if "E10" in r.questions)
    assert e10.measure.endswith("(ข้อ E10)")
    o18 = next(
        r for r in new.rows if r.measure.startswith(next(o.measure for o in old.rows if o.questions == ("O18",))[:20])
    )
    assert o18.questions == () and "(ข้อ" not in o18.measure
    assert "ยกข้อ O18 ไปไม่ได้" in result.stdout


def test_plan_roll_refuses_to_overwrite_the_old_plan(tmp_path):
    plan_path = tmp_path / "plan.json"
    assert run_cli("plan", "draft", SAMPLES / "angthong_pao_2566.csv", "--year", "2566", "-o", plan_path).exit_code == 0
    result = run_cli("plan", "roll", plan_path, "-o", plan_path)
    assert result.exit_code == 2 and "แผนเดิม" in result.stderr
