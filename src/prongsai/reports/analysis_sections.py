"""The analysis part of the report, in order: strengths and points to develop, NACC's per-tool tables, EIT
channels, the per-question analysis tied to the plan's measures, and the failed OIT items."""

from __future__ import annotations

from ..ita.analysis import Analysis
from ..ita.plan import Plan
from .channels_section import channels_part
from .failed_oit_section import failed_oit_part
from .model import Heading, Section
from .numbering import Numbering
from .questions_section import questions_part
from .strengths_section import strengths_part
from .tool_focus_section import tool_focus_part


def analysis_sections(numbered: Numbering, analysis: Analysis, plan: Plan) -> list[Section]:
    """Strengths, per-tool focus, channels, per-question analysis and failed OIT items, in that order."""
    section = Section("analysis").add(Heading(numbered.next("การวิเคราะห์ผลการประเมิน")))
    strengths_part(section, numbered, analysis)
    tool_focus_part(section, numbered, analysis, plan)
    if analysis.channel_gaps:
        channels_part(section, numbered, analysis)
    questions = Section("questions").add(Heading(numbered.sub("การวิเคราะห์รายข้อคำถามและมาตรการที่กำหนด"), 2))
    questions_part(questions, analysis, plan)
    oit = Section("oit").add(Heading(numbered.sub("ข้อ OIT ที่ไม่ผ่านเกณฑ์"), 2))
    failed_oit_part(oit, analysis, plan)
    return [section, questions, oit]
