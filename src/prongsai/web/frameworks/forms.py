"""The upload form of a framework version: the year, the file (YAML or XLSX) and a note."""

from __future__ import annotations

from django import forms

from ...ita.library import available_years

ALLOWED = (".yaml", ".yml", ".xlsx")


def year_choices() -> list[tuple[int, str]]:
    """Every year with a framework, and the year after the last (bringing in next year's framework)."""
    years = available_years()
    options = sorted(set(years) | {max(years) + 1}, reverse=True)
    return [(y, f"พ.ศ. {y}") for y in options]


class UploadForm(forms.Form):
    year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int)
    file = forms.FileField(label="ไฟล์กรอบการประเมิน")
    note = forms.CharField(
        label="หมายเหตุ (ที่มาของฉบับนี้)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        year = self.fields["year"]
        assert isinstance(year, forms.ChoiceField)
        year.choices = year_choices()

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED):
            raise forms.ValidationError("ไฟล์ต้องเป็น .yaml หรือ .xlsx (แบบฟอร์มกรอบการประเมินของโปรแกรม)")
        return upload
