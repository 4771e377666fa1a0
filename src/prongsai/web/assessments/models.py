"""One agency's result for one fiscal year: the input rows as given, and what the engine computed from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..core.models import AgencyYearRecord, one_per_year, organisation_field


class Source(models.TextChoices):
    """How a result came in."""

    UPLOAD = "upload", "อัปโหลดไฟล์"
    FORM = "form", "กรอกในแบบฟอร์ม"
    DEMO = "demo", "ข้อมูลสาธิต"


class AssessmentRecord(AgencyYearRecord):
    """`input_rows` keeps every value as entered (reported figures included); `result` is the engine's output in
    the CLI's JSON schema (prongsai-assessment/1). Total, level, tools and indicators are copied out of `result`
    into columns so dashboards can query them without reading the JSON."""

    organisation = organisation_field("assessments")
    # The organisation's materialised path, copied so that a dashboard filters its subtree without a join.
    org_path = models.CharField(max_length=255, default="", db_index=True)
    total = models.FloatField(null=True, blank=True)
    level = models.CharField(max_length=32, null=True, blank=True)
    level_reason = models.TextField(blank=True, default="")
    tools = models.JSONField(default=dict)
    indicators = models.JSONField(default=dict)
    mismatches = models.PositiveSmallIntegerField(default=0)
    result = models.JSONField()
    input_rows = models.JSONField()
    source = models.CharField(max_length=16, choices=Source.choices)
    # The framework version the figures were computed with: None is the shipped file of the year; its digest is
    # kept too (blank on rows saved before versions were recorded), since a new release may ship a corrected file.
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    framework_sha256 = models.CharField(max_length=64, blank=True, default="")
    source_name = models.CharField(max_length=255, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(AgencyYearRecord.Meta):
        constraints = [one_per_year("one_assessment_per_year")]
        indexes = [
            models.Index(fields=["year", "organisation"], name="assessment_year_org"),
            models.Index(fields=["year", "org_path"], name="assessment_year_path"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}"


class ResultsVersion(models.Model):
    """One row whose number changes with every result saved, replaced or deleted and every organisation added (in
    the same transaction), so cached figures and pages are keyed by it and never outlive a change, in any server
    process. The new number is random rather than the next one, so a number written by a transaction that was
    rolled back is never written again by another change."""

    value = models.PositiveBigIntegerField(default=0)


class WeakPoint(models.Model):
    """A question below the pass mark or an OIT item not passed, kept per assessment so that an oversight
    dashboard counts the most common weak points across thousands of agencies with one query."""

    QUESTION = "question"
    OIT = "oit"

    assessment = models.ForeignKey(AssessmentRecord, on_delete=models.CASCADE, related_name="weak_points")
    org_path = models.CharField(max_length=255, default="")
    year = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=16)
    title = models.CharField(max_length=500, blank=True, default="")
    score = models.FloatField()
    kind = models.CharField(max_length=16)

    class Meta:
        indexes = [
            models.Index(fields=["year", "code"], name="weakpoint_year_code"),
            models.Index(fields=["year", "org_path"], name="weakpoint_year_path"),
        ]
