"""The questions of a survey form, as the framework gives them: one field per single question or per part of a
multi-part one, each with its answer words. A form opens only when every question it asks has a text and a
scale, so nobody answers a question whose wording or scoring is unknown."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Framework, Scale
from .problems import InputError, Problem
from .survey import DEFAULT_SCALES, tool_questions


@dataclass(frozen=True)
class FormField:
    label: str  # I1, or I1.2 for the second part of I1: the column the scorer reads
    code: str
    text: str | None  # the part's text, None for a single question
    answers: tuple[str, ...]
    scale: Scale  # how an answer of this field is scored


@dataclass(frozen=True)
class FormQuestion:
    code: str
    title: str
    fields: tuple[FormField, ...]


def survey_form(framework: Framework, tool: str, assume_scale: str | None = None) -> list[FormQuestion]:
    """The form of `tool` in the framework's year; InputError naming every question without a text or a scale."""
    scales = {**DEFAULT_SCALES, **framework.scales}
    problems: list[Problem] = []
    questions: list[FormQuestion] = []
    for item in tool_questions(framework, tool):
        if not item.title:
            problems.append(
                Problem(
                    f"ข้อ {item.code} ยังไม่มีข้อความคำถามในกรอบการประเมินปี {framework.year}",
                    column=item.code,
                    expected="ผู้ดูแลระบบเพิ่มข้อความในแฟ้มกรอบการประเมิน",
                )
            )
            continue
        parts = item.parts or ()
        fields = []
        for index, part in enumerate(parts or (None,)):
            key = (part.scale if part is not None else None) or item.scale or assume_scale
            if key is None or key not in scales:
                problems.append(
                    Problem(
                        f"ข้อ {item.code} ยังไม่มีมาตรวัดคำตอบ",
                        column=item.code,
                        expected="กำหนดมาตรวัดในแฟ้มกรอบ หรือยืนยันใช้มาตรวัด 4 ระดับ",
                    )
                )
                break
            label = item.code if part is None else f"{item.code}.{index + 1}"
            fields.append(
                FormField(
                    label, item.code, part.text if part is not None else None, tuple(scales[key].answers), scales[key]
                )
            )
        else:
            questions.append(FormQuestion(item.code, item.title, tuple(fields)))
    if problems:
        raise InputError(problems)
    if not questions:
        raise InputError([Problem(f"กรอบการประเมินปี {framework.year} ไม่มีข้อคำถามของ {tool}")])
    return questions
