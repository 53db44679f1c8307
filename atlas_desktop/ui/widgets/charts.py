"""Small charts (pyqtgraph). Labels are drawn by Qt, so Arabic is shaped; tick numbers use the
ui's digits (Eastern Arabic in the Arabic ui)."""

from __future__ import annotations

import functools
import math
from typing import Any

from PySide6.QtWidgets import QWidget

from atlas_desktop.core.arabic import to_eastern_number


def tick_text(text: str, eastern: bool) -> str:
    """A tick label as the ui writes numbers: no exponent (5e-05 reads 0.00005 beside 0.0001),
    and Eastern Arabic digits and decimal separator in the Arabic ui."""
    if "e" in text:
        try:
            text = f"{float(text):.12f}".rstrip("0").rstrip(".")
        except ValueError:
            pass
    return to_eastern_number(text) if eastern else text


def _coarser(spacing: float) -> float:
    """The next tick spacing of the 1-2-5 series: 0.1 -> 0.2 -> 0.5 -> 1."""
    exp = math.floor(math.log10(spacing))
    mantissa = spacing / 10**exp
    return (2 if mantissa < 1.5 else 5 if mantissa < 3.5 else 10) * 10**exp


@functools.cache
def _axis_class() -> type:
    import pyqtgraph as pg
    from PySide6.QtGui import QFontMetricsF

    class NumberAxis(pg.AxisItem):
        eastern = False  # Eastern Arabic digits
        whole = False  # whole numbers only (a step axis)

        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
            return [tick_text(s, self.eastern) for s in super().tickStrings(values, scale, spacing)]

        def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list:
            # pyqtgraph spaces ticks by the axis' length alone; in a small plot (and with the
            # taller Arabic digits) the labels of a vertical axis then overlap. Keep them two and
            # a half digit heights apart (but at least two in view), and a step axis on whole steps.
            levels = super().tickSpacing(minVal, maxVal, size)
            if not levels or maxVal <= minVal or size <= 0:
                return levels
            if self.whole:
                levels = [(sp, off) for sp, off in levels if sp >= 1] or [(1.0, 0.0)]
            if self.orientation in ("left", "right"):
                font = self.style.get("tickFont") or self.font()
                digit = QFontMetricsF(font).tightBoundingRect(tick_text("0.5", self.eastern)).height()
                spacing = levels[0][0]
                while spacing * size / (maxVal - minVal) < 2.5 * digit and (maxVal - minVal) / _coarser(spacing) >= 1.999:
                    spacing = _coarser(spacing)
                levels = [(spacing, 0.0)]
            return levels

    return NumberAxis


def axis_items(arabic_digits: bool, whole_x: bool = False) -> dict[str, Any]:
    """``axisItems`` for a PlotWidget whose numbers read as the ui writes them (``whole_x``:
    the bottom axis counts steps, so it has no ticks between whole numbers)."""
    items = {}
    for side in ("bottom", "left"):
        items[side] = _axis_class()(side)
        items[side].eastern = arabic_digits
    items["bottom"].whole = whole_x
    return items


def plot_widget(arabic_digits: bool, whole_x: bool = False, parent: QWidget | None = None) -> Any:
    """A white PlotWidget whose numbers read as the ui writes them. Curves run left to right
    even in the mirrored Arabic window: the scene's own layout is kept left to right too, or
    the value axis lands on the right with its labels drawn over the curves."""
    import pyqtgraph as pg
    from PySide6.QtCore import Qt

    from PySide6.QtGui import QFontMetrics

    plot = pg.PlotWidget(parent=parent, background="w", axisItems=axis_items(arabic_digits, whole_x))
    left = plot.getAxis("left")
    # room for five digits and a decimal sign (pyqtgraph sized it for Latin digits: Arabic ones were clipped)
    left.setWidth(QFontMetrics(left.style.get("tickFont") or left.font()).horizontalAdvance(tick_text("0.0000", arabic_digits)) + 14)
    bottom = plot.getAxis("bottom")
    # room for a whole line of tick numbers (pyqtgraph's default height cut the taller Arabic digits in half)
    bottom.setHeight(QFontMetrics(bottom.style.get("tickFont") or bottom.font()).height() + 12)
    plot.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    plot.getPlotItem().setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return plot


def bar_chart(title: str, counts: dict[str, int], parent: QWidget | None = None, arabic_digits: bool = False) -> QWidget:
    """Horizontal bars, one per category: the names stand one under the other at the left (they
    never run together, however long, in either script), the counts along the bottom in whole
    numbers."""
    import pyqtgraph as pg
    from PySide6.QtGui import QFontMetrics

    plot = plot_widget(arabic_digits, whole_x=True, parent=parent)
    plot.setTitle(title, color="#14365d")
    labels = list(counts)[::-1]  # the first category on top
    values = [counts[k] for k in labels]
    plot.addItem(pg.BarGraphItem(x0=0, y=list(range(len(labels))), width=values, height=0.6, brush="#2f6fb3"))
    axis = plot.getAxis("left")
    axis.setTicks([list(enumerate(labels))])
    metrics = QFontMetrics(axis.style.get("tickFont") or axis.font())
    axis.setWidth(max([metrics.horizontalAdvance(x) for x in labels] + [20]) + 14)  # every name whole, none clipped
    axis.setTextPen("#333")
    plot.getAxis("bottom").setTextPen("#333")
    plot.setXRange(0, max(values or [1]) * 1.05, padding=0)
    plot.setYRange(-0.6, len(labels) - 0.4, padding=0)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setMinimumHeight(max(170, 40 + 22 * len(labels)))
    return plot


def histogram(title: str, values: list[int], bins: int = 20, parent: QWidget | None = None, arabic_digits: bool = False) -> QWidget:
    import numpy as np
    import pyqtgraph as pg

    plot = plot_widget(arabic_digits, parent=parent)
    plot.setTitle(title, color="#14365d")
    if values:
        y, x = np.histogram(values, bins=bins)
        plot.addItem(pg.PlotDataItem(x, y, stepMode="center", fillLevel=0, brush="#8fb3da", pen="#2f6fb3"))
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setMinimumHeight(170)
    return plot
