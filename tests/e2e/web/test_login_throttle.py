"""The login throttle (django-axes, issue 12): the four ways the hand-written counter failed, each tested.

- a full-width form of a user name was not counted with the plain one;
- five wrong passwords locked the real user out, from everywhere;
- twenty wrong passwords from one address locked out everyone behind a proxy;
- concurrent attempts passed the limit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

LIMIT = settings.AXES_FAILURE_LIMIT if hasattr(settings, "AXES_FAILURE_LIMIT") else 5


def test_concurrent_attempts_do_not_pass_the_limit(tmp_path: Path) -> None:
    script = Path(__file__).parents[2] / "support" / "login_race.py"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["PRONGSAI_DATA_DIR"] = str(tmp_path)
    env.pop("PRONGSAI_TEST_DATABASE_URL", None)  # the race runs on its own SQLite file, also in the PostgreSQL run
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "race.sqlite3")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["checked"] == LIMIT, f"{result['checked']} passwords were tried, the limit is {LIMIT}"
    assert result["statuses"].count(400) == LIMIT
    assert result["statuses"].count(429) == 12 - LIMIT


def test_a_mistyped_trusted_proxy_setting_is_refused_in_thai() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRONGSAI_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update({"PRONGSAI_SECRET_KEY": "k" * 50, "PRONGSAI_TRUSTED_PROXIES": "10.0.0.1,10.0.0.300"})
    done = subprocess.run(
        [sys.executable, "-c", "import prongsai.web.settings"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode != 0 and "10.0.0.300" in done.stderr and "ไม่ใช่ที่อยู่ IP" in done.stderr
