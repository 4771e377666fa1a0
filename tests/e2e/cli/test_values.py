"""Scores as officers type them: a percent sign and a decimal comma are accepted where they cannot mean anything
else; "1,234" (thousands separator or decimal comma?) is refused with a Thai reason, never guessed."""

from __future__ import annotations

from tests.support.cli import run_cli, score_json, write_csv


def test_semicolon_file_with_decimal_commas_and_percents_scores_as_the_plain_one(tmp_path):
    plain = write_csv(tmp_path, "code,score\nIND1,85.5\nIND2,90.25\nI1,70\n", name="plain.csv")
    thai = write_csv(tmp_path, "รหัส;คะแนน\nIND1;85,5\nIND2;90,25%\nI1;70 %\n", name="thai.csv")
    quoted = write_csv(tmp_path, 'code,score\nIND1,"85,5"\nIND2,"90,25"\nI1,70%\n', name="quoted.csv")
    expected = score_json(plain, 2565)["indicators"]
    assert score_json(thai, 2565)["indicators"] == expected
    assert score_json(quoted, 2565)["indicators"] == expected


def test_thousands_comma_is_refused_with_the_reason(tmp_path):
    path = write_csv(tmp_path, "code;score\nIND1;1,234\n")
    result = run_cli("score", str(path), "--year", "2565")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "แถว 2" in result.stderr and "1,234" in result.stderr and "หลักพัน" in result.stderr


def test_a_score_above_100_in_percent_is_out_of_range(tmp_path):
    result = run_cli("score", str(write_csv(tmp_path, "code,score\nIND1,105%\n")), "--year", "2565")
    assert result.exit_code == 2 and "นอกช่วง 0-100" in result.stderr
