"""A reader's display preferences, kept apart from accounts so the membership model stays as it is."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DisplayPreference(models.Model):
    """How one person wants figures and dates shown: Thai digits (๐-๙) or Arabic digits (the default)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="display_preference")
    thai_digits = models.BooleanField("แสดงตัวเลขไทย", default=False)

    class Meta:
        verbose_name = "การแสดงผลของผู้ใช้"
