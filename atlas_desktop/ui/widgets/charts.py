"""Small bar charts (pyqtgraph). Labels are drawn by Qt, so Arabic is shaped."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def bar_chart(title: str, counts: dict[str, int], parent: QWidget | None = None) -> QWidget:
    import pyqtgraph as pg

    plot = pg.PlotWidget(parent=parent, background="w")
    plot.setTitle(title, color="#14365d")
    labels = list(counts)
    values = [counts[k] for k in labels]
    plot.addItem(pg.BarGraphItem(x=list(range(len(labels))), height=values, width=0.6, brush="#2f6fb3"))
    axis = plot.getAxis("bottom")
    axis.setTicks([list(enumerate(labels))])
    axis.setTextPen("#333")
    plot.getAxis("left").setTextPen("#333")
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setMinimumHeight(170)
    return plot


def histogram(title: str, values: list[int], bins: int = 20, parent: QWidget | None = None) -> QWidget:
    import numpy as np
    import pyqtgraph as pg

    plot = pg.PlotWidget(parent=parent, background="w")
    plot.setTitle(title, color="#14365d")
    if values:
        y, x = np.histogram(values, bins=bins)
        plot.addItem(pg.PlotDataItem(x, y, stepMode="center", fillLevel=0, brush="#8fb3da", pen="#2f6fb3"))
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setMinimumHeight(170)
    return plot
