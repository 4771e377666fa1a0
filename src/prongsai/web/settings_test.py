"""Settings for the test suite: the real settings with debug off, a throwaway key and a fast hasher."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("PRONGSAI_SECRET_KEY", "test-only-secret-key-not-for-use")
os.environ.setdefault("PRONGSAI_HTTPS", "0")
os.environ.setdefault("PRONGSAI_DATA_DIR", tempfile.gettempdir())

from .settings import *  # noqa: F403
from .settings import PASSWORD_HASHERS as REAL_PASSWORD_HASHERS

# Argon2 is the real first choice (tested); tests create many users, so they hash with MD5 (never in use).
PRODUCTION_PASSWORD_HASHERS = REAL_PASSWORD_HASHERS
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Evidence files written by tests go to a fresh folder of this run, never to a real data directory.
MEDIA_ROOT = tempfile.mkdtemp(prefix="prongsai-test-media-")
