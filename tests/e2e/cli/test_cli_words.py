"""The command line's own words are Thai: every command's help page and the usage mistakes people make (a missing
file, a mistyped option, a value that is not a number) are answered in Thai, with exit code 2."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from prongsai.cli.app import app
from tests.support.cli import run_cli

# Typer's English, each phrase of which used to reach the user.
ENGLISH = (
    "Usage:",
    "Try ",
    "for help",
    "Error",
    "Missing",
    "Invalid value",
    "No such",
    "Possible options",
    "Did you mean",
    "Got unexpected",
    "requires an argument",
    "does not take a value",
    "Show this message",
    "[required]",
    "[default:",
    "Options",
    "Arguments",
    "Commands",
    "[OPTIONS]",
    "COMMAND [ARGS]",
)


def _flat(text: str) -> str:
    """The text without Rich's box lines and line wrapping, so a sentence can be looked for whole."""
    for box in "│╭╮╰╯─":
        text = text.replace(box, " ")
    return " ".join(text.split())


def _english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


def _command_paths(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and group of the app, as the words typed to reach it."""
    found = [path]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found.extend(_command_paths(sub, (*path, name)))
    return found


COMMANDS = _command_paths(typer.main.get_command(app))


def test_the_app_has_its_commands_and_groups() -> None:
    assert ("score",) in COMMANDS and ("framework", "import") in COMMANDS and ("web", "token") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "prongsai")
def test_every_help_page_is_in_thai(path: tuple[str, ...]) -> None:
    shown = run_cli(*path, "--help")
    assert shown.exit_code == 0, shown.output
    page = _flat(shown.stdout)
    assert page.startswith("วิธีใช้: "), page[:80]
    assert "แสดงวิธีใช้นี้แล้วจบ" in page
    assert not _english_in(page), _english_in(page)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["score"], "ยังไม่ได้ระบุ 'file' (ไฟล์ผลคะแนน .csv .xlsx หรือ .json)"),
        (["score", "r.csv"], "ยังไม่ได้ระบุ --year / -y (ปีงบประมาณ พ.ศ. (2566) หรือ ค.ศ. (2023))"),
        (["score", "r.csv", "--yaer", "2566"], "ไม่มีตัวเลือก --yaer หรือหมายถึง --year"),
        (["score", "r.csv", "--year"], "ตัวเลือก --year ต้องตามด้วยค่า"),
        (["score", "r.csv", "--year", "2566", "--json=yes"], "ตัวเลือก --json ไม่รับค่า ให้เขียนเพียง --json"),
        (["score", "r.csv", "--year", "2566", "--tolerance", "ครึ่ง"], "ค่าของ --tolerance ไม่ถูกต้อง: ต้องเป็นตัวเลข"),
        (["score-batch", "r.csv", "-y", "1", "-o", "o", "-j", "x"], "ค่าของ --jobs / -j ไม่ถูกต้อง: ต้องเป็นจำนวนเต็ม"),
        (["score", "a.csv", "b.csv", "--year", "2566"], "มีค่าเกินมาที่คำสั่งนี้ไม่รับ: b.csv"),
        (["scor"], "ไม่มีคำสั่ง 'scor' หรือหมายถึง 'score'"),
        (["framework", "exprot"], "ไม่มีคำสั่ง 'exprot' หรือหมายถึง 'export'"),
    ],
)
def test_a_usage_mistake_is_answered_in_thai(args: list[str], said: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    answer = _flat(result.stderr)
    assert said in answer, answer
    assert "ข้อผิดพลาด" in answer
    assert not _english_in(answer), _english_in(answer)
    assert "Traceback" not in result.output
