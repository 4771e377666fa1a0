"""Hostile files given to the real CLI in a subprocess: each ends in a Thai error (exit 2), within a few hundred MB,
with no traceback and nothing written; and each bound of importing/limits.py gives its own message."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import hostile_files as hostile
from tests.support.cli import SAMPLES, score_json

PRONGSAI = Path(sys.executable).with_name("prongsai")
MEMORY_BOUND_MB = 300  # the CLI imports typer, rich and openpyxl in about 60 MB
HANG_GUARD_SECONDS = 120  # only so that a hang fails the test instead of the whole run; no timing is asserted
GUARD_BYTES = 3 * 1024**3  # address-space cap of the child, so that a regression fails here without a swap storm


@dataclasses.dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    max_rss_mb: float


# Runs the command given and prints its peak memory. The CLI is started from this small process rather than from
# pytest because a forked child's max RSS starts at its parent's (Linux keeps the pre-exec high-water mark), and the
# test process is itself a few hundred MB by the end of the suite.
LAUNCHER = """
import resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
with open(sys.argv[2], "wb") as out, open(sys.argv[3], "wb") as err:
    try:
        code = subprocess.run(sys.argv[5:], stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                              timeout=float(sys.argv[4])).returncode
    except subprocess.TimeoutExpired:
        code = -9
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_limited(*args: str, cwd: Path) -> Run:
    """Run `prongsai ARGS` through LAUNCHER: exit status, output, and the peak memory of that process alone."""
    out, err = cwd / ".stdout", cwd / ".stderr"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            LAUNCHER,
            str(GUARD_BYTES),
            str(out),
            str(err),
            str(HANG_GUARD_SECONDS),
            str(PRONGSAI),
            *args,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=HANG_GUARD_SECONDS + 30,
        check=True,
    )
    code, max_rss_kb = map(int, done.stdout.split())
    run = Run(
        code,
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        max_rss_kb / 1024,
    )
    out.unlink()
    err.unlink()
    return run


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _write(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return make


def _device(folder: Path) -> Path:
    path = folder / "ผลคะแนน.csv"
    path.symlink_to("/dev/zero")
    return path


# (what, how the file is made, words the Thai error must hold)
HOSTILE: list[tuple[str, Callable[[Path], Path], list[str]]] = [
    ("huge dimension", _write("มิติใหญ่.xlsx", hostile.huge_dimension_xlsx), ["คอลัมน์", "ไม่เกิน 200 คอลัมน์ต่อแถว"]),
    ("DTD with entities", _write("dtd.xlsx", hostile.dtd_xlsx), ["DTD", "entity"]),
    ("DTD alone", _write("dtd-only.xlsx", lambda: hostile.dtd_xlsx(entities=False)), ["DTD"]),
    ("external entity", _write("xxe.xlsx", lambda: hostile.external_entity_xlsx("/etc/passwd")), ["DTD"]),
    ("zip bomb", _write("bomb.xlsx", hostile.zip_bomb_xlsx), ["zip bomb", "บีบอัดไม่เกิน 100 เท่า"]),
    ("lying zip", _write("lie.xlsx", hostile.lying_zip_xlsx), ["เสียหาย"]),
    ("deep JSON", _write("deep.json", hostile.deep_json), ["ซ้อนกันไม่เกิน 32 ชั้น"]),
    ("huge number in JSON", _write("big.json", b'[{"code": "I1", "score": ' + b"9" * 100_000 + b"}]"), ["JSON"]),
    ("FIFO", lambda folder: _fifo(folder, "fifo.csv"), ["FIFO", "ไม่ใช่ไฟล์ธรรมดา"]),
    ("device", _device, ["ไม่ใช่ไฟล์ธรรมดา"]),
]


@pytest.mark.parametrize(("make", "words"), [(m, w) for _, m, w in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_cli_score_refuses_a_hostile_file_in_thai_within_bounded_memory(
    tmp_path: Path, make: Callable[[Path], Path], words: list[str]
) -> None:
    path = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    run = run_limited("score", path.name, "--year", "2566", cwd=tmp_path)
    assert run.code == 2, (run.code, run.stderr[-2000:])
    assert "Traceback" not in run.stderr + run.stdout
    message = " ".join(run.stderr.split())
    assert path.name in message and "ยังไม่ได้บันทึกหรือคำนวณสิ่งใด" in message, message
    for word in words:
        assert word in message, (word, message)
    assert run.max_rss_mb < MEMORY_BOUND_MB, run.max_rss_mb
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing is written"


# An administrator's framework file (--framework) that is hostile: a few hundred KB of nested brackets once crashed
# libyaml's loader with a segmentation fault; deep JSON raised RecursionError; an alias stands for a bigger file.
HOSTILE_FRAMEWORKS: list[tuple[str, str, bytes, list[str]]] = [
    ("nested brackets", "กรอบ.yaml", b"year: " + b"[" * 200_000 + b"]" * 200_000, ["ซ้อนกันไม่เกิน 32 ชั้น"]),
    ("nested blocks", "กรอบ.yaml", b"".join(b" " * depth + b"k:\n" for depth in range(2_000)), ["ซ้อนกันไม่เกิน 32 ชั้น"]),
    ("alias", "กรอบ.yaml", b"a: &a [x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a]\n", ["alias"]),
    ("over 2 MB", "กรอบ.yaml", b"# " + b"x" * (3 * 1024 * 1024) + b"\n", ["ใหญ่เกิน 2 MB"]),
    ("nested JSON", "กรอบ.json", b'{"year": ' + hostile.deep_json() + b"}", ["ซ้อนกันไม่เกิน 32 ชั้น"]),
]


@pytest.mark.parametrize(
    ("name", "data", "words"), [h[1:] for h in HOSTILE_FRAMEWORKS], ids=[h[0] for h in HOSTILE_FRAMEWORKS]
)
def test_cli_refuses_a_hostile_framework_file_in_thai(tmp_path: Path, name: str, data: bytes, words: list[str]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    sample = tmp_path / "ผล.csv"
    sample.write_bytes((SAMPLES / "angthong_pao_2566.csv").read_bytes())
    run = run_limited("score", sample.name, "--year", "2566", "--framework", path.name, cwd=tmp_path)
    assert run.code == 2, (run.code, run.stderr[-2000:])
    assert "Traceback" not in run.stderr + run.stdout
    message = " ".join(run.stderr.split())
    assert path.name in message, message
    for word in words:
        assert word in message, (word, message)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_write("มิติใหญ่.xlsx", lambda: hostile.huge_dimension_xlsx(("agency", "code", "score"))), ["คอลัมน์ต่อแถว"]),
        (_write("dtd.xlsx", hostile.dtd_xlsx), ["DTD"]),
        (lambda folder: _fifo(folder, "fifo.csv"), ["FIFO"]),
    ],
    ids=["huge dimension", "DTD", "FIFO"],
)
def test_cli_batch_and_plan_check_refuse_hostile_files_and_write_nothing(
    tmp_path: Path, make: Callable[[Path], Path], words: list[str]
) -> None:
    path = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    for args in (
        ("score-batch", path.name, "--year", "2566", "-o", "table.csv"),
        ("plan", "check", path.name, "--year", "2566"),
    ):
        run = run_limited(*args, cwd=tmp_path)
        assert run.code == 2, (args, run.code, run.stderr[-2000:])
        assert "Traceback" not in run.stderr + run.stdout
        message = " ".join(run.stderr.split())
        assert all(word in message for word in words), (args, message)
        assert run.max_rss_mb < MEMORY_BOUND_MB, (args, run.max_rss_mb)
        assert sorted(p.name for p in tmp_path.iterdir()) == before, args


def test_a_valid_file_declaring_the_whole_sheet_is_read_as_the_rows_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "ผลคะแนน.xlsx"
    path.write_bytes(hostile.padded_dimension_xlsx())
    run = run_limited("score", path.name, "--year", "2566", "--json", cwd=tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    assert run.max_rss_mb < MEMORY_BOUND_MB, run.max_rss_mb
    assert json.loads(run.stdout)["questions"]["I1"] == 93.5


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_the_csv_policy_encodings_and_line_ends(tmp_path: Path, encoding: str, newline: str) -> None:
    text = (SAMPLES / "angthong_pao_2566.csv").read_text(encoding="utf-8")
    path = tmp_path / "ผล.csv"
    path.write_bytes(newline.join(text.splitlines()).encode(encoding))
    assert score_json(path, 2566)["total"] == score_json(SAMPLES / "angthong_pao_2566.csv", 2566)["total"]
