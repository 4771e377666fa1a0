"""Security settings and behaviour: password hashing, headers, cookies, CSRF, login throttling, audit log."""

from __future__ import annotations

import os
import subprocess
import sys


def _settings_in_subprocess(env: dict[str, str], expression: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PRONGSAI_") and k != "DJANGO_SETTINGS_MODULE"}
    code = f"import prongsai.web.settings as s; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, check=False
    )


def test_deployment_defaults_are_safe() -> None:
    done = _settings_in_subprocess(
        {"PRONGSAI_SECRET_KEY": "k" * 50},
        "s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS",
    )
    assert done.stdout.strip() == "False True True True 31536000", done.stderr
    refused = _settings_in_subprocess({}, "s.DEBUG")
    assert refused.returncode != 0 and "PRONGSAI_SECRET_KEY" in refused.stderr
    debug = _settings_in_subprocess({"PRONGSAI_DEBUG": "1"}, "s.DEBUG, s.SESSION_COOKIE_SECURE")
    assert debug.stdout.strip() == "True False"
    postgres = _settings_in_subprocess(
        {"PRONGSAI_SECRET_KEY": "k" * 50, "DATABASE_URL": "postgres://ita:pw@db.example:5432/prongsai"},
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME']",
    )
    assert postgres.stdout.strip() == "django.db.backends.postgresql prongsai", postgres.stderr
