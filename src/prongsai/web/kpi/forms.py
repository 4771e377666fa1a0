"""The form of one criterion of the checklist; links are checked by the service's own rules (one message set)."""

from __future__ import annotations

from django import forms

from .services import NOTE_MAX, clean_links


class CriterionForm(forms.Form):
    met = forms.BooleanField(label="ดำเนินการแล้ว", required=False)
    note = forms.CharField(
        label="บันทึกหลักฐาน",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"บันทึกหลักฐานยาวได้ไม่เกิน {NOTE_MAX} ตัวอักษร"},
        help_text="เช่น เลขที่หนังสือ วันที่ประชุม หรือสิ่งที่ดำเนินการ",
    )
    links = forms.CharField(
        label="ลิงก์หลักฐาน (บรรทัดละหนึ่งลิงก์)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://"}),
    )

    def clean_links(self) -> list[str]:
        return clean_links(self.cleaned_data.get("links", ""))
