"""Rich terminal views of an assessment, a framework and a list of input problems."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..ita.code_ranges import format_code_ranges
from ..ita.model import Framework
from ..ita.numbers import fmt2, round2
from ..ita.problems import Problem
from ..ita.scoring import COMPUTED, REPORTED, Assessment, Figure
from ..ita.thai_names import channel_name

ORIGIN_TH = {COMPUTED: "คำนวณ", REPORTED: "ตามที่แจ้ง", "missing": "ไม่มีข้อมูล"}
MAX_SHOWN_PROBLEMS = 100


def show_problems(console: Console, problems: list[Problem]) -> None:
    """Every problem on its own line, so the user can fix the whole file in one pass."""
    console.print(f"[bold red]พบปัญหาในข้อมูลนำเข้า {len(problems)} รายการ (ยังไม่ได้บันทึกหรือคำนวณสิ่งใด)[/]")
    for problem in problems[:MAX_SHOWN_PROBLEMS]:
        console.print(Text.assemble(("  • ", "red"), problem.render()), soft_wrap=True, highlight=False)
    if len(problems) > MAX_SHOWN_PROBLEMS:
        console.print(f"  ... และอีก {len(problems) - MAX_SHOWN_PROBLEMS} รายการ")


def _origin(figure: Figure) -> str:
    text = ORIGIN_TH.get(figure.origin, figure.origin)
    return f"{text}: {figure.note}" if figure.note and not figure.known else text


def show_assessment(console: Console, assessment: Assessment) -> None:
    fw = assessment.framework
    title = f"ผลการประเมิน ITA ปีงบประมาณ พ.ศ. {fw.year}"
    if assessment.agency:
        title += f" — {assessment.agency}"
    level = assessment.level or "ตัดสินไม่ได้"
    summary = (
        f"คะแนนรวม [bold]{fmt2(assessment.total.value)}[/]   ระดับ [bold]{level}[/]\nเหตุผล: {assessment.level_reason}"
    )
    console.print(Panel(summary, title=title, expand=False))
    if fw.provisional_notice:
        console.print(f"[bold yellow]โปรดทราบ:[/] {fw.provisional_notice}", highlight=False)

    tools = Table(title="คะแนนรายเครื่องมือ", title_justify="left")
    for header in ("เครื่องมือ", "คะแนน", "น้ำหนัก", "ที่มา"):
        tools.add_column(header)
    for code, figure in assessment.tools.items():
        tools.add_row(code, fmt2(figure.value), f"{fw.tools[code].weight:.0%}", _origin(figure))
    for channel, figure in assessment.channel_tools.items():
        tools.add_row(f"  EIT ช่องทาง{channel_name(channel)}", fmt2(figure.value), "", _origin(figure))
    console.print(tools)

    indicators = Table(title="คะแนนรายตัวชี้วัด", title_justify="left")
    for header in ("ตัวชี้วัด", "ชื่อ", "เครื่องมือ", "คะแนน", "ที่มา"):
        indicators.add_column(header)
    for number, figure in sorted(assessment.indicators.items()):
        indicator = fw.indicators[number]
        indicators.add_row(str(number), indicator.name, indicator.tool, fmt2(figure.value), _origin(figure))
    console.print(indicators)

    if any(f.known for f in assessment.sub_indicators.values()):
        subs = Table(title="ตัวชี้วัดย่อยของ OIT", title_justify="left")
        for header in ("ตัวชี้วัดย่อย", "ชื่อ", "คะแนน", "ที่มา"):
            subs.add_column(header)
        for code, figure in assessment.sub_indicators.items():
            subs.add_row(code, fw.sub_indicators[code].name, fmt2(figure.value), _origin(figure))
        console.print(subs)

    failed = [code for code, value in assessment.oit_items.items() if value == 0]
    if failed:
        names = ", ".join(f"{c} {fw.items[c].title or ''}".strip() for c in failed)
        console.print(f"[bold]ข้อ OIT ที่ไม่ผ่าน:[/] {names}", highlight=False)

    if assessment.reconciliation:
        recon = Table(title="ตรวจทานค่าที่ได้รับแจ้งกับค่าที่คำนวณ", title_justify="left")
        for header in ("รหัส", "ที่แจ้ง", "ที่คำนวณ", "ต่าง", "ผล"):
            recon.add_column(header)
        for item in assessment.reconciliation:
            reported = fmt2(item.reported) if isinstance(item.reported, float) else str(item.reported)
            computed = fmt2(item.computed) if isinstance(item.computed, float) else str(item.computed)
            diff = "" if item.difference is None else f"{round2(item.difference) + 0.0:+.2f}"
            verdict = "[green]ตรงกัน[/]" if item.ok else "[bold red]ไม่ตรงกัน[/]"
            recon.add_row(item.code, reported, computed, diff, verdict)
        console.print(recon)
        mismatches = assessment.mismatches
        if mismatches:
            console.print(f"[bold red]ค่าที่ได้รับแจ้งไม่ตรงกับค่าที่คำนวณ {len(mismatches)} รายการ[/]")
        else:
            console.print("[green]ค่าที่ได้รับแจ้งทุกค่าตรงกับค่าที่คำนวณ (คลาดเคลื่อนไม่เกินเกณฑ์)[/]")
    for warning in assessment.warnings:
        console.print(f"[yellow]หมายเหตุ:[/] {warning}", highlight=False)


def show_framework(console: Console, framework: Framework) -> None:
    fw = framework
    console.print(
        Panel(
            f"{fw.title}\nสถานะ: {fw.status}   การจัดระดับ: {fw.grading.kind}   ที่มา: {fw.origin}",
            title=f"กรอบการประเมินปี {fw.year}",
            expand=False,
        )
    )
    if fw.provisional_notice:
        console.print(f"[bold yellow]โปรดทราบ:[/] {fw.provisional_notice}", highlight=False)
    tools = Table(title="เครื่องมือและตัวชี้วัด", title_justify="left")
    for header in ("ตัวชี้วัด", "ชื่อ", "เครื่องมือ", "น้ำหนักในคะแนนรวม", "ข้อ", "การจัดข้อ"):
        tools.add_column(header)
    for number, indicator in sorted(fw.indicators.items()):
        members = indicator.questions or tuple(c for s in indicator.sub_indicators for c in fw.sub_indicators[s].items)
        span = f"{members[0]}-{members[-1]} ({len(members)})" if members else "-"
        tools.add_row(
            str(number),
            indicator.name,
            indicator.tool,
            f"{fw.indicator_weight(number):.0%}",
            span,
            indicator.mapping_status,
        )
    console.print(tools)
    uncertain = [(f"ตัวชี้วัดที่ {n}", i.mapping_status, i.mapping_source) for n, i in sorted(fw.indicators.items())]
    uncertain += [(f"ตัวชี้วัดย่อย {c}", s.mapping_status, s.mapping_source) for c, s in fw.sub_indicators.items()]
    for label, status, source in uncertain:
        if status != "confirmed":
            console.print(f"[yellow]การจัดข้อเข้า{label}: {status}[/] {source or ''}", highlight=False)
    items = Table(title="ข้อคำถามและข้อ OIT", title_justify="left")
    for header in ("รหัส", "ตัวชี้วัด", "ข้อความ", "หัวข้อ (topic)", "สถานะ"):
        items.add_column(header)
    for item in fw.items.values():
        where = item.sub_indicator or (str(item.indicator) if item.indicator else "ไม่ทราบ")
        items.add_row(item.code, where, item.title or "(ไม่ทราบ)", item.topic, item.status)
    console.print(items)
    levels = ", ".join(
        f"{r.level} ≥ {r.min_total:g}"
        + (f" และทุกตัวชี้วัด ≥ {r.min_every_indicator:g}" if r.min_every_indicator else "")
        + (" (อนุมาน)" if r.status == "inferred" else "")
        for r in fw.grading.levels
    )
    console.print(f"[bold]เกณฑ์ระดับ:[/] {levels}", highlight=False)
    for grouping in fw.candidate_groupings:
        subs = "; ".join(f"{s.code} {s.name}: {format_code_ranges(s.items)}" for s in grouping.sub_indicators)
        console.print(
            f"[yellow]การจัดกลุ่มที่เป็นไปได้ {grouping.name} ({grouping.status}, ยังไม่ใช้คำนวณ):[/] {subs}"
            + (f" — ที่มา: {grouping.source}" if grouping.source else ""),
            highlight=False,
        )
