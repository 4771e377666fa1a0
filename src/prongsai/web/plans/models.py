"""The measures plan (O42) of an agency for one fiscal year, and its quarterly progress with evidence (O43).

A Plan holds ordered Measures; a Measure holds ordered Steps with due dates. Progress is recorded per fiscal
quarter for each measure and each step. Evidence (a file or a link) belongs to a measure's quarter; a file is
never overwritten: uploading again adds an EvidenceRevision, and every revision stays downloadable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ...ita.plan import STATUSES
from ..core.models import AgencyYearRecord, one_per_year, organisation_field


class Status(models.TextChoices):
    """The status of a measure or a step in a quarter; labels are the domain's (ita/plan.py STATUSES)."""

    NOT_STARTED = "not_started", STATUSES["not_started"]
    IN_PROGRESS = "in_progress", STATUSES["in_progress"]
    DONE = "done", STATUSES["done"]
    DELAYED = "delayed", STATUSES["delayed"]
    CANCELLED = "cancelled", STATUSES["cancelled"]


CLOSED = (Status.DONE, Status.CANCELLED)  # a measure or step in these needs no more follow-up
QUARTERS = (1, 2, 3, 4)


class Plan(AgencyYearRecord):
    """One agency's plan for fiscal year `year` (BE); codes of its measures belong to `assessed_year`'s framework."""

    organisation = organisation_field("plans")
    org_path = models.CharField(max_length=255, default="", db_index=True)
    year = models.PositiveSmallIntegerField("ปีงบประมาณของแผน")
    assessed_year = models.PositiveSmallIntegerField("ปีที่ประเมิน")
    source = models.CharField("ที่มา", max_length=255, blank=True, default="")
    rolled_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="rolled_to")
    # Codes of the plan it was rolled from that could not be carried to this year: {code: reason}.
    dropped_codes = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField("ฉบับแก้ไข", default=1, editable=False)  # core/concurrency.py

    class Meta(AgencyYearRecord.Meta):
        constraints = [one_per_year("one_plan_per_year")]

    def __str__(self) -> str:
        return f"แผน {self.year} ({self.organisation_id})"


class Measure(models.Model):
    """One measure: what is done, the codes it answers, who is responsible, when, and how it is followed up."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField("ลำดับ")
    theme = models.CharField("หมวด/ตัวชี้วัด", max_length=255, blank=True, default="")
    text = models.TextField("มาตรการ")
    questions = models.JSONField("ข้อคำถามที่ตอบ", default=list, blank=True)
    practice = models.TextField("วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ", blank=True, default="")
    units = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+", verbose_name="กลุ่มงานที่รับผิดชอบ"
    )
    people = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="ผู้รับผิดชอบ")
    # Responsible parties that are neither a work group nor a user of the system (one line each).
    other_responsible = models.JSONField(default=list, blank=True)
    # The lines of other_responsible that the draft suggested (not typed by anyone): replaced by the units and
    # people ticked when the measure is first saved with some.
    drafted_responsible = models.JSONField(default=list, blank=True)
    period = models.CharField("ระยะเวลาดำเนินการ", max_length=255, blank=True, default="")
    deadline = models.DateField("กำหนดแล้วเสร็จ", null=True, blank=True)
    monitoring = models.TextField("แนวทางกำกับติดตาม", blank=True, default="")
    evidence_codes = models.JSONField("หลักฐาน OIT ที่เกี่ยวข้อง", default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField("ฉบับแก้ไข", default=1, editable=False)  # core/concurrency.py

    class Meta:
        ordering = ["plan_id", "number", "pk"]

    def __str__(self) -> str:
        return f"มาตรการที่ {self.number}"


class Step(models.Model):
    """One step of a measure, in order, with the date it is due."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField("ลำดับ")
    text = models.TextField("ขั้นตอน")
    due = models.DateField("กำหนดเสร็จ", null=True, blank=True)
    version = models.PositiveIntegerField("ฉบับแก้ไข", default=1, editable=False)  # core/concurrency.py

    class Meta:
        ordering = ["measure_id", "number", "pk"]

    def __str__(self) -> str:
        return f"ขั้นตอนที่ {self.number}"


class QuarterProgress(models.Model):
    """What was done in one fiscal quarter, the status then, and what stood in the way (of a measure or a step)."""

    quarter = models.PositiveSmallIntegerField("ไตรมาส")
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices)
    done = models.TextField("สิ่งที่ดำเนินการแล้ว", blank=True, default="")
    problems = models.TextField("ปัญหาและอุปสรรค", blank=True, default="")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class MeasureProgress(QuarterProgress):
    """A measure's progress in one quarter."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="progress")

    class Meta:
        ordering = ["measure_id", "quarter"]
        constraints = [models.UniqueConstraint(fields=["measure", "quarter"], name="one_measure_progress_a_quarter")]


class StepProgress(QuarterProgress):
    """A step's progress in one quarter."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="progress")

    class Meta:
        ordering = ["step_id", "quarter"]
        constraints = [models.UniqueConstraint(fields=["step", "quarter"], name="one_step_progress_a_quarter")]


class Evidence(models.Model):
    """A piece of evidence for a measure's quarter: a link (`url`) or a file kept as numbered revisions."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="evidence")
    quarter = models.PositiveSmallIntegerField("ไตรมาส")
    step = models.ForeignKey(Step, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence")
    title = models.CharField("ชื่อหลักฐาน", max_length=255)
    url = models.URLField("ลิงก์", max_length=1000, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure_id", "quarter", "pk"]

    @property
    def is_link(self) -> bool:
        return bool(self.url)


def evidence_path(revision: EvidenceRevision, filename: str) -> str:
    """Where a revision's file is stored under MEDIA_ROOT: a random name, so no upload can replace another."""
    import uuid
    from pathlib import Path

    suffix = Path(filename).suffix.lower()
    return f"plans/{revision.evidence.measure.plan_id}/{uuid.uuid4().hex}{suffix}"


class EvidenceRevision(models.Model):
    """One uploaded version of a file, with its SHA-256; later uploads add revisions, none replaces another."""

    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveSmallIntegerField("ฉบับที่")
    file = models.FileField(upload_to=evidence_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evidence_id", "number"]
        constraints = [models.UniqueConstraint(fields=["evidence", "number"], name="one_revision_number")]
