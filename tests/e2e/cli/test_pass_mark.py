"""The pass mark comes from the year's framework (grading.pass_mark): what-if, analysis and the CLI follow a
framework whose pass mark is changed, and a pass mark given explicitly still wins."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.support.cli import SAMPLES, run_cli
from tests.support.framework_edits import shipped_data

ANGTHONG = SAMPLES / "angthong_pao_2566.csv"


def test_the_cli_default_is_the_framework_pass_mark(tmp_path: Path):
    data = shipped_data(2566)
    data["grading"]["pass_mark"] = 80
    framework_file = tmp_path / "fy2566_pass80.yaml"
    framework_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = {}
    for name, extra in (("shipped", []), ("edited", ["--framework", str(framework_file)])):
        result = run_cli("analyze", str(ANGTHONG), "--year", "2566", *extra, "--json")
        assert result.exit_code == 0, result.output + result.stderr
        found[name] = json.loads(result.stdout)
    assert found["shipped"]["thresholds"]["pass_mark"] == 85
    assert found["edited"]["thresholds"]["pass_mark"] == 80
    result = run_cli(
        "analyze", str(ANGTHONG), "--year", "2566", "--framework", str(framework_file), "--pass-mark", "85", "--json"
    )
    assert json.loads(result.stdout)["thresholds"]["pass_mark"] == 85
