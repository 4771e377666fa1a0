"""`prongsai oit check`: open every OIT evidence link and record whether it answers, where, and with what."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from ..atomic import atomic_path
from ..exporting.cell_text import csv_text
from ..ita.library import framework_for
from ..ita.problems import InputError, Problem
from ..ita.years import parse_year
from .common import console, errors, fail

if TYPE_CHECKING:
    from ..evidence.links import LinkResult

oit_app = typer.Typer(help="งานเตรียมข้อมูล OIT: ตรวจลิงก์หลักฐานที่เผยแพร่บนเว็บไซต์", no_args_is_help=True)
# Kept here rather than imported, so `prongsai` starts without loading urllib and threads for other commands.
DEFAULT_TIMEOUT, DEFAULT_CONCURRENCY, MAX_CONCURRENCY = 10.0, 4, 8
FIELDS = ("code", "url", "ok", "status", "final_url", "content_type", "checked_at", "elapsed_ms", "note")


@oit_app.command("check")
def check_command(
    file: Annotated[Path, typer.Argument(help="ไฟล์ .csv หรือ .xlsx ที่มีคอลัมน์ code และ url")],
    year: Annotated[str | None, typer.Option("--year", "-y", help="ปีที่ประเมิน เพื่อตรวจรหัสข้อ OIT")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="บันทึกผลเป็น .csv หรือ .json")] = None,
    timeout: Annotated[float, typer.Option(help="วินาทีที่รอแต่ละลิงก์")] = DEFAULT_TIMEOUT,
    concurrency: Annotated[
        int, typer.Option(help=f"จำนวนลิงก์ที่เปิดพร้อมกัน (สูงสุด {MAX_CONCURRENCY})")
    ] = DEFAULT_CONCURRENCY,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="ยอมให้ตรวจลิงก์ที่ชี้ไปยังเครื่องนี้หรือเครือข่ายภายใน และพอร์ตใดก็ได้ (ใช้บนเครื่องของตนเองเท่านั้น)"
        ),
    ] = False,
    allow_host: Annotated[
        list[str] | None, typer.Option("--allow-host", help="ชื่อเว็บไซต์ภายในที่ยอมให้ตรวจ (host หรือ host:port) ระบุซ้ำได้")
    ] = None,
) -> None:
    """เปิดลิงก์หลักฐาน OIT ทุกลิงก์ บันทึกสถานะ ปลายทาง ชนิดเนื้อหา และเวลาที่ตรวจ

    โดยปกติไม่เปิดลิงก์ที่ชี้ไปยังเครื่องนี้ เครือข่ายภายใน หรือพอร์ตอื่นนอกจาก 80 และ 443
    """
    from ..evidence.link_address import LinkPolicy, LinkRefused, normal_host_entry, split_list
    from ..evidence.link_list import read_link_list
    from ..evidence.links import check_links

    try:
        if output is not None and output.suffix.lower() not in (".csv", ".json"):
            raise InputError([Problem(f"ไม่รองรับนามสกุล '{output.suffix}'", file=output.name, expected=".csv หรือ .json")])
        if not 1 <= concurrency <= MAX_CONCURRENCY:
            raise InputError([Problem(f"--concurrency {concurrency} อยู่นอกช่วง", expected=f"1 ถึง {MAX_CONCURRENCY}")])
        if timeout <= 0:
            raise InputError([Problem(f"--timeout {timeout:g} ต้องมากกว่า 0", expected="จำนวนวินาที เช่น 10")])
        framework = framework_for(parse_year(year)) if year else None
        links = read_link_list(file, framework)
        named = [normal_host_entry(h) for entry in allow_host or [] for h in split_list(entry)]
    except LinkRefused as exc:
        fail([Problem(f"--allow-host: {exc.note}", expected="ชื่อเว็บไซต์ เช่น intranet.example.go.th หรือ host:8080")])
        return
    except InputError as exc:
        fail(exc.problems)
        return
    policy = LinkPolicy(allow_private=allow_private, allow_hosts=frozenset(named))
    results = check_links(links, timeout=timeout, concurrency=concurrency, policy=policy)
    show_results(results)
    if output is not None:
        write_results(results, output)
        errors.print(f"บันทึกผลการตรวจที่ {output}", highlight=False)


def show_results(results: list[LinkResult]) -> None:
    table = Table(title="ผลการตรวจลิงก์หลักฐาน OIT", title_justify="left")
    for header in ("ข้อ", "ลิงก์", "ผล", "สถานะ HTTP", "ชนิด", "เวลา (ms)"):
        table.add_column(header)
    for r in results:
        mark = "[green]ใช้ได้[/]" if r.ok else "[red]ใช้ไม่ได้[/]"
        table.add_row(
            r.code or "-", r.url, f"{mark} {r.note}", str(r.status or "-"), r.content_type or "-", str(r.elapsed_ms)
        )
    console.print(table)
    broken = sum(not r.ok for r in results)
    console.print(f"ตรวจ {len(results)} ลิงก์: ใช้ได้ {len(results) - broken} ใช้ไม่ได้ {broken}", highlight=False)


def write_results(results: list[LinkResult], out: Path) -> None:
    """CSV (UTF-8 with BOM) or JSON, written to a temporary file and renamed, so no half file is left."""
    with atomic_path(out) as partial:
        if out.suffix.lower() == ".json":
            rows = [asdict(r) for r in results]
            partial.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        else:
            with partial.open("w", newline="", encoding="utf-8-sig") as handle:
                writer = csv.DictWriter(handle, fieldnames=FIELDS)
                writer.writeheader()
                writer.writerows({k: csv_text(v) for k, v in asdict(r).items()} for r in results)
