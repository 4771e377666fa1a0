"""The driving KPI of one organisation for one fiscal year (seed 001): a checklist of the criteria of
`ita/kpi.py`, each met or not with its evidence. The level reached is never stored: it is computed from the
checks by `ita.kpi.level_reached` whenever it is shown."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ...ita.kpi import CRITERIA
from ..core.models import AgencyYearRecord, one_per_year, organisation_field

CRITERION_CHOICES = [(c.key, c.text) for c in CRITERIA]


class DrivingKpi(AgencyYearRecord):
    """One organisation's checklist of one fiscal year (BE). A new year is a new, empty checklist."""

    organisation = organisation_field("driving_kpis")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(AgencyYearRecord.Meta):
        ordering = ["organisation", "-year"]  # by the organisation's own order (its path in the tree)
        constraints = [one_per_year("kpi_one_per_year")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class KpiCheck(models.Model):
    """One criterion of a checklist: met or not, a note and links as evidence, and who marked it when."""

    kpi = models.ForeignKey(DrivingKpi, on_delete=models.CASCADE, related_name="checks")
    criterion = models.CharField("เกณฑ์", max_length=32, choices=CRITERION_CHOICES)
    met = models.BooleanField("ดำเนินการแล้ว", default=False)
    note = models.TextField("บันทึกหลักฐาน", blank=True, default="")
    links = models.JSONField("ลิงก์หลักฐาน", default=list, blank=True)
    met_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    met_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField("ฉบับแก้ไข", default=1, editable=False)  # core/concurrency.py

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kpi", "criterion"], name="kpi_one_check_per_criterion")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.criterion} {'met' if self.met else 'open'}"
