"""A reader's display preferences, kept apart from accounts so the membership model stays as it is."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class DisplayPreference(models.Model):
    """How one person wants figures and dates shown: Thai digits (๐-๙) or Arabic digits (the default)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="display_preference")
    thai_digits = models.BooleanField("แสดงตัวเลขไทย", default=False)

    class Meta:
        verbose_name = "การแสดงผลของผู้ใช้"


class AgencyYearRecord(models.Model):
    """The shape of "one record per organisation and fiscal year (BE)": a plan, an OIT board, a driving KPI, a
    stored assessment. Subclasses name their reverse accessor and their constraint with `organisation_field` and
    `one_per_year`, because those names are fixed by tables that already exist."""

    organisation: models.ForeignKey[Any, Any]
    year = models.PositiveSmallIntegerField("ปีงบประมาณ")

    class Meta:
        abstract = True
        ordering = ["organisation_id", "-year"]


def organisation_field(related_name: str) -> models.ForeignKey[Any, Any]:
    """The organisation a yearly record belongs to; an organisation that has records cannot be deleted."""
    return models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name=related_name)


def one_per_year(name: str) -> models.UniqueConstraint:
    """At most one record per organisation and year, enforced by the database."""
    return models.UniqueConstraint(fields=["organisation", "year"], name=name)
