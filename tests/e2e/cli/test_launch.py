"""The light `prongsai` launcher: a non-interactive score-batch skips Typer and Rich, gives the same file and the
same errors, and hands everything it does not fully understand to the Typer app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.cli import SAMPLES, run_cli, write_csv

SCRIPT = Path(sys.executable).with_name("prongsai")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    assert SCRIPT.exists(), "the prongsai script is installed into the virtual environment by make setup"
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def _batch(tmp_path: Path) -> Path:
    rows = (SAMPLES / "phitsanulok_pao_2565.csv").read_text(encoding="utf-8").splitlines()[1:]
    lines = ["agency,code,score,channel", *(f"อบจ.พิษณุโลก,{row}," for row in rows), "ข,IIT,80,", "ข,TOTAL,70,"]
    return write_csv(tmp_path, "\n".join(lines) + "\n")


def test_script_writes_the_same_file_as_the_typer_app(tmp_path: Path) -> None:
    source = _batch(tmp_path)
    light, typer_out = tmp_path / "light.csv", tmp_path / "typer.csv"
    done = _run("score-batch", str(source), "--year", "2565", "-o", str(light))
    assert done.returncode == 0, done.stderr
    assert "คำนวณ 2 หน่วยงาน" in done.stderr and "Traceback" not in done.stderr
    assert run_cli("score-batch", str(source), "--year", "2565", "-o", str(typer_out), "-q").exit_code == 0
    assert light.read_bytes() == typer_out.read_bytes()
    assert "96.99" in light.read_text(encoding="utf-8-sig")


def test_script_names_bad_rows_like_the_typer_app(tmp_path: Path) -> None:
    source = write_csv(tmp_path, "agency,code,score\nก,IIT,90\nข,IIT,900\n")
    out = tmp_path / "out.csv"
    done = _run("score-batch", str(source), "--year", "2565", "-o", str(out), "-q")
    assert done.returncode == 2 and "แถว 3" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
    wrong = _run("score-batch", str(source), "--year", "2565", "-o", str(tmp_path / "out.txt"))
    assert wrong.returncode == 2 and ".csv หรือ .xlsx" in wrong.stderr


def test_script_hands_help_and_typos_to_typer(tmp_path: Path) -> None:
    shown = _run("score-batch", "--help")
    assert shown.returncode == 0 and "--jobs" in shown.stdout
    typo = _run("score-batch", "x.csv", "--yaer", "2565", "-o", str(tmp_path / "o.csv"))
    assert typo.returncode == 2 and "--yaer" in typo.stderr
    assert _run("frameworks").returncode == 0


def test_light_path_imports_neither_typer_nor_rich(tmp_path: Path) -> None:
    """The reason the launcher exists: start-up without Typer's and Rich's import cost."""
    source, out = _batch(tmp_path), tmp_path / "out.csv"
    probe = (
        "import sys\nfrom prongsai.cli import launch\n"
        f"sys.argv = ['prongsai', 'score-batch', {str(source)!r}, '--year', '2565', '-q', '-o', {str(out)!r}]\n"
        "try:\n    launch.main()\nexcept SystemExit as done:\n    assert done.code == 0, done.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click', 'pydantic')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]" and out.exists()
