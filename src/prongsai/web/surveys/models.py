"""An agency's own survey rounds (mock IIT/EIT before NACC's), and their anonymous responses.

A response keeps the answers, an optional respondent group, the day it was sent and a repeat key: a keyed hash
of a random browser cookie, the round's secret salt and the day, so one browser answers once a day and the key
says nothing about who answered. No account, no IP address, no time of day is stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    OPEN = "open", "เปิดรับคำตอบ"
    CLOSED = "closed", "ปิดรับแล้ว"


class Tool(models.TextChoices):
    """The two survey tools an agency can run itself."""

    IIT = "IIT", "IIT ผู้มีส่วนได้ส่วนเสียภายใน (บุคลากร)"
    EIT = "EIT", "EIT ผู้มีส่วนได้ส่วนเสียภายนอก (ผู้รับบริการ)"


OPEN = Status.OPEN.value
CLOSED = Status.CLOSED.value
GROUPS = {
    "IIT": [("executive", "ผู้บริหาร"), ("staff", "ข้าราชการหรือพนักงาน"), ("employee", "ลูกจ้างหรือพนักงานจ้าง")],
    "EIT": [("public", "ประชาชนผู้รับบริการ"), ("business", "ภาคเอกชนหรือผู้ประกอบการ"), ("agency", "หน่วยงานของรัฐอื่น")],
}
GROUP_CHOICES = [(key, name) for pairs in GROUPS.values() for key, name in pairs]
MIN_GROUP = 5  # a group's scores are shown only from this many responses, so no one is singled out


class SurveyRound(models.Model):
    """One round of an agency's own survey of one tool for one fiscal year, answered through `public_id`."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="survey_rounds"
    )
    org_path = models.CharField(max_length=255, default="", db_index=True)
    year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    tool = models.CharField("แบบวัด", max_length=3, choices=Tool.choices)
    public_id = models.CharField(max_length=32, unique=True)
    salt = models.CharField(max_length=64)
    target = models.PositiveIntegerField("จำนวนผู้ตอบเป้าหมาย", null=True, blank=True)
    assume_scale = models.CharField(max_length=32, blank=True, default="")
    free_text = models.BooleanField("เปิดช่องข้อเสนอแนะ", default=False)
    status = models.CharField("สถานะ", max_length=8, choices=Status.choices, default=OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    respondents = models.PositiveIntegerField(default=0)  # frozen at closing
    scores = models.JSONField(default=dict, blank=True)  # question code -> score, frozen at closing
    notes = models.JSONField(default=list, blank=True)  # the scorer's warnings at closing

    class Meta:
        ordering = ["organisation_id", "-year", "tool", "-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "tool"], condition=models.Q(status=OPEN), name="one_open_round_per_tool"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.tool} {self.year} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


class SurveyResponse(models.Model):
    """One respondent's answers, anonymous: see the module docstring for what is and is not kept."""

    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="responses")
    answers = models.JSONField()  # column label (I1, I1.2) -> the answer word as the scale writes it
    group = models.CharField(max_length=16, choices=GROUP_CHOICES, blank=True, default="")
    comment = models.TextField(blank=True, default="")
    submitted_on = models.DateField()
    repeat_key = models.CharField(max_length=64)

    class Meta:
        ordering = ["round_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "repeat_key"], name="one_response_per_key")]

    def __str__(self) -> str:
        return f"response {self.pk} of round {self.round_id}"
