"""Charts drawn on the server as inline SVG: no chart library, no script, readable without JavaScript.

Every text is escaped; colours are attributes (not style) so the strict Content-Security-Policy holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ...ita.numbers import round2
from ...reports.scale import SCORE_TICKS, bar_fraction, line_axis

GOOD = "#1b7f5b"
POOR = "#c0572b"
LINE = "#1d4e89"
BAR = "#6c7a89"
TEXT = "#222"
GRID = "#e3e6ea"


def _svg(width: int, height: int, body: str, label: str) -> SafeString:
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="13" font-family="sans-serif">'
        f"<title>{escape(label)}</title>{body}</svg>"
    )


def indicator_bars(rows: list[tuple[str, str, float | None]], *, bar: float) -> SafeString:
    """Horizontal bars (code, name, score) on the 0-100 axis the documents use too (reports/scale.py), with its
    ticks and a line at the pass mark."""
    left, right, row_h = 190, 56, 26
    width = 560
    plot = width - left - right
    height = row_h * len(rows) + 48
    bottom = 8 + len(rows) * row_h
    parts = []
    for tick in SCORE_TICKS:
        x = left + bar_fraction(tick) * plot
        parts.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="middle" fill="{BAR}" font-size="11">{tick}</text>'
        )
    for index, (code, name, value) in enumerate(rows):
        y = 8 + index * row_h
        label = f"{code} {name}"
        shown_label = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" fill="{TEXT}">{escape(shown_label)}'
            f"<title>{escape(label)}</title></text>"
        )
        if value is None:
            parts.append(f'<text x="{left + 4}" y="{y + 15}" fill="{BAR}">ไม่มีข้อมูล</text>')
            continue
        shown = round2(value)
        length = bar_fraction(shown) * plot
        colour = GOOD if shown >= bar else POOR
        parts.append(f'<rect x="{left}" y="{y + 2}" width="{length:.1f}" height="{row_h - 8}" fill="{colour}"/>')
        parts.append(f'<text x="{left + length + 4:.1f}" y="{y + 15}" fill="{TEXT}">{shown:.2f}</text>')
    x_bar = left + bar_fraction(bar) * plot
    parts.append(
        f'<line x1="{x_bar:.1f}" y1="4" x2="{x_bar:.1f}" y2="{bottom}" stroke="{LINE}" '
        f'stroke-width="2" stroke-dasharray="5 3"/>'
    )
    parts.append(f'<text x="{x_bar:.1f}" y="{bottom + 32}" text-anchor="middle" fill="{LINE}">เกณฑ์ {bar:g}</text>')
    return _svg(width, height, "".join(parts), f"คะแนนรายตัวชี้วัดเทียบเกณฑ์ {bar:g}")


TREND_WIDTH, TREND_HEIGHT = 560, 200
TREND_LEFT, TREND_RIGHT, TREND_TOP, TREND_BOTTOM = 36, 78, 26, 42  # tick labels left, pass-mark label right
TREND_INSET = 28  # px from the plot's sides to the first and last point
TREND_MAX_STEP = 110  # px between years: a few years sit together in the middle instead of at the far edges


@dataclass(frozen=True)
class TrendLayout:
    points: list[tuple[int, float, float, float]]  # year, value, x, y
    ticks: list[tuple[int, float]]  # value, y
    bar_y: float
    plot: tuple[float, float, float, float]  # left, top, right, bottom


def trend_layout(points: list[tuple[int, float | None]], *, bar: float) -> TrendLayout:
    """Where everything of the trend chart goes, for one to eight (or more) years: the points spread over the plot
    (centred, at most TREND_MAX_STEP apart), the y axis from `reports.scale.line_axis` so the points fill the
    height, and the pass-mark label in the right margin, where no point or value label can be."""
    known = [(year, round2(v)) for year, v in points if v is not None]
    low, high, ticks = line_axis([v for _, v in known], bar)
    plot_w = TREND_WIDTH - TREND_LEFT - TREND_RIGHT
    plot_h = TREND_HEIGHT - TREND_TOP - TREND_BOTTOM

    def y_of(value: float) -> float:
        return TREND_TOP + (high - value) / (high - low) * plot_h

    inner = plot_w - 2 * TREND_INSET  # a value label is centred on its point: keep it inside the plot
    step = min(TREND_MAX_STEP, inner / max(1, len(known) - 1)) if len(known) > 1 else 0.0
    first = TREND_LEFT + (plot_w - step * (len(known) - 1)) / 2
    return TrendLayout(
        points=[(year, value, first + i * step, y_of(value)) for i, (year, value) in enumerate(known)],
        ticks=[(tick, y_of(tick)) for tick in ticks],
        bar_y=y_of(bar),
        plot=(TREND_LEFT, TREND_TOP, TREND_LEFT + plot_w, TREND_TOP + plot_h),
    )


def trend(points: list[tuple[int, float | None]], *, bar: float, marks: dict[int, float] | None = None) -> SafeString:
    """Total score by fiscal year as a line with labelled points, and the pass mark (`bar`, the newest year's) as a
    dashed line; each point is coloured against its own year's mark (`marks`, `bar` for a year not in it)."""
    layout = trend_layout(points, bar=bar)
    known = layout.points
    if not known:
        return _svg(TREND_WIDTH, 60, f'<text x="10" y="30" fill="{TEXT}">ยังไม่มีคะแนนรวม</text>', "แนวโน้มคะแนนรวม")
    x0, _y0, x1, _y1 = layout.plot
    parts = []
    for tick, y in layout.ticks:
        parts.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{BAR}" font-size="11">{tick}</text>')
    bar_y = layout.bar_y
    parts.append(
        f'<line x1="{x0}" y1="{bar_y:.1f}" x2="{x1}" y2="{bar_y:.1f}" stroke="{LINE}" stroke-dasharray="5 3"/>'
    )
    parts.append(f'<text x="{x1 + 6}" y="{bar_y + 4:.1f}" fill="{LINE}">เกณฑ์ {bar:g}</text>')
    if len(known) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for _, _, x, y in known)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    for year, value, x, y in known:
        colour = GOOD if value >= (marks or {}).get(year, bar) else POOR
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>')
        label_y = y + 20 if value < bar else y - 10  # on the far side of the pass-mark line, never across it
        parts.append(f'<text x="{x:.1f}" y="{label_y:.1f}" text-anchor="middle" fill="{TEXT}">{value:.2f}</text>')
        parts.append(f'<text x="{x:.1f}" y="{TREND_HEIGHT - 8}" text-anchor="middle" fill="{TEXT}">{year}</text>')
    return _svg(TREND_WIDTH, TREND_HEIGHT, "".join(parts), "แนวโน้มคะแนนรวมรายปี")


def histogram(buckets: list[tuple[str, int]], *, highlight_from: int | None = None) -> SafeString:
    """Vertical bars of counts per bucket; buckets from `highlight_from` on are drawn in the 'good' colour."""
    width, height, pad = 560, 220, 30
    top = max([c for _, c in buckets] + [1])
    slot = (width - 2 * pad) / max(1, len(buckets))
    parts = []
    for index, (label, count) in enumerate(buckets):
        h = count / top * (height - 2.5 * pad)
        x = pad + index * slot
        colour = GOOD if highlight_from is not None and index >= highlight_from else BAR
        parts.append(
            f'<rect x="{x + 4:.1f}" y="{height - 1.5 * pad - h:.1f}" width="{slot - 8:.1f}" '
            f'height="{h:.1f}" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{x + slot / 2:.1f}" y="{height - 1.5 * pad - h - 4:.1f}" text-anchor="middle" '
            f'fill="{TEXT}">{count}</text>'
        )
        parts.append(
            f'<text x="{x + slot / 2:.1f}" y="{height - pad / 2 - 4:.1f}" text-anchor="middle" '
            f'fill="{TEXT}">{escape(label)}</text>'
        )
    return _svg(width, height, "".join(parts), "การกระจายของคะแนนรวม")
