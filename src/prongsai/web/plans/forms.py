"""Forms of the plans pages: Thai dates and codes typed the way officers type them (Thai digits, commas or spaces),
each error naming what is expected."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings

from ...importing.values import clean
from ...ita.model import Framework
from ...ita.plan import STATUSES
from ...ita.thaidates import EXPECTED as DATE_EXPECTED
from ...ita.thaidates import format_date, parse_date
from ..core.formchoices import set_choices, set_queryset
from ..organisations.models import Organisation
from .conversion import parse_codes, person_name
from .evidence_files import ACCEPTED, limit_text
from .services import BLANK, DRAFT

STATUS_CHOICES = [("", "— เลือกสถานะ —"), *STATUSES.items()]
TEXTAREA = {"rows": 3}


class ThaiDateField(forms.CharField):
    """A date typed as 30/09/2567, 30 ก.ย. 2567, ๓๐ กันยายน ๒๕๖๗ or 2024-09-30; shown back in BE."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"maxlength": 40, "placeholder": "31/12/2567"}))
        kwargs.setdefault("help_text", "เช่น 31/12/2567 หรือ 31 ธ.ค. 2567 (ปี พ.ศ.)")
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return format_date(value, style="numeric")
        return value

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = clean(super().to_python(value))
        if not text:
            return None
        day = parse_date(text)
        if day is None:
            raise forms.ValidationError(f"อ่านวันที่ '{text}' ไม่ได้ ต้องเป็น{DATE_EXPECTED}")
        return day


class LinesField(forms.CharField):
    """One entry a line."""

    widget = forms.Textarea(attrs=TEXTAREA)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


class CodesField(forms.CharField):
    """Codes of the framework's year, e.g. "E1, E2, O18"; `oit_only` for evidence items."""

    def __init__(self, *, framework: Framework, oit_only: bool = False, **kwargs: Any):
        self.framework = framework
        self.oit_only = oit_only
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        codes, bad = parse_codes(super().to_python(value) or "", self.framework, oit_only=self.oit_only)
        if bad:
            kind = "รหัสข้อ OIT" if self.oit_only else "รหัสข้อคำถาม ข้อ OIT ตัวชี้วัดย่อย (เช่น 9.1) หรือตัวชี้วัด (เช่น IND1)"
            raise forms.ValidationError(
                f"ไม่มีรหัส {', '.join(bad)} ในกรอบการประเมินปี {self.framework.year} ต้องเป็น{kind} คั่นด้วยจุลภาค เช่น E1, O18"
            )
        return list(codes)


class ThresholdField(forms.CharField):
    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        text = clean(super().to_python(value))
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise forms.ValidationError("เกณฑ์ต้องเป็นตัวเลข 0 ถึง 100 เช่น 90") from None
        if not 0 <= number <= 100:
            raise forms.ValidationError("เกณฑ์ต้องอยู่ระหว่าง 0 ถึง 100")
        return number


class CreatePlanForm(forms.Form):
    year = forms.TypedChoiceField(label="ปีงบประมาณของแผน", coerce=int)
    mode = forms.ChoiceField(
        label="วิธีสร้างแผน",
        widget=forms.RadioSelect,
        initial=DRAFT,
        choices=[
            (DRAFT, "ร่างจากผลการประเมินของปีก่อนหน้า (หนึ่งมาตรการต่อข้อเสนอแนะ ตอบทุกจุดอ่อน)"),
            (BLANK, "สร้างแผนเปล่า แล้วเพิ่มมาตรการเอง"),
        ],
    )
    threshold = ThresholdField(
        label="เกณฑ์ข้อคำถามที่ถือว่าอ่อน (เว้นว่าง = 85 ตามเกณฑ์ผ่านของตัวชี้วัด)",
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 10, "inputmode": "decimal"}),
    )

    def __init__(
        self,
        *args: Any,
        years: list[int],
        initial_year: int | None = None,
        assessed: Collection[int] = frozenset(),
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "year",
            [
                (y, f"พ.ศ. {y} (ตามกรอบปี {y - 1}{' ซึ่งมีผลการประเมินในระบบแล้ว' if y - 1 in assessed else ''})")
                for y in reversed(years)
            ],
        )
        if initial_year is not None:
            self.fields["year"].initial = initial_year


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_name(obj)


class MeasureForm(forms.Form):
    text = forms.CharField(label="มาตรการ", widget=forms.Textarea(attrs=TEXTAREA))
    theme = forms.CharField(label="หมวด/ตัวชี้วัด", required=False, max_length=255)
    practice = forms.CharField(
        label="วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    units: forms.ModelMultipleChoiceField[Organisation] = forms.ModelMultipleChoiceField(
        label="กลุ่มงานที่รับผิดชอบ", required=False, queryset=None, widget=forms.CheckboxSelectMultiple
    )
    people = PersonChoiceField(
        label="ผู้รับผิดชอบ (ผู้ใช้ของหน่วยงาน)", required=False, queryset=None, widget=forms.CheckboxSelectMultiple
    )
    other_responsible = LinesField(label="ผู้รับผิดชอบอื่น (หนึ่งบรรทัดต่อหนึ่งราย)", required=False)
    period = forms.CharField(label="ระยะเวลาดำเนินการ", required=False, max_length=255)
    deadline = ThaiDateField(label="กำหนดแล้วเสร็จ")
    monitoring = forms.CharField(label="แนวทางกำกับติดตาม", required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args: Any, framework: Framework, units: Any, people: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["questions"] = CodesField(
            label="ข้อคำถามที่ตอบ",
            framework=framework,
            help_text=f"รหัสในกรอบการประเมินปี {framework.year} คั่นด้วยจุลภาค เช่น I17, E1, O18",
        )
        self.fields["evidence_codes"] = CodesField(
            label="หลักฐาน OIT ที่เกี่ยวข้อง",
            framework=framework,
            oit_only=True,
            help_text=f"รหัสข้อ OIT ปี {framework.year} เช่น O10, O18",
        )
        set_queryset(self, "units", units)
        set_queryset(self, "people", people)


class StepForm(forms.Form):
    text = forms.CharField(label="ขั้นตอน", widget=forms.Textarea(attrs={"rows": 2}))
    due = ThaiDateField(label="กำหนดเสร็จ")


class StepRowForm(forms.Form):
    """One step row inside the measure form: saved with the measure by its one button, never alone."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label="ขั้นตอน", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    due = ThaiDateField(label="กำหนดเสร็จ", help_text="")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("DELETE") and (data.get("id") or data.get("due")):
            self.add_error("text", 'ต้องระบุขั้นตอน (หรือติ๊ก "ลบ" เพื่อลบแถวนี้)')
        return data


StepFormSet = forms.formset_factory(
    StepRowForm, extra=1, can_delete=True, max_num=200, absolute_max=200, validate_max=True
)


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label="สถานะของมาตรการ", choices=STATUSES.items())
    done = forms.CharField(label="สิ่งที่ดำเนินการแล้ว", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    problems = forms.CharField(label="ปัญหาและอุปสรรค", required=False, widget=forms.Textarea(attrs=TEXTAREA))


def step_fields(data: Any, step_ids: list[int]) -> tuple[dict[int, tuple[str, str, str]], dict[int, str]]:
    """Each step's (status, done, problems) from the progress form, and a Thai error per step that is wrong."""
    values: dict[int, tuple[str, str, str]] = {}
    errors: dict[int, str] = {}
    for step_id in step_ids:
        status = (data.get(f"step-{step_id}-status") or "").strip()
        done = data.get(f"step-{step_id}-done") or ""
        problems = data.get(f"step-{step_id}-problems") or ""
        if status and status not in STATUSES:
            errors[step_id] = "เลือกสถานะจากรายการ"
        elif not status and (done.strip() or problems.strip()):
            errors[step_id] = "เลือกสถานะของขั้นตอนนี้ด้วย"
        values[step_id] = (status, done, problems)
    return values, errors


class EvidenceForm(forms.Form):
    title = forms.CharField(label="ชื่อหลักฐาน", required=False, max_length=255, help_text="เว้นว่างได้ ระบบจะใช้ชื่อไฟล์หรือลิงก์")
    file = forms.FileField(label="ไฟล์", required=False, help_text=f"{ACCEPTED} ไม่เกิน {limit_text()}")
    url = forms.URLField(
        label="หรือ ลิงก์",
        required=False,
        max_length=1000,
        assume_scheme="https",
        error_messages={"invalid": "ลิงก์ไม่ถูกต้อง ต้องเป็นที่อยู่เว็บ เช่น https://www.example.go.th/ita"},
    )
    step = forms.TypedChoiceField(label="ของขั้นตอน", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, steps: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "step", [("", "ทั้งมาตรการ")] + [(s.pk, f"ขั้นตอนที่ {s.number} {s.text[:60]}") for s in steps])
        self.fields["file"].help_text = f"{ACCEPTED} ไม่เกิน {limit_text()}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError("เลือกไฟล์หรือใส่ลิงก์อย่างใดอย่างหนึ่ง")
        return data


class RevisionForm(forms.Form):
    file = forms.FileField(label="ไฟล์ฉบับใหม่")


class ImportForm(forms.Form):
    file = forms.FileField(label="แฟ้มแผนมาตรการ (.xlsx)")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() != ".xlsx":
            raise forms.ValidationError("รับเฉพาะแฟ้ม Excel (.xlsx) ที่ดาวน์โหลดจากหน้าแผนแล้วแก้ไข")
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(f"แฟ้มใหญ่เกินกำหนด (ไม่เกิน {settings.UPLOAD_MAX_BYTES / (1024 * 1024):g} เมกะไบต์)")
        return upload
