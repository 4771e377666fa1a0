"""WSGI entry point (gunicorn or waitress in `prongsai serve`, or any WSGI server in a deployment).

Bodies declared larger than the largest upload (a result file or an evidence file) and the form fields can be are
refused (413) before Django reads them, in
any server; the upload form checks the exact limit with a Thai message."""

import os
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from .private import private_umask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings")
private_umask()  # files the server creates (database, WAL, evidence) are for its user only
django_application = get_wsgi_application()
BODY_LIMIT = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + max(settings.UPLOAD_MAX_BYTES, settings.EVIDENCE_MAX_BYTES)
TOO_LARGE = "ข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด".encode()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    length = environ.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > BODY_LIMIT:
        start_response(
            "413 Content Too Large",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(TOO_LARGE))),
                ("Connection", "close"),
            ],
        )
        return [TOO_LARGE]
    return django_application(environ, start_response)
