"""Run the real `prongsai` CLI in-process and read its JSON output (the helpers of the e2e CLI tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from prongsai.cli.app import app

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "prongsai" / "samples"


def run_cli(*args: str) -> Any:
    """Invoke the CLI as a user would; returns Click's Result (exit_code, output, stderr)."""
    return CliRunner().invoke(app, [str(a) for a in args])


def score_json(path: Path | str, year: str | int, *extra: str) -> dict[str, Any]:
    result = run_cli("score", str(path), "--year", str(year), "--json", *extra)
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


def write_csv(tmp_path: Path, text: str, name: str = "results.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path
