"""Versions of a year's framework brought in by a system administrator: uploaded as drafts, one published per
year at most. Nothing is deleted: a version replaced by a newer one stays readable, with who did what and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class State(models.TextChoices):
    """Where a version is in its life: a draft, the year's published version, or one it replaced."""

    DRAFT = "draft", "ร่าง (ยังไม่ใช้)"
    PUBLISHED = "published", "ใช้อยู่"
    SUPERSEDED = "superseded", "เคยใช้"


class Origin(models.TextChoices):
    UPLOAD = "upload", "อัปโหลดโดยผู้ดูแลระบบ"
    SHIPPED = "shipped", "ฉบับที่มากับโปรแกรม"


# The stored values as plain strings (queries, comparisons, messages).
DRAFT = State.DRAFT.value
PUBLISHED = State.PUBLISHED.value
SUPERSEDED = State.SUPERSEDED.value
STATE_NAMES: dict[str, str] = dict(State.choices)
UPLOAD = Origin.UPLOAD.value
SHIPPED = Origin.SHIPPED.value


class FrameworkVersion(models.Model):
    """One version of year `year`'s framework. `content` is the framework as YAML (prongsai-framework/1, the form
    every reader of the project loads); `sha256` is the digest of the file as uploaded, so the administrator can
    tell which of their files it was."""

    year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    number = models.PositiveSmallIntegerField("ฉบับที่")
    origin = models.CharField(max_length=16, choices=Origin.choices, default=UPLOAD)
    filename = models.CharField("ชื่อไฟล์", max_length=255, blank=True, default="")
    sha256 = models.CharField(max_length=64)
    content = models.TextField()
    framework_status = models.CharField("สถานะของกรอบ", max_length=32)
    note = models.TextField("หมายเหตุ", blank=True, default="")
    state = models.CharField(max_length=16, choices=State.choices, default=DRAFT)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)
    # What publishing did to the year's open OIT boards and plans when it replaced a provisional list.
    carry_notes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="one_framework_version_number_per_year"),
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(state=PUBLISHED), name="one_published_framework_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"กรอบปี {self.year} ฉบับที่ {self.number}"

    @property
    def state_name(self) -> str:
        return STATE_NAMES.get(self.state, self.state)

    @property
    def label(self) -> str:
        return f"ฉบับที่ {self.number} ({self.filename})" if self.filename else f"ฉบับที่ {self.number}"
