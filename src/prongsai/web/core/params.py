"""Integer query parameters (?year=, ?group=), parsed in one place: Thai digits accepted, anything else that is
not a plain whole number in range (superscript digits, signs, 10**5000) refused with a Thai message, never a 500."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import QueryDict

from ...ita.numbers import to_arabic_digits

MAX_DIGITS = 12  # far above any id or year, far below what a database integer holds


class BadParameter(BadRequest):
    """A query parameter that is not an acceptable whole number; `message` is the Thai sentence to show. Raised out
    of a view it becomes a 400 page (core/errors.bad_request) logged as one line."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


def int_param(
    query: QueryDict, name: str, *, minimum: int = 0, maximum: int | None = None, message: str | None = None
) -> int | None:
    """The whole number in `query[name]`, None when it is absent or blank; BadParameter otherwise.

    Only the ASCII digits 0-9 and the Thai digits ๐-๙ count: str.isdigit() also accepts superscripts (U+00B2 ...) and
    other digits int() refuses, which is how `?year=` in superscript digits used to end in a server error.
    """
    raw = query.get(name)
    if raw is None or not raw.strip():
        return None
    bound = f"ตั้งแต่ {minimum}" + (f" ถึง {maximum}" if maximum is not None else "")
    refused = BadParameter(name, message or f"ค่า {name} ต้องเป็นจำนวนเต็ม{bound} (เลขอารบิกหรือเลขไทย)")
    text = to_arabic_digits(raw.strip())
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        raise refused
    value = int(text)
    if value < minimum or (maximum is not None and value > maximum):
        raise refused
    return value


def year_param(query: QueryDict, name: str = "year") -> int | None:
    """A fiscal year in the Buddhist era (2400-2700) from the query, as int_param()."""
    return int_param(
        query, name, minimum=2400, maximum=2700, message=f"ปีงบประมาณ ({name}) ต้องเป็นปี พ.ศ. เช่น 2566 (เลขอารบิกหรือเลขไทย)"
    )
