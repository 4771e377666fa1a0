"""The value axes of every score chart, one definition for the web's SVG charts and the documents' matplotlib charts.

Bars of a score always run from 0 to 100: a bar's length is then its score, in a page or in a printed report, and
two charts of the same agency never look different because one axis was cut at 70. A line of totals over the
years may start higher (its points, not lengths, carry the values), at the same rounded start in every output.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

SCORE_AXIS = (0.0, 100.0)
SCORE_TICKS = (0, 20, 40, 60, 80, 100)


def bar_fraction(value: float) -> float:
    """Where a score lies on the bar axis, from 0 (at 0) to 1 (at 100), clamped."""
    low, high = SCORE_AXIS
    return max(0.0, min(1.0, (value - low) / (high - low)))


def line_axis(values: Iterable[float], reference: float | None = None) -> tuple[float, float, tuple[int, ...]]:
    """(start, 100, ticks) for a line of scores: the start is 3 to 8 below the lowest point or the pass mark, on a
    multiple of 5, so the line fills the chart's height without touching its bottom."""
    known = [*values, *([reference] if reference is not None else [])]
    lowest = min(known, default=SCORE_AXIS[0])
    start = max(SCORE_AXIS[0], math.floor((lowest - 3) / 5) * 5)
    step = 5 if 100 - start <= 25 else 10 if 100 - start <= 50 else 20
    ticks = tuple(range(int(100 - (100 - start) // step * step), 101, step))
    return float(start), SCORE_AXIS[1], ticks
