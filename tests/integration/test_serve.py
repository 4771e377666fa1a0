"""`prongsai serve`: the production server set-up (gunicorn worker processes) answers on loopback, and bodies
larger than any form or upload are refused before Django reads them, whatever the server."""

from __future__ import annotations

import io
from typing import Any

from prongsai.web.wsgi import BODY_LIMIT, application


def _call(environ: dict[str, Any]) -> tuple[str, bytes]:
    seen: list[str] = []
    body = b"".join(
        application(
            {"REQUEST_METHOD": "POST", "wsgi.input": io.BytesIO(b""), **environ},
            lambda status, headers: seen.append(status),
        )
    )
    return seen[0], body


def test_a_body_larger_than_the_limit_is_refused_before_django() -> None:
    status, body = _call({"CONTENT_LENGTH": str(BODY_LIMIT + 1), "PATH_INFO": "/accounts/login/"})
    assert status.startswith("413")
    assert "ใหญ่เกิน" in body.decode()
    assert _call({"CONTENT_LENGTH": "-5", "PATH_INFO": "/accounts/login/"})[0].startswith("413")
