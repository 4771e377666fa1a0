"""The record of each daily digest sent: one row per person and day, so running the command twice sends once."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DigestSent(models.Model):
    """A digest e-mailed to one person for one day, with what it held (kept as the record of the sending)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField("วันที่ของสรุป")
    address = models.CharField("ส่งถึง", max_length=254)
    overdue = models.PositiveIntegerField("เกินกำหนด", default=0)
    due_soon = models.PositiveIntegerField("ใกล้ครบกำหนด", default=0)
    sent_at = models.DateTimeField(auto_now=True)
    times = models.PositiveSmallIntegerField("จำนวนครั้งที่ส่ง", default=1)  # above 1 only after --force

    class Meta:
        ordering = ["-day", "user"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_person_and_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.address}"
