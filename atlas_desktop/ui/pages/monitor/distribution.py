"""A feature's distribution before (the training data) and after (the live window), side by side
(pyqtgraph), in percent of requests. Horizontal bars (``vertical=False``, as in
widgets.charts.bar_chart): the bins one under another at the left, whatever their script or
length, for the Drift tab; vertical bars, the bins along the bottom, for the alert banner's short
strip. The key (which colour is which) is a line above the bars or, in the strip, the title."""

from __future__ import annotations

import html

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.widgets.charts import plot_widget

TRAINING, LIVE = "#9aa4b1", "#c0392b"
BAR = 0.38


def key_text() -> str:
    return (f"<span style='color:{TRAINING}'>■</span> {html.escape(tr('training data'))} &nbsp; "
            f"<span style='color:{LIVE}'>■</span> {html.escape(tr('live requests'))}")


class DistributionChart(QWidget):
    def __init__(self, arabic_digits: bool, minimum_height: int = 90, vertical: bool = False) -> None:
        super().__init__()
        self.vertical = vertical
        self.key = QLabel(key_text())
        self.key.setObjectName("chartKey")
        self.key.setVisible(not vertical)
        self.plot = plot_widget(arabic_digits)
        self.plot.setObjectName("distributionChart")
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(minimum_height)
        self.plot.getPlotItem().setContentsMargins(0, 0, 14, 0)
        if vertical:
            left = self.plot.getAxis("left")
            left.setWidth(QFontMetrics(left.style.get("tickFont") or left.font()).horizontalAdvance("1000") + 10)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.key)
        lay.addWidget(self.plot, 1)
        self.shown: list[tuple[str, float, float]] = []

    def draw(self, labels: list[str], before: list[float], after: list[float], title: str = "") -> None:
        """Shares (0 to 1) per bin, in order (the first on top, or at the left of the window's direction)."""
        import pyqtgraph as pg

        self.shown = list(zip(labels, before, after))
        self.plot.clear()
        top = max([100 * v for v in [*before, *after]] + [1.0])
        heading = tr("{feature} (% of requests)").format(feature=html.escape(title))
        if self.vertical:  # a short strip: the key in the title line, and the feature's name alone (the axis is 0 to 100)
            heading = html.escape(title) + "&nbsp; " + key_text()
        self.plot.setTitle(heading, color="#14365d", size="9pt")
        if self.vertical:
            xs = list(range(len(labels)))
            for offset, values, color in ((-BAR / 2, before, TRAINING), (BAR / 2, after, LIVE)):
                self.plot.addItem(pg.BarGraphItem(x=[x + offset for x in xs], y0=0, height=[100 * v for v in values], width=BAR,
                                                  brush=color, pen=color))
            self.plot.getAxis("bottom").setTicks([list(enumerate(labels))])
            self.plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)
            self.plot.setXRange(-0.6, max(len(labels), 1) - 0.4, padding=0)
            self.plot.setYRange(0, top * 1.08, padding=0)
            return
        names = labels[::-1]
        ys = list(range(len(names)))
        for offset, values, color in ((BAR / 2, before[::-1], TRAINING), (-BAR / 2, after[::-1], LIVE)):
            self.plot.addItem(pg.BarGraphItem(x0=0, y=[y + offset for y in ys], width=[100 * v for v in values], height=BAR,
                                              brush=color, pen=color))
        axis = self.plot.getAxis("left")
        axis.setTicks([list(enumerate(names))])
        metrics = QFontMetrics(axis.style.get("tickFont") or axis.font())
        axis.setWidth(min(200, max([metrics.horizontalAdvance(x) for x in names] + [20]) + 14))
        self.plot.setXRange(0, top * 1.05, padding=0)
        self.plot.setYRange(-0.6, max(len(names), 1) - 0.4, padding=0)
