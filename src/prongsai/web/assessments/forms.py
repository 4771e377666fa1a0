"""Forms for results: the upload (type and size checked before the file is read) and the framework-shaped form."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.conf import settings

from ...importing.csv_policy import BINARY_PROBE, ZIP_SIGNATURE, looks_like_text
from ...ita.library import available_years
from ...ita.model import Framework
from ...ita.results import LEVEL_CODE, REPORTED_TOOL_CODES
from ...ita.thai_names import CHANNEL_NAMES as THAI_CHANNEL_NAMES
from ...ita.thai_names import UNKNOWN_TEXT
from .result_rows import Row

CHANNEL_NAMES = {ch: f"ช่องทาง{name}" for ch, name in THAI_CHANNEL_NAMES.items()}


def year_choices() -> list[tuple[int, str]]:
    return [(y, f"พ.ศ. {y}") for y in reversed(available_years())]


class UploadForm(forms.Form):
    year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int, choices=year_choices)
    file = forms.FileField(label="ไฟล์ผลคะแนน (.csv หรือ .xlsx)")

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in settings.UPLOAD_EXTENSIONS:
            raise forms.ValidationError("รับเฉพาะไฟล์ .csv หรือ .xlsx")
        if upload.size > settings.UPLOAD_MAX_BYTES:
            limit = settings.UPLOAD_MAX_BYTES / (1024 * 1024)
            raise forms.ValidationError(f"ไฟล์ใหญ่เกินกำหนด (ไม่เกิน {limit:g} เมกะไบต์)")
        head = upload.read(BINARY_PROBE)
        upload.seek(0)
        if suffix == ".xlsx" and not head.startswith(ZIP_SIGNATURE):
            raise forms.ValidationError("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่ถูกต้อง")
        if suffix == ".csv" and not looks_like_text(head):  # the policy the CLI reads CSV under
            raise forms.ValidationError("ไฟล์นี้ไม่ใช่ไฟล์ข้อความ CSV")
        upload.seek(0)
        return upload


@dataclass(frozen=True)
class Field:
    """One input of the framework form: its HTML name, what it is, and the row it becomes."""

    name: str
    code: str
    channel: str
    label: str
    kind: str  # "score", "passfail", "level"


@dataclass(frozen=True)
class Section:
    title: str
    groups: list[tuple[str, list[Field]]]


def framework_sections(fw: Framework) -> list[Section]:
    """The form laid out like the framework: tools, then indicators (OIT: sub-indicators), then reported figures."""
    sections = []
    for tool_code in ("IIT", "EIT", "OIT"):
        tool = fw.tools[tool_code]
        groups: list[tuple[str, list[Field]]] = []
        for number in tool.indicators:
            indicator = fw.indicators[number]
            if tool_code == "OIT":
                for sub_code in indicator.sub_indicators:
                    sub = fw.sub_indicators[sub_code]
                    fields = [
                        Field(f"q__{c}", c, "", f"{c} {fw.items[c].title or UNKNOWN_TEXT}", "passfail")
                        for c in sub.items
                    ]
                    groups.append((f"ตัวชี้วัดย่อย {sub_code} {sub.name}", fields))
                continue
            fields = []
            for code in indicator.questions:
                title = fw.items[code].title or UNKNOWN_TEXT
                if tool_code == "EIT" and fw.eit_channels:
                    fields += [
                        Field(f"q__{code}__{ch}", code, ch, f"{code} ({CHANNEL_NAMES[ch]}) {title}", "score")
                        for ch in fw.eit_channels
                    ]
                else:
                    fields.append(Field(f"q__{code}", code, "", f"{code} {title}", "score"))
            groups.append((f"ตัวชี้วัดที่ {number} {indicator.name}", fields))
        if tool_code == "OIT":
            loose = [i for i in fw.items_of_tool("OIT") if not i.sub_indicator]
            if loose:
                groups.append(
                    (
                        "ข้อ OIT",
                        [Field(f"q__{i.code}", i.code, "", f"{i.code} {i.title or ''}", "passfail") for i in loose],
                    )
                )
        sections.append(Section(f"{tool_code} {tool.name}", groups))
    reported = [
        Field(f"r__IND{n}", f"IND{n}", "", f"ตัวชี้วัดที่ {n} {ind.name}", "score")
        for n, ind in sorted(fw.indicators.items())
    ]
    reported += [Field(f"r__{c}", c, "", f"ตัวชี้วัดย่อย {c} {s.name}", "score") for c, s in fw.sub_indicators.items()]
    reported += [
        Field(f"r__{c}", c, "", c, "score")
        for c in REPORTED_TOOL_CODES
        if fw.eit_channels or c not in ("EIT_PUBLIC", "EIT_SURVEY")
    ]
    reported.append(Field(f"r__{LEVEL_CODE}", LEVEL_CODE, "", "ระดับที่ได้รับแจ้ง", "level"))
    sections.append(Section("ค่าที่ได้รับแจ้ง (กรอกเมื่อไม่มีคะแนนรายข้อ หรือเพื่อตรวจทาน)", [("", reported)]))
    return sections


def all_fields(sections: list[Section]) -> list[Field]:
    return [f for s in sections for _, fields in s.groups for f in fields]


def rows_from_post(fields: list[Field], data: dict[str, str]) -> tuple[list[Row], dict[int, Field]]:
    """Rows for the importer from the filled inputs, and which input each row number came from."""
    rows: list[Row] = []
    origin: dict[int, Field] = {}
    for field in fields:
        value = (data.get(field.name) or "").strip()
        if not value:
            continue
        rows.append({"code": field.code, "score": value, "channel": field.channel})
        origin[len(rows)] = field
    return rows, origin


def initial_from_rows(rows: list[Row]) -> dict[str, str]:
    """Form values from stored canonical rows (to edit a year already saved)."""
    values = {}
    for row in rows:
        code, channel, score = row["code"], row.get("channel") or "", row["score"]
        reported = code.startswith("IND") or code[:1].isdigit() or code in REPORTED_TOOL_CODES or code == LEVEL_CODE
        name = f"r__{code}" if reported else (f"q__{code}__{channel}" if channel else f"q__{code}")
        if isinstance(score, float):
            score = f"{score:g}" if code.startswith("O") else repr(score).removesuffix(".0")
        values[name] = str(score)
    return values
