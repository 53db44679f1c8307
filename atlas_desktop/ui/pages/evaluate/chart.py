"""Task success by intent: the candidate's and production's mean, side by side (pyqtgraph).

Horizontal bars, like widgets.charts.bar_chart: the intents one under another at the left,
whatever their script or length, the score (0 to 1) along the bottom in the ui's digits. The key
is a line of text above the plot (a legend inside a small plot covers its bars)."""

from __future__ import annotations

import html

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.widgets.charts import plot_widget

CANDIDATE, PRODUCTION = "#2f6fb3", "#9aa4b1"
BAR = 0.36  # each bar's height; a pair fills most of an intent's row


class IntentChart(QWidget):
    def __init__(self, arabic_digits: bool) -> None:
        super().__init__()
        self.key = QLabel()
        self.key.setObjectName("chartKey")
        self.key.setWordWrap(True)
        self.plot = plot_widget(arabic_digits)
        self.plot.setObjectName("intentChart")
        self.plot.setTitle(tr("Task success by intent"), color="#14365d", size="10pt")
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(120)
        self.plot.getPlotItem().setContentsMargins(0, 0, 14, 0)  # room for the last tick's number at the right...
        self.plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)  # ...which pyqtgraph would otherwise leave out
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.key)
        lay.addWidget(self.plot, 1)
        self.bars: list[tuple[str, float | None, float | None]] = []

    def draw(self, rows: list[tuple[str, float | None, float | None]], candidate: str, production: str) -> None:
        """``rows``: (intent as shown, the candidate's mean, production's mean), first on top."""
        import pyqtgraph as pg

        self.bars = rows
        self.key.setText(f"<span style='color:{CANDIDATE}'>■</span> {html.escape(candidate)} &nbsp;&nbsp; "
                         f"<span style='color:{PRODUCTION}'>■</span> {html.escape(production)}")
        self.plot.clear()
        labels = [r[0] for r in rows][::-1]
        values = rows[::-1]
        ys = list(range(len(labels)))
        for offset, index, color in ((BAR / 2, 1, CANDIDATE), (-BAR / 2, 2, PRODUCTION)):
            scored = [(y, v[index]) for y, v in zip(ys, values) if v[index] is not None]  # an intent not scored has no bar
            if scored:
                self.plot.addItem(pg.BarGraphItem(x0=0, y=[y + offset for y, _ in scored], width=[w for _, w in scored], height=BAR,
                                                  brush=color, pen=color))
        if not any(v[1] is not None or v[2] is not None for v in rows):
            self.key.setText(tr("Nothing to chart yet: no answer has a task-success score, and no reviewer has rated one."))
        axis = self.plot.getAxis("left")
        axis.setTicks([list(enumerate(labels))])
        metrics = QFontMetrics(axis.style.get("tickFont") or axis.font())
        axis.setWidth(min(220, max([metrics.horizontalAdvance(x) for x in labels] + [20]) + 14))
        self.plot.setXRange(0, 1, padding=0.02)
        self.plot.setYRange(-0.6, max(len(labels), 1) - 0.4, padding=0)
