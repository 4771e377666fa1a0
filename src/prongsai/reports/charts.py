"""Charts of a report as PNG at print resolution, drawn with matplotlib in TH Sarabun New.

matplotlib ≥ 3.11 shapes text with HarfBuzz (libraqm), so Thai tone marks sit correctly; 3.10 misplaced them.
The Figure/Agg canvas API is used directly (no pyplot global state), so charts can be drawn in any thread.
"""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING

from .fonts import FAMILY, font_files
from .model import ChartSpec, localise
from .scale import SCORE_AXIS, SCORE_TICKS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DPI = 200
CM = 1 / 2.54
COLOURS = ("#1F4E79", "#9DC3E6")
WARNING = "#C0504D"
REFERENCE = "#C00000"


@cache
def _register_fonts() -> str:
    """Add the installed TH Sarabun New files to matplotlib once; the family to use (a fallback if missing)."""
    from matplotlib import font_manager

    files = font_files()
    for path in files.values():
        font_manager.fontManager.addfont(str(path))
    return FAMILY if files else "DejaVu Sans"


def render_png(
    spec: ChartSpec, *, width_cm: float, height_cm: float, thai_digits: bool = False, dpi: int = DPI
) -> bytes:
    """The chart as PNG bytes; numbers on axes and bars use Thai digits when asked."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter
    from PIL import Image

    family = _register_fonts()
    from matplotlib import rc_context

    with rc_context({"font.family": family, "font.size": 15, "axes.unicode_minus": False}):
        manual = family == FAMILY
        figure = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=dpi, layout=None if manual else "constrained")
        axes = figure.add_subplot()
        if manual:
            _place(figure, spec, thai_digits, width_cm * CM, height_cm * CM)
        _bars(axes, spec, thai_digits)
        axes.spines[["top", "right"]].set_visible(False)
        formatter = FuncFormatter(lambda value, _pos: localise(f"{value:g}", thai_digits))
        (axes.xaxis if spec.horizontal else axes.yaxis).set_major_formatter(formatter)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()  # one draw (layout included); savefig would draw twice
        image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi), compress_level=3)
    return buffer.getvalue()


@cache
def _metrics() -> tuple[dict[int, int], float]:
    """Advance widths by character of the installed regular font, and its em, for laying out without measuring."""
    from fontTools.ttLib import TTFont

    with TTFont(font_files()["Regular"], lazy=True) as font:
        cmap = font.getBestCmap()
        widths = font["hmtx"].metrics
        return {code: widths[glyph][0] for code, glyph in cmap.items()}, float(font["head"].unitsPerEm)


def _width_in(text: str, size: float) -> float:
    """Printed width of a line in inches (sum of advances: Thai marks have none; close enough for margins)."""
    advances, em = _metrics()
    return sum(advances.get(ord(ch), em * 0.5) for ch in text) / em * size / 72


def _place(figure: Figure, spec: ChartSpec, thai_digits: bool, width: float, height: float) -> None:
    """Margins from the label widths: the work constrained layout does, without drawing the figure twice."""
    line = 15 * 1.45 / 72  # one line of 15 pt TH Sarabun New, in inches
    legend = 13 * 1.6 / 72
    if spec.horizontal:
        labels = max((_width_in(localise(c, thai_digits), 15) for c in spec.categories), default=0.5)
        left = labels + 0.15
        bottom = line * 2 + legend + 0.15
    else:
        left = line + _width_in("100", 15) + 0.2
        bottom = line + legend + 0.15
    figure.subplots_adjust(
        left=min(left / width, 0.6),
        right=1 - 0.12 / width,
        bottom=bottom / height,
        top=1 - 0.08 / height,
    )


def _bars(axes: Axes, spec: ChartSpec, thai_digits: bool) -> None:
    count = len(spec.series)
    height = 0.8 / count
    positions = list(range(len(spec.categories)))
    draw = axes.barh if spec.horizontal else axes.bar
    for index, series in enumerate(spec.series):
        offset = (index - (count - 1) / 2) * height
        values = [v if v is not None else 0.0 for v in series.values]
        colours: list[str] | str = COLOURS[index % len(COLOURS)]
        if spec.highlight_below and spec.reference is not None and count == 1:
            colours = [WARNING if v < spec.reference else COLOURS[0] for v in values]
        spots = [p + offset for p in positions]
        bars = draw(spots, values, height * 0.95, color=colours, label=localise(series.label, thai_digits))
        labels = [localise(f"{v:.2f}", thai_digits) if v is not None else "" for v in series.values]
        crowded = not spec.horizontal and count * len(positions) > 12
        axes.bar_label(
            bars,
            labels=labels,
            padding=2,
            fontsize=11 if count > 1 else 13,
            rotation=90 if crowded else 0,
        )
    if spec.reference is not None:
        line = axes.axvline if spec.horizontal else axes.axhline
        line(
            spec.reference,
            color=REFERENCE,
            linestyle="--",
            linewidth=1.2,
            label=localise(spec.reference_label, thai_digits),
        )
    known = [v for s in spec.series for v in s.values if v is not None]
    # The web's bars use the same axis (reports/scale.py): 0 to 100, room on the right for the value labels.
    limits = (SCORE_AXIS[0], SCORE_AXIS[1] + (9.0 if spec.horizontal else 8.0))
    if spec.horizontal:
        axes.set_yticks(positions, [localise(c, thai_digits) for c in spec.categories])
        axes.invert_yaxis()
        axes.set_xlim(*limits)
        axes.set_xticks(SCORE_TICKS)
        axes.set_xlabel(spec.value_label)
    else:
        axes.set_xticks(positions, [localise(c, thai_digits) for c in spec.categories])
        axes.set_ylim(*limits)
        axes.set_yticks(SCORE_TICKS)
        axes.set_ylabel(spec.value_label)
    if count > 1 or spec.reference is not None:
        handles, labels = axes.get_legend_handles_labels()
        if spec.highlight_below and any(v < (spec.reference or 0) for v in known):
            from matplotlib.patches import Patch

            handles.append(Patch(color=WARNING))
            labels.append("ต่ำกว่าเกณฑ์")
        axes.figure.legend(
            handles,
            labels,
            loc="lower center",
            ncols=len(labels),
            fontsize=13,
            frameon=False,
            bbox_to_anchor=(0.5, 0.0),
        )
