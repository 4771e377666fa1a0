"""The light `prongsai` launcher: a non-interactive score-batch skips Typer and Rich, gives the same file and the
same errors, and hands everything it does not fully understand to the Typer app."""

from __future__ import annotations

from pathlib import Path

import pytest

from prongsai.cli.launch import parse_score_batch


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["f.csv", "--year", "2565", "-o", "o.csv"], {"year": "2565", "output": Path("o.csv"), "quiet": False}),
        (["-q", "--year=2566", "-o", "o.xlsx", "--jobs", "1", "f.csv"], {"year": "2566", "jobs": 1, "quiet": True}),
        (["f.csv", "-y", "2565", "--output=o.csv", "--tolerance", "0.5"], {"tolerance": 0.5}),
        (["--year", "2565", "-o", "o.csv", "--", "-odd name.csv"], {"file": Path("-odd name.csv")}),
    ],
)
def test_plain_calls_are_understood(args: list[str], expected: dict[str, object]) -> None:
    options = parse_score_batch(args)
    assert options is not None
    assert {key: options[key] for key in expected} == expected


@pytest.mark.parametrize(
    "args",
    [
        ["f.csv", "--year", "2565", "-o", "o.csv", "--help"],  # help belongs to Typer
        ["f.csv", "--year", "2565"],  # missing output: Typer names it
        ["f.csv", "g.csv", "--year", "2565", "-o", "o.csv"],  # two files
        ["f.csv", "--yaer", "2565", "-o", "o.csv"],  # a typo
        ["f.csv", "--year", "2565", "-o", "o.csv", "--jobs", "two"],  # not a number
        ["f.csv", "--year", "2565", "--year", "2566", "-o", "o.csv"],  # given twice
        ["f.csv", "--year", "2565", "-o"],  # option without its value
        ["f.csv", "--year", "2565", "-o", "o.csv", "--quiet=yes"],
    ],
)
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert parse_score_batch(args) is None
