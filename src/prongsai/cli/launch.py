"""The `prongsai` executable: `score-batch` run without a terminal goes straight to the batch engine; every other
use (and anything the light parser does not fully understand, such as --help or a typo) goes to the Typer app,
which owns the help text and the error messages."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# score-batch options: long and short names -> (keyword, takes a value)
_OPTIONS: dict[str, tuple[str, bool]] = {
    "--year": ("year", True),
    "-y": ("year", True),
    "--output": ("output", True),
    "-o": ("output", True),
    "--framework": ("framework", True),
    "--tolerance": ("tolerance", True),
    "--jobs": ("jobs", True),
    "-j": ("jobs", True),
    "--quiet": ("quiet", False),
    "-q": ("quiet", False),
}


def parse_score_batch(args: list[str]) -> dict[str, Any] | None:
    """The options of a plain `score-batch` call, or None when the Typer app should handle it."""
    found: dict[str, Any] = {}
    positional: list[str] = []
    queue = list(args)
    while queue:
        arg = queue.pop(0)
        if arg == "--":
            positional.extend(queue)
            break
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        name, has_inline, inline = arg.partition("=")
        if name not in _OPTIONS or _OPTIONS[name][0] in found:
            return None
        key, takes_value = _OPTIONS[name]
        if not takes_value:
            if has_inline:
                return None
            found[key] = True
            continue
        if has_inline:
            found[key] = inline
        elif queue:
            found[key] = queue.pop(0)
        else:
            return None
    if len(positional) != 1 or "year" not in found or "output" not in found:
        return None
    try:
        return {
            "file": Path(positional[0]),
            "year": found["year"],
            "output": Path(found["output"]),
            "framework": Path(found["framework"]) if "framework" in found else None,
            "tolerance": float(found["tolerance"]) if "tolerance" in found else None,
            "jobs": int(found.get("jobs", 0)),
            "quiet": bool(found.get("quiet", False)),
        }
    except ValueError:
        return None


def main() -> None:
    """Entry point of the `prongsai` script."""
    args = sys.argv[1:]
    if args[:1] == ["score-batch"]:
        options = parse_score_batch(args[1:])
        if options is not None and (options["quiet"] or not sys.stderr.isatty()):
            sys.exit(_score_batch(options))
    from .app import app

    app()


def _score_batch(options: dict[str, Any]) -> int:
    from ..ita.problems import InputError
    from .batch import run_score_batch

    if options["tolerance"] is None:
        del options["tolerance"]
    file = options.pop("file")
    try:
        run_score_batch(file, **options)
    except InputError as exc:
        from .common import INPUT_ERROR_EXIT, errors
        from .render import show_problems

        show_problems(errors, exc.problems)
        return INPUT_ERROR_EXIT
    return 0
