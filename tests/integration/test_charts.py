"""One score scale in the web and the documents (reports/scale.py), and the trend chart laid out for 1-8 years:
points spread and centred, the line filling the height, the pass-mark label clear of every point and value."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from prongsai.reports.model import ChartSpec, Series
from prongsai.reports.scale import SCORE_AXIS, SCORE_TICKS
from prongsai.web.core.charts import indicator_bars, trend, trend_layout


def _matplotlib_axes(horizontal: bool):
    from matplotlib.figure import Figure

    from prongsai.reports.charts import _bars

    spec = ChartSpec(
        categories=("IIT", "EIT", "OIT"),
        series=(Series("2566", (91.2, 88.4, 76.0)),),
        value_label="คะแนน",
        reference=85.0,
        horizontal=horizontal,
        highlight_below=True,
    )
    axes = Figure().add_subplot()
    _bars(axes, spec, False)
    return axes


@pytest.mark.parametrize("horizontal", [True, False])
def test_documents_bars_start_at_zero_as_the_web_does(horizontal):
    axes = _matplotlib_axes(horizontal)
    low, high = axes.get_xlim() if horizontal else axes.get_ylim()
    ticks = list(axes.get_xticks() if horizontal else axes.get_yticks())
    assert low == SCORE_AXIS[0] == 0 and 100 < high < 110  # room for the value labels, none below 0
    assert ticks == list(SCORE_TICKS)


def test_web_bars_have_the_same_axis_and_ticks():
    svg = str(indicator_bars([("I1", "การปฏิบัติหน้าที่", 76.0), ("I2", "การใช้งบประมาณ", 100.0)], bar=85.0))
    widths = [float(w) for w in re.findall(r'<rect x="190" y="[\d.]+" width="([\d.]+)"', svg)]
    plot = 560 - 190 - 56
    assert widths == [pytest.approx(0.76 * plot, abs=0.1), pytest.approx(plot, abs=0.1)]
    tick_labels = re.findall(r'font-size="11">(\d+)</text>', svg)
    assert tick_labels == [str(t) for t in SCORE_TICKS]


@pytest.mark.parametrize("years", range(1, 9))
def test_trend_layout_for_one_to_eight_years(years):
    values = [78.5, 92.3, 88.0, 95.4, 81.2, 90.0, 86.7, 93.9][:years]
    points = [(2559 + i, v) for i, v in enumerate(values)]
    layout = trend_layout(points, bar=85.0)
    left, top, right, bottom = layout.plot
    xs = [x for _, _, x, _ in layout.points]
    assert len(xs) == years and xs == sorted(set(xs))
    assert all(left <= x <= right and top <= y <= bottom for _, _, x, y in layout.points)
    middle = (left + right) / 2
    assert (min(xs) + max(xs)) / 2 == pytest.approx(middle)  # centred: no empty side
    if years > 1:
        assert min(b - a for a, b in pairwise(xs)) >= 55  # value labels ("92.30") do not meet
    # the line fills the height: the lowest point (or the pass mark) sits in the lower quarter of the plot
    lowest = max([y for *_, y in layout.points] + [layout.bar_y])
    assert lowest >= bottom - (bottom - top) * 0.25
    # the pass-mark label is in the right margin, right of every point and its value label (about 20 px each side)
    svg = str(trend(points, bar=85.0))
    label_x = float(re.search(r'<text x="([\d.]+)" y="[\d.]+" fill="#1d4e89">เกณฑ์ 85', svg).group(1))
    assert label_x > max(xs) + 22 and label_x + 50 <= 560
    assert svg.count("<circle") == years


def test_trend_with_no_total():
    assert "ยังไม่มีคะแนนรวม" in str(trend([(2566, None)], bar=85.0))
