"""Charts drawn on the server as inline SVG: no chart library, no script, readable without JavaScript.

Every text is escaped; colours are attributes (not style) so the strict Content-Security-Policy holds.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ...ita.numbers import round2

GOOD = "#1b7f5b"
POOR = "#c0572b"
LINE = "#1d4e89"
BAR = "#6c7a89"
TEXT = "#222"


def _svg(width: int, height: int, body: str, label: str) -> SafeString:
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="13" font-family="sans-serif">'
        f"<title>{escape(label)}</title>{body}</svg>"
    )


def indicator_bars(rows: list[tuple[str, str, float | None]], *, bar: float = 85.0) -> SafeString:
    """Horizontal bars (code, name, score) on a 0-100 axis with a line at the pass mark."""
    left, right, row_h = 190, 56, 26
    width = 560
    plot = width - left - right
    height = row_h * len(rows) + 30
    parts = []
    for index, (code, name, value) in enumerate(rows):
        y = 8 + index * row_h
        label = f"{code} {name}"
        shown_label = label if len(label) <= 26 else label[:25] + "…"
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" fill="{TEXT}">{escape(shown_label)}'
                     f"<title>{escape(label)}</title></text>")
        if value is None:
            parts.append(f'<text x="{left + 4}" y="{y + 15}" fill="{BAR}">ไม่มีข้อมูล</text>')
            continue
        shown = round2(value)
        length = max(0.0, min(100.0, shown)) / 100 * plot
        colour = GOOD if shown >= bar else POOR
        parts.append(f'<rect x="{left}" y="{y + 2}" width="{length:.1f}" height="{row_h - 8}" fill="{colour}"/>')
        parts.append(f'<text x="{left + length + 4:.1f}" y="{y + 15}" fill="{TEXT}">{shown:.2f}</text>')
    x_bar = left + bar / 100 * plot
    bottom = 8 + len(rows) * row_h
    parts.append(f'<line x1="{x_bar:.1f}" y1="4" x2="{x_bar:.1f}" y2="{bottom}" stroke="{LINE}" '
                 f'stroke-width="2" stroke-dasharray="5 3"/>')
    parts.append(f'<text x="{x_bar:.1f}" y="{bottom + 16}" text-anchor="middle" fill="{LINE}">เกณฑ์ {bar:g}</text>')
    return _svg(width, height, "".join(parts), f"คะแนนรายตัวชี้วัดเทียบเกณฑ์ {bar:g}")


def trend(points: list[tuple[int, float | None]], *, bar: float = 85.0) -> SafeString:
    """Total score by fiscal year as a line with labelled points, and the pass mark as a dashed line."""
    known = [(year, round2(v)) for year, v in points if v is not None]
    width, height, pad = 560, 200, 40
    if not known:
        return _svg(width, 60, f'<text x="10" y="30" fill="{TEXT}">ยังไม่มีคะแนนรวม</text>', "แนวโน้มคะแนนรวม")
    low = min(50.0, *(v for _, v in known))
    span = 100 - low

    def y_of(value: float) -> float:
        return pad / 2 + (100 - value) / span * (height - pad * 1.5)

    step = (width - 2 * pad) / max(1, len(known) - 1)
    xy = [(pad + i * step if len(known) > 1 else width / 2, y_of(v)) for i, (_, v) in enumerate(known)]
    parts = [f'<line x1="{pad}" y1="{y_of(bar):.1f}" x2="{width - pad}" y2="{y_of(bar):.1f}" stroke="{LINE}" '
             f'stroke-dasharray="5 3"/>',
             f'<text x="{width - pad}" y="{y_of(bar) - 4:.1f}" text-anchor="end" fill="{LINE}">เกณฑ์ {bar:g}</text>']
    if len(xy) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    for (year, value), (x, y) in zip(known, xy, strict=True):
        colour = GOOD if value >= bar else POOR
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>')
        parts.append(f'<text x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle" fill="{TEXT}">{value:.2f}</text>')
        parts.append(f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle" fill="{TEXT}">{year}</text>')
    return _svg(width, height, "".join(parts), "แนวโน้มคะแนนรวมรายปี")


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
        parts.append(f'<rect x="{x + 4:.1f}" y="{height - 1.5 * pad - h:.1f}" width="{slot - 8:.1f}" '
                     f'height="{h:.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - 1.5 * pad - h - 4:.1f}" text-anchor="middle" '
                     f'fill="{TEXT}">{count}</text>')
        parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - pad / 2 - 4:.1f}" text-anchor="middle" '
                     f'fill="{TEXT}">{escape(label)}</text>')
    return _svg(width, height, "".join(parts), "การกระจายของคะแนนรวม")
