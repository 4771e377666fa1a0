"""The forms of the survey pages: opening a round, and the public answer form built from the year's questions."""

from __future__ import annotations

from typing import Any

from django import forms

from ...ita.survey_form import FormQuestion
from .models import GROUPS, Tool


class OpenRoundForm(forms.Form):
    year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int, choices=())
    tool = forms.ChoiceField(label="แบบวัด", choices=Tool.choices)
    target = forms.IntegerField(
        label="จำนวนผู้ตอบเป้าหมาย",
        required=False,
        min_value=1,
        max_value=100_000,
        help_text="เช่น จำนวนบุคลากรที่ปฏิบัติงานมาไม่น้อยกว่า 1 ปี",
    )
    assume_scale = forms.BooleanField(
        label="ใช้มาตรวัด 4 ระดับ (น้อยที่สุดหรือไม่มีเลย ถึง มากที่สุด) กับข้อที่กรอบยังไม่ระบุมาตรวัด",
        required=False,
        help_text="เลือกเมื่อแน่ใจว่าข้อเหล่านั้นไม่ใช่ข้อคำถามเชิงลบที่ต้องกลับค่า",
    )
    free_text = forms.BooleanField(
        label="เปิดช่องข้อเสนอแนะแบบพิมพ์อิสระ", required=False, help_text="ปิดไว้เป็นค่าเริ่มต้น ข้อความอิสระอาจทำให้ระบุตัวผู้ตอบได้"
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.ChoiceField)
        year.choices = [(y, str(y)) for y in years]


class AnswerForm(forms.Form):
    """One radio choice per question or part, all required; the respondent group is optional."""

    def __init__(self, *args: Any, questions: list[FormQuestion], tool: str, free_text: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            for field in question.fields:
                self.fields[field.label] = forms.ChoiceField(
                    label=field.text or question.title,
                    choices=[(a, a) for a in field.answers],
                    widget=forms.RadioSelect,
                    error_messages={"required": "กรุณาเลือกคำตอบของข้อนี้"},
                )
        self.fields["group"] = forms.ChoiceField(
            label="ท่านเป็น", required=False, widget=forms.RadioSelect, choices=[("", "ไม่ระบุ"), *GROUPS[tool]]
        )
        if free_text:
            self.fields["comment"] = forms.CharField(
                label="ข้อเสนอแนะ (ไม่ต้องระบุชื่อ)",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def grouped(self) -> list[tuple[FormQuestion, list[Any]]]:
        """Each question with its bound fields, for the template."""
        return [(q, [self[f.label] for f in q.fields]) for q in self.questions]
