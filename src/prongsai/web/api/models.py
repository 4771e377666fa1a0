"""API tokens: only a SHA-256 of each token is stored; the token itself is shown once, when it is made. Every token
expires (`expires_at`), and a revoked token stays revoked: nothing turns it back on."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

DEFAULT_TOKEN_DAYS = 90
TOKEN_DAYS_CHOICES = [(30, "30 วัน"), (90, "90 วัน"), (180, "180 วัน"), (365, "365 วัน")]
MAX_TOKEN_DAYS = 365


def default_expiry() -> dt.datetime:
    """90 days from now: also the expiry given to tokens made before tokens expired (migration 0002)."""
    return timezone.now() + dt.timedelta(days=DEFAULT_TOKEN_DAYS)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    name = models.CharField("ชื่อเรียก", max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("หมดอายุ", default=default_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        if self.revoked:
            return "ถูกเพิกถอน"
        return "หมดอายุ" if self.expired else "ใช้งานได้"
