"""The OIT preparation board: one board per agency and fiscal year, one row per OIT item of that year's framework,
each with its work group, person, due date, evidence links (with their last check) and review history."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ...ita.oit_board import APPROVED, IN_PROGRESS, NEEDS_CORRECTION, NOT_STARTED, STATUS_NAMES, SUBMITTED
from ..core.models import AgencyYearRecord, one_per_year, organisation_field


class ItemStatus(models.TextChoices):
    """The status of an OIT item on its way to publication; values and labels are the domain's (ita/oit_board.py)."""

    NOT_STARTED = NOT_STARTED, STATUS_NAMES[NOT_STARTED]
    IN_PROGRESS = IN_PROGRESS, STATUS_NAMES[IN_PROGRESS]
    SUBMITTED = SUBMITTED, STATUS_NAMES[SUBMITTED]
    APPROVED = APPROVED, STATUS_NAMES[APPROVED]
    NEEDS_CORRECTION = NEEDS_CORRECTION, STATUS_NAMES[NEEDS_CORRECTION]


class OitBoard(AgencyYearRecord):
    """An agency's preparation of the OIT items of fiscal year `year` (BE). `roll_notes` keeps what could not be
    carried when the board was rolled over from last year's, so the list stays in view after the roll-over."""

    organisation = organisation_field("oit_boards")
    webmaster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ผู้ดูแลเว็บไซต์",
    )
    rolled_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    roll_notes = models.JSONField(default=dict, blank=True)
    notices = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(AgencyYearRecord.Meta):
        constraints = [one_per_year("one_oit_board_per_year")]

    def __str__(self) -> str:
        return f"{self.organisation_id} OIT {self.year}"


class OitItem(models.Model):
    """One OIT item of the board's year: what the framework says of it, and who prepares it by when."""

    board = models.ForeignKey(OitBoard, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.CharField("ข้อ", max_length=16)
    title = models.CharField("ชื่อข้อ", max_length=500, blank=True, default="")
    topic = models.CharField(max_length=120, blank=True, default="")
    sub_indicator = models.CharField("ตัวชี้วัดย่อย", max_length=16, blank=True, default="")
    sub_indicator_name = models.CharField(max_length=255, blank=True, default="")
    workgroup = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oit_items",
        verbose_name="กลุ่มงาน",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oit_items",
        verbose_name="ผู้รับผิดชอบ",
    )
    due = models.DateField("กำหนดส่ง", null=True, blank=True)
    status = models.CharField("สถานะ", max_length=20, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED)
    hint_urls = models.JSONField(default=list, blank=True)  # last year's links, carried as hints by a roll-over
    # Why the item is no longer in the year's list (an official list replaced a provisional one and this item's
    # topic is not in it): the row, its links and its history are kept, shown apart from the items to prepare.
    retired_reason = models.CharField(max_length=500, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField("ฉบับแก้ไข", default=1, editable=False)  # core/concurrency.py

    class Meta:
        ordering = ["board_id", "position"]
        constraints = [models.UniqueConstraint(fields=["board", "code"], name="one_oit_item_per_code")]
        indexes = [models.Index(fields=["status", "due"], name="oititem_status_due")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class EvidenceLink(models.Model):
    """One evidence URL of an item, with what the link checker last found there (all empty until checked)."""

    item = models.ForeignKey(OitItem, on_delete=models.CASCADE, related_name="links")
    position = models.PositiveSmallIntegerField(default=0)
    url = models.CharField("ลิงก์", max_length=2000)
    checked_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(null=True, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=255, blank=True, default="")
    final_url = models.CharField(max_length=2000, blank=True, default="")
    note = models.CharField(max_length=255, blank=True, default="")
    elapsed_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["item_id", "position"]

    def __str__(self) -> str:
        return self.url


class ItemComment(models.Model):
    """A remark on an item, by the reviewer or the people preparing it; a status change made with it is kept too,
    so the history reads who said what, when, and what it did to the item."""

    item = models.ForeignKey(OitItem, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=150, blank=True, default="")
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(blank=True, default="")
    from_status = models.CharField(max_length=20, blank=True, default="")
    to_status = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        ordering = ["item_id", "at", "pk"]

    @property
    def from_status_name(self) -> str:
        return STATUS_NAMES.get(self.from_status, "")

    @property
    def to_status_name(self) -> str:
        return STATUS_NAMES.get(self.to_status, "")
