"""Refused requests (400, 403, 404 and the like) are logged as one line, without the traceback Django attaches when
the refusal came from an exception (PermissionDenied, BadRequest, DisallowedHost): they are the user's or an
attacker's doing, not a fault, and a traceback per refused request floods the log."""

from __future__ import annotations

import logging


class RefusedWithoutTraceback(logging.Filter):
    """Drops the traceback of a record about a 4xx response (Django's request loggers set `status_code`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        security = record.name.startswith("django.security.")
        if (isinstance(status, int) and 400 <= status < 500) or (security and status is None):
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
