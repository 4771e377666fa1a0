"""`prongsai framework show|export|import|derive|fit`: a year's framework as a table, a workbook, YAML or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..atomic import atomic_path
from ..ita.library import framework_for
from ..ita.model import Framework
from ..ita.problems import InputError, Problem
from ..ita.years import parse_year
from .common import FrameworkOption, console, errors, fail

framework_app = typer.Typer(
    help="กรอบการประเมินของแต่ละปี: ดู ส่งออก นำเข้า สร้างกรอบชั่วคราว และหาการจัดกลุ่มข้อ OIT", no_args_is_help=True
)
OUT_SUFFIXES = (".xlsx", ".yaml", ".yml", ".json")


def _check_output(output: Path, allowed: tuple[str, ...]) -> None:
    if output.suffix.lower() not in allowed:
        raise InputError(
            [Problem(f"ไม่รองรับนามสกุล '{output.suffix}'", file=output.name, expected=" หรือ ".join(allowed))]
        )


def _write(framework: Framework, output: Path) -> None:
    """Write a framework as XLSX, YAML or JSON by the extension, atomically."""
    from ..frameworkfile import framework_to_yaml, write_framework_xlsx
    from ..ita.framework_data import framework_to_data

    suffix = output.suffix.lower()
    if suffix == ".xlsx":
        write_framework_xlsx(framework, output)
        return
    text = (
        json.dumps(framework_to_data(framework), ensure_ascii=False, indent=2) + "\n"
        if suffix == ".json"
        else framework_to_yaml(framework)
    )
    with atomic_path(output) as partial:
        partial.write_text(text, encoding="utf-8")


def _summary(framework: Framework) -> str:
    counts = ", ".join(f"{tool} {len(framework.items_of_tool(tool))} ข้อ" for tool in ("IIT", "EIT", "OIT"))
    return f"ปี {framework.year} สถานะ {framework.status} ({counts})"


@framework_app.command("show")
def framework_show_command(
    year: Annotated[str, typer.Argument(help="ปีงบประมาณ พ.ศ. หรือ ค.ศ.")],
    framework: FrameworkOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="แสดงเป็น JSON (schema prongsai-framework-view/1)")] = False,
) -> None:
    """แสดงตัวชี้วัด ข้อคำถาม ข้อ OIT และเกณฑ์ระดับของปีที่เลือก"""
    from ..ita.framework_view import framework_to_json
    from .render import show_framework

    try:
        fw = framework_for(parse_year(year), framework)
    except InputError as exc:
        fail(exc.problems)
        return
    if as_json:
        sys.stdout.write(json.dumps(framework_to_json(fw), ensure_ascii=False, indent=2) + "\n")
    else:
        show_framework(console, fw)


@framework_app.command("export")
def framework_export_command(
    year: Annotated[str, typer.Argument(help="ปีงบประมาณ พ.ศ. หรือ ค.ศ.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="ไฟล์ .xlsx (แก้ใน Excel) หรือ .yaml")],
    framework: FrameworkOption = None,
) -> None:
    """ส่งออกกรอบการประเมินของปีที่เลือกเป็นสมุดงาน Excel (หนึ่งชีตต่อตาราง) หรือ YAML"""
    try:
        _check_output(output, OUT_SUFFIXES)
        fw = framework_for(parse_year(year), framework)
        _write(fw, output)
    except InputError as exc:
        fail(exc.problems)
        return
    console.print(f"ส่งออกกรอบการประเมิน{_summary(fw)} ที่ {output} แล้ว", highlight=False)


@framework_app.command("import")
def framework_import_command(
    file: Annotated[Path, typer.Argument(help="สมุดงานกรอบการประเมิน .xlsx (หรือ .yaml) ที่แก้ไขแล้ว")],
    output: Annotated[Path, typer.Option("--output", "-o", help="ไฟล์ผลลัพธ์ .yaml (หรือ .json, .xlsx)")],
) -> None:
    """ตรวจสมุดงานกรอบการประเมินทุกชีตทุกแถว แล้วเขียนเป็น YAML; ถ้าพบข้อผิดพลาดจะไม่เขียนสิ่งใด"""
    from ..frameworkfile import read_framework_path

    try:
        _check_output(output, OUT_SUFFIXES)
        fw = read_framework_path(file)
        _write(fw, output)
    except InputError as exc:
        fail(exc.problems)
        return
    console.print(f"นำเข้ากรอบการประเมิน{_summary(fw)} จาก {file.name} และเขียนที่ {output} แล้ว", highlight=False)
    if fw.provisional_notice:
        console.print(f"[bold yellow]โปรดทราบ:[/] {fw.provisional_notice}", highlight=False)


@framework_app.command("derive")
def framework_derive_command(
    year: Annotated[str, typer.Argument(help="ปีงบประมาณของกรอบชั่วคราวที่จะสร้าง เช่น 2571")],
    source: Annotated[str, typer.Option("--from", help="ปีต้นทางที่จะยกกรอบมา เช่น 2570")],
    output: Annotated[Path, typer.Option("--output", "-o", help="ไฟล์ผลลัพธ์ .yaml หรือ .xlsx")],
    reason: Annotated[str | None, typer.Option(help="เหตุผลที่ใช้กรอบชั่วคราว (ภาษาไทย)")] = None,
    framework: FrameworkOption = None,
) -> None:
    """สร้างกรอบชั่วคราว (provisional) ของปีที่ยังไม่มีคู่มือ โดยยกกรอบของปีต้นทางมาทั้งหมด"""
    from ..ita.derive import derive_framework

    try:
        _check_output(output, OUT_SUFFIXES)
        target, origin = parse_year(year), parse_year(source)
        if target <= origin:
            raise InputError(
                [
                    Problem(
                        f"ปีที่จะสร้าง ({target}) ต้องอยู่หลังปีต้นทาง ({origin})",
                        expected=f"เช่น framework derive {origin + 1} --from {origin}",
                    )
                ]
            )
        fw = derive_framework(framework_for(origin, framework), target, reason=reason)
        _write(fw, output)
    except InputError as exc:
        fail(exc.problems)
        return
    console.print(f"สร้างกรอบการประเมินชั่วคราว{_summary(fw)} จากปี {origin} ที่ {output} แล้ว", highlight=False)
    console.print(f"[bold yellow]โปรดทราบ:[/] {fw.provisional_notice}", highlight=False)


def _parse_counts(values: list[str]) -> dict[int, tuple[int, ...]]:
    """`9=5`, `10=2`, `9=4-6` (Thai digits accepted) into indicator -> allowed numbers of sub-indicators."""
    from ..ita.numbers import to_arabic_digits

    counts: dict[int, tuple[int, ...]] = {}
    for value in values:
        text = to_arabic_digits(value).replace(" ", "")
        try:
            number, _, span = text.partition("=")
            low, _, high = span.partition("-")
            first, last = int(low), int(high or low)
            if not 1 <= first <= last <= 20:
                raise ValueError
        except ValueError:
            raise InputError(
                [Problem(f"--subs '{value}' อ่านไม่ได้", expected="เช่น --subs 9=5 หรือ --subs 9=4-6")]
            ) from None
        counts[int(number)] = tuple(range(first, last + 1))
    return counts


@framework_app.command("fit")
def framework_fit_command(
    results: Annotated[list[Path], typer.Argument(help="ไฟล์ผลคะแนนที่มีผลรายข้อ OIT และคะแนน OIT ที่ได้รับแจ้ง (หลายไฟล์ได้)")],
    year: Annotated[str, typer.Option("--year", "-y", help="ปีงบประมาณ พ.ศ. หรือ ค.ศ.")],
    framework: FrameworkOption = None,
    subs: Annotated[list[str] | None, typer.Option("--subs", help="จำนวนตัวชี้วัดย่อย เช่น 9=5 หรือช่วง 9=4-6")] = None,
    max_subs: Annotated[int, typer.Option(help="จำนวนตัวชี้วัดย่อยสูงสุดที่ลองเมื่อไม่ทราบ")] = 6,
    show: Annotated[int, typer.Option(help="จำนวนการแบ่งช่วงที่ตรงที่แสดง")] = 20,
    tolerance: Annotated[float, typer.Option(help="ความคลาดเคลื่อนที่ยอมรับ (รวมค่าขอบ)")] = 0.01,
    as_json: Annotated[bool, typer.Option("--json", help="แสดงผลเป็น JSON (schema prongsai-grouping-fit/1)")] = False,
) -> None:
    """หาการจัดกลุ่มข้อ OIT เข้าตัวชี้วัดย่อยที่ให้คะแนนตรงกับที่ประกาศทุกค่า จากผลของหน่วยงานหนึ่งแห่งขึ้นไป"""
    from ..importing.results_reader import read_results
    from ..ita.grouping_fit import fit_groupings, observations_from, reading_framework
    from ..ita.grouping_fit_serialize import report_to_dict

    try:
        fw = framework_for(parse_year(year), framework)
        reader_fw = reading_framework(fw)
        read = []
        for path in results:
            found = read_results(path, reader_fw)
            for agency, result in found.by_agency.items():
                read.append((f"{path.name}" + (f" ({agency})" if agency and len(found.by_agency) > 1 else ""), result))
        observations = observations_from(fw, read)
        report = fit_groupings(
            fw,
            observations,
            sub_counts=_parse_counts(subs or []),
            max_subs=max_subs,
            tolerance=tolerance,
            limit=max(show, 0),
        )
    except InputError as exc:
        fail(exc.problems)
        return
    if as_json:
        sys.stdout.write(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n")
        return
    console.print(
        f"[bold]การจัดกลุ่มข้อ OIT ปี {report.year}[/]: ผล {report.observations} หน่วยงาน"
        f" ข้อ {report.items[0]}-{report.items[-1]} ({len(report.items)} ข้อ)"
        f" ตรวจกับค่าที่แจ้ง {', '.join(report.checked)} (คลาดเคลื่อนไม่เกิน {tolerance:g})",
        highlight=False,
    )
    for verdict in report.judged:
        mark = "[green]ตรงทุกค่า[/]" if verdict.fits else "[red]ไม่ตรง[/]"
        console.print(f"{mark} {verdict.grouping.name}: {verdict.grouping.describe()}", highlight=False)
        for mismatch in verdict.mismatches[:10]:
            console.print(f"    • {mismatch.describe()}", highlight=False)
        if len(verdict.mismatches) > 10:
            console.print(f"    ... และอีก {len(verdict.mismatches) - 10} ค่า")
    counts = ", ".join(
        f"ตัวชี้วัดที่ {n}: {c[0]}" + (f"-{c[-1]}" if len(c) > 1 else "") + " ตัวชี้วัดย่อย" for n, c in report.sub_counts.items()
    )
    console.print(
        f"[bold]แบ่งข้อเป็นช่วงต่อเนื่องตามลำดับรหัส[/] ({counts}): ตรงทุกค่า {report.contiguous_count:,} แบบ", highlight=False
    )
    for grouping in report.contiguous_fits:
        console.print(f"    {grouping.describe()}", highlight=False)
    if report.contiguous_count > len(report.contiguous_fits):
        more = report.contiguous_count - len(report.contiguous_fits)
        console.print(
            f"    ... และอีก {more:,} แบบ (ใช้ --show หรือ --json) ผลของหลายหน่วยงานช่วยตัดแบบที่ไม่ใช่ออกได้", highlight=False
        )
    if report.pruned:
        console.print(
            "ตัดแบบที่ไม่ตรงออกเมื่อพบค่าที่ไม่ตรง: "
            + ", ".join(f"{code} {count:,} ครั้ง" for code, count in report.pruned.items()),
            highlight=False,
        )
    if not report.complete:
        errors.print(
            f"[yellow]หยุดค้นเมื่อครบ {report.nodes:,} ขั้น ผลจึงยังไม่ครบทุกแบบ ระบุ --subs เพื่อจำกัดการค้น[/]", highlight=False
        )
