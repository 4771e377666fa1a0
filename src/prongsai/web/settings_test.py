"""Settings for the test suite: the real settings with debug off, a throwaway key and a fast hasher.

The database is SQLite unless PRONGSAI_TEST_DATABASE_URL names another (tools/pg-test.sh sets it to a private
PostgreSQL server). DATABASE_URL is never used by the tests, so a deployment's database is never touched, and it is
removed from the environment so that servers the tests start (`prongsai serve`) keep to their own SQLite file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("PRONGSAI_SECRET_KEY", "test-only-secret-key-not-for-use")
os.environ.setdefault("PRONGSAI_HTTPS", "0")
os.environ.setdefault("PRONGSAI_DATA_DIR", tempfile.gettempdir())
os.environ.pop("DATABASE_URL", None)

from .settings import *  # noqa: F403
from .settings import PASSWORD_HASHERS as REAL_PASSWORD_HASHERS

# Argon2 is the real first choice (tested); tests create many users, so they hash with MD5 (never in use).
PRODUCTION_PASSWORD_HASHERS = REAL_PASSWORD_HASHERS
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Evidence files written by tests go to a fresh folder of this run, never to a real data directory.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="prongsai-test-media-"))

TEST_DATABASE_URL = os.environ.get("PRONGSAI_TEST_DATABASE_URL", "").strip()
if TEST_DATABASE_URL:
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(TEST_DATABASE_URL, conn_max_age=0)}
    # A private test cluster: its own name, so nothing but the test run's own database is ever created or dropped.
    DATABASES["default"]["TEST"] = {"NAME": "prongsai_test"}
