"""National batch benchmark: 10,000 agencies of question-level results scored by `prongsai score-batch`,
timed against a DuckDB query computing the same totals on the same file, in the same run.

Usage: .venv/bin/python bench/national_batch.py [--agencies 10000] [--year 2565] [--repeat 3]
Prints a Markdown table for docs/benchmarks.md. Each side runs in its own process, measured by bench/measure.py
(wall time; peak resident memory of its largest process and of all its processes together). prongsai runs as a
user runs it (one process per core) and with --jobs 1 (one process), in turn with DuckDB in each round.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent


def generate(path: Path, agencies: int, year: int, seed: int = 2565) -> int:
    """Question-level results for `agencies` agencies (every I, E and O code of the year)."""
    from prongsai.ita.library import shipped_framework

    framework = shipped_framework(year)
    rng = random.Random(seed)
    codes = list(framework.items.values())
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["agency", "code", "score"])
        for number in range(1, agencies + 1):
            name = f"หน่วยงาน {number:05d}"
            quality = rng.uniform(60, 100)
            for item in codes:
                if item.is_oit:
                    value = "100" if rng.random() < quality / 100 else "0"
                else:
                    value = f"{min(100.0, max(0.0, rng.gauss(quality, 6))):.2f}"
                writer.writerow([name, item.code, value])
                rows += 1
    return rows


def duckdb_sql(csv_path: Path, year: int) -> str:
    """The same aggregation as the engine, in SQL: items -> sub-indicators -> indicators -> tools -> total."""
    from prongsai.ita.library import shipped_framework

    fw = shipped_framework(year)
    items = ", ".join(f"('{i.code}', {i.indicator}, '{i.sub_indicator or ''}', '{i.tool}')" for i in fw.items.values())
    weights = ", ".join(f"('{c}', {t.weight})" for c, t in fw.tools.items())
    return f"""
    WITH r AS (SELECT agency, code, score FROM read_csv('{csv_path}', header = true,
                 columns = {{'agency': 'VARCHAR', 'code': 'VARCHAR', 'score': 'DOUBLE'}})),
    m(code, indicator, sub, tool) AS (VALUES {items}),
    w(tool, weight) AS (VALUES {weights}),
    q AS (SELECT r.agency, m.indicator, m.sub, m.tool, r.score FROM r JOIN m USING (code)),
    subs AS (SELECT agency, indicator, sub, avg(score) AS v FROM q WHERE tool = 'OIT' GROUP BY ALL),
    ind AS (SELECT agency, indicator, 'OIT' AS tool, avg(v) AS v FROM subs GROUP BY ALL
            UNION ALL
            SELECT agency, indicator, tool, avg(score) AS v FROM q WHERE tool <> 'OIT' GROUP BY ALL),
    tools AS (SELECT agency, tool, avg(v) AS v FROM ind GROUP BY ALL)
    SELECT agency, round(sum(w.weight * tools.v), 2) AS total FROM tools JOIN w USING (tool)
    GROUP BY agency ORDER BY agency
    """


def run_duckdb(csv_path: Path, year: int, out: Path) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute(f"COPY ({duckdb_sql(csv_path, year)}) TO '{out}' (HEADER, DELIMITER ',')")


def measure(command: list[str]) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, str(HERE / "measure.py"), *command], check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def compare(ours: Path, theirs: Path) -> int:
    """Number of agencies whose totals differ by more than 0.01 (0 means both computed the same thing)."""
    with ours.open(encoding="utf-8-sig") as a, theirs.open(encoding="utf-8") as b:
        mine = {r["agency"]: float(r["total"]) for r in csv.DictReader(a)}
        other = {r["agency"]: float(r["total"]) for r in csv.DictReader(b)}
    assert mine.keys() == other.keys(), "different agencies"
    return sum(abs(mine[k] - other[k]) > 0.0100001 for k in mine)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=10_000)
    parser.add_argument("--year", type=int, default=2565)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--duckdb-only", nargs=2, metavar=("CSV", "OUT"))
    args = parser.parse_args()
    if args.duckdb_only:
        run_duckdb(Path(args.duckdb_only[0]), args.year, Path(args.duckdb_only[1]))
        return
    OUT.mkdir(exist_ok=True)
    source = OUT / f"national_{args.agencies}.csv"
    rows = generate(source, args.agencies, args.year)
    ours_out, single_out = OUT / "prongsai_totals.csv", OUT / "prongsai_j1_totals.csv"
    theirs_out = OUT / "duckdb_totals.csv"
    command = [str(BIN / "prongsai"), "score-batch", str(source), "--year", str(args.year), "-q", "-o"]
    ours_cmd = [*command, str(ours_out)]  # as a user runs it: one process per core (score-batch --jobs 0)
    single_cmd = [*command, str(single_out), "--jobs", "1"]
    theirs_cmd = [sys.executable, __file__, "--year", str(args.year), "--duckdb-only", str(source), str(theirs_out)]
    ours, single, theirs = [], [], []
    for _ in range(args.repeat):
        theirs.append(measure(theirs_cmd))
        ours.append(measure(ours_cmd))
        single.append(measure(single_cmd))
    differing = compare(ours_out, theirs_out) + compare(single_out, theirs_out)
    wall_theirs = statistics.median(m["wall_s"] for m in theirs)
    size = source.stat().st_size / 2**20
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{dt.date.today().isoformat()}"
    )
    print(f"file: {rows:,} rows, {args.agencies:,} agencies, {size:.1f} MiB; agencies whose totals differ: {differing}")
    print(f"| run | wall (median of {args.repeat}) | ratio to DuckDB | peak memory (largest process / all) |")
    print("|---|---|---|---|")
    for label, runs in (
        (f"prongsai score-batch (default, {os.cpu_count()} cores)", ours),
        ("prongsai score-batch --jobs 1", single),
        ("DuckDB query (same file, same totals)", theirs),
    ):
        wall = statistics.median(m["wall_s"] for m in runs)
        peak = max(m["peak_mib"] for m in runs)
        total = max(m.get("peak_total_mib", m["peak_mib"]) for m in runs)
        print(f"| {label} | {wall:.2f} s | {wall / wall_theirs:.2f}x | {peak:.0f} / {total:.0f} MiB |")
    if differing:
        sys.exit(f"{differing} agencies have different totals: the two sides disagree")


if __name__ == "__main__":
    main()
