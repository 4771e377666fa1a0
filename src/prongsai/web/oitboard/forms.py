"""Forms of the OIT board. Dates are typed the way officers write them (30/09/2567, 30 ก.ย. 2567, Thai digits)
and read by ita.thaidates; choices are built per agency, so a foreign work group or person is never a choice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from ...ita.library import available_years
from ...ita.numbers import to_arabic_digits
from ...ita.oit_board import STATUS_NAMES, BoardUnavailable, board_template_for_year, parse_urls
from ...ita.thaidates import EXPECTED, format_date, parse_date
from ..core.formchoices import set_choices
from ..organisations.models import Organisation
from .selectors import NONE, Person

KEEP_VALUE = ""
DATE_HELP = "เช่น 11/04/2567 หรือ 11 เม.ย. 2567 (ปี พ.ศ.)"


class ThaiDateField(forms.Field):
    """A date typed in BE or CE, with Thai or Arabic digits; shown back as dd/mm/BBBB."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {
            **super().widget_attrs(widget),
            "maxlength": "40",
            "autocomplete": "off",
            "placeholder": "วว/ดด/ปปปป (พ.ศ.)",
        }

    def prepare_value(self, value: Any) -> Any:
        return format_date(value, style="numeric") if isinstance(value, dt.date) else value

    def to_python(self, value: Any) -> dt.date | None:
        text = str(value or "").strip()
        if not text:
            return None
        shown = text if len(text) <= 40 else text[:37] + "..."
        day = parse_date(text)
        if day is None:
            raise forms.ValidationError(f'อ่าน "{shown}" เป็นวันที่ไม่ได้ (ที่ถูกต้อง: {EXPECTED})')
        if not 2000 <= day.year <= 2200:
            raise forms.ValidationError(f'ปีของวันที่ "{shown}" อยู่นอกช่วงที่ใช้ได้ (ใช้ปี พ.ศ. 2543-2743)')
        return day


def _group_choices(groups: list[Organisation], empty: str) -> list[tuple[str, str]]:
    return [("", empty)] + [(str(g.pk), g.name) for g in groups]


def _person_choices(people: list[Person], empty: str) -> list[tuple[str, str]]:
    return [("", empty)] + [(str(p.pk), p.label) for p in people]


class CreateBoardForm(forms.Form):
    year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int)

    def __init__(self, *args: Any, taken: set[int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "year", [(y, _year_label(y)) for y in reversed(available_years()) if y not in taken])


def _year_label(year: int) -> str:
    """The year, marked when its framework has no OIT list (choosing it explains why no board can be made)."""
    try:
        board_template_for_year(year)
    except BoardUnavailable:
        return f"พ.ศ. {year} (ยังไม่มีรายการข้อ OIT)"
    return f"พ.ศ. {year}"


class AssignForm(forms.Form):
    """Several items (ticked one by one or by whole sub-indicator) get the same work group, person or due date;
    a field left at "ไม่เปลี่ยน" is left as it is."""

    items = forms.TypedMultipleChoiceField(coerce=int, required=False)
    subs = forms.MultipleChoiceField(required=False)
    workgroup = forms.ChoiceField(label="กลุ่มงาน", required=False)
    assignee = forms.ChoiceField(label="ผู้รับผิดชอบ", required=False)
    due = ThaiDateField(label="กำหนดส่ง", required=False)

    def __init__(
        self,
        *args: Any,
        item_choices: list[tuple[int, str]],
        sub_choices: list[str],
        groups: list[Organisation],
        people: list[Person],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        set_choices(self, "items", item_choices)
        set_choices(self, "subs", [(s, s) for s in sub_choices])
        set_choices(
            self,
            "workgroup",
            [(KEEP_VALUE, "ไม่เปลี่ยน"), (NONE, "— ไม่ระบุกลุ่มงาน —")] + [(str(g.pk), g.name) for g in groups],
        )
        set_choices(
            self,
            "assignee",
            [(KEEP_VALUE, "ไม่เปลี่ยน"), (NONE, "— ไม่ระบุผู้รับผิดชอบ —")] + [(str(p.pk), p.label) for p in people],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("items") and not data.get("subs"):
            raise forms.ValidationError("ยังไม่ได้เลือกข้อ OIT: ติ๊กข้อที่ต้องการ หรือติ๊กทั้งตัวชี้วัดย่อย")
        if not data.get("workgroup") and not data.get("assignee") and not data.get("due") and not self.errors:
            raise forms.ValidationError("เลือกกลุ่มงาน ผู้รับผิดชอบ หรือกำหนดส่งอย่างน้อยหนึ่งอย่าง")
        return data


class ItemForm(forms.Form):
    workgroup = forms.ChoiceField(label="กลุ่มงาน", required=False)
    assignee = forms.ChoiceField(label="ผู้รับผิดชอบ", required=False)
    due = ThaiDateField(label="กำหนดส่ง", required=False)
    urls = forms.CharField(
        label="ลิงก์หลักฐาน (บรรทัดละหนึ่งลิงก์)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=25000,
        help_text="ลิงก์หน้าเว็บไซต์ของหน่วยงานที่เผยแพร่ข้อมูลข้อนี้ ขึ้นต้นด้วย http:// หรือ https://",
    )

    def __init__(self, *args: Any, groups: list[Organisation], people: list[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "workgroup", _group_choices(groups, "— ไม่ระบุกลุ่มงาน —"))
        set_choices(self, "assignee", _person_choices(people, "— ไม่ระบุผู้รับผิดชอบ —"))

    def clean_urls(self) -> str:
        text = self.cleaned_data.get("urls") or ""
        _, problems = parse_urls(text)
        if problems:
            raise forms.ValidationError(problems)
        return text


class FilterForm(forms.Form):
    status = forms.ChoiceField(label="สถานะ", required=False)
    group = forms.ChoiceField(label="กลุ่มงาน", required=False)
    person = forms.ChoiceField(label="ผู้รับผิดชอบ", required=False)
    overdue = forms.BooleanField(label="เฉพาะที่เลยกำหนด", required=False)

    def __init__(self, *args: Any, groups: list[Organisation], people: list[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "status", [("", "ทุกสถานะ"), *STATUS_NAMES.items()])
        set_choices(self, "group", [("", "ทุกกลุ่มงาน"), (NONE, "ยังไม่ระบุกลุ่มงาน")] + [(str(g.pk), g.name) for g in groups])
        set_choices(self, "person", [("", "ทุกคน"), (NONE, "ยังไม่ระบุผู้รับผิดชอบ")] + [(str(p.pk), p.label) for p in people])


class WorkgroupsForm(forms.Form):
    names = forms.CharField(label="ชื่อกลุ่มงาน (บรรทัดละหนึ่งชื่อ)", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def clean_names(self) -> list[str]:
        return [line for line in self.cleaned_data["names"].splitlines() if line.strip()]


class WebmasterForm(forms.Form):
    webmaster = forms.ChoiceField(label="ผู้ดูแลเว็บไซต์", required=False)

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any):
        super().__init__(*args, **kwargs)
        set_choices(self, "webmaster", _person_choices(people, "— ยังไม่ได้มอบหมาย —"))


class CommentForm(forms.Form):
    text = forms.CharField(label="ความเห็น", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


def chosen_id(value: str) -> int | None:
    """An id from a select (Thai digits accepted), None for an empty choice."""
    value = to_arabic_digits(value or "").strip()
    return int(value) if value.isascii() and value.isdigit() else None
