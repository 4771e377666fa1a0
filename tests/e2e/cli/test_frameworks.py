"""The shipped framework library and the loader's checks on an administrator's own file."""

from __future__ import annotations

from tests.support.cli import SAMPLES, run_cli, score_json
from tests.support.framework_edits import own_framework_file


def test_cli_lists_frameworks_and_shows_one():
    result = run_cli("frameworks")
    assert result.exit_code == 0
    assert "2562" in result.stdout and "2569" in result.stdout
    result = run_cli("framework", "show", "2566")
    assert result.exit_code == 0
    assert "E-Service" in result.stdout and "ผ่านดี" in result.stdout


def test_administrator_framework_file_scores_an_unshipped_year(tmp_path):
    path = own_framework_file(tmp_path, 2570)
    text = (SAMPLES / "angthong_pao_2566.csv").read_text(encoding="utf-8")
    results = tmp_path / "r.csv"
    results.write_text(text, encoding="utf-8")
    data = score_json(results, 2570, "--framework", str(path))
    assert data["year"] == 2570 and data["total"] == 92.31
    assert data["framework"]["origin"].endswith("fy2570.yaml")


def test_framework_year_must_match_the_year_asked(tmp_path):
    path = own_framework_file(tmp_path, 2570)
    result = run_cli("framework", "show", "2571", "--framework", str(path))
    assert result.exit_code == 2 and "2570" in result.stderr


def test_framework_file_that_is_not_yaml(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("schema: [unclosed\n", encoding="utf-8")
    result = run_cli("framework", "show", "2570", "--framework", str(path))
    assert result.exit_code == 2 and "YAML" in result.stderr
