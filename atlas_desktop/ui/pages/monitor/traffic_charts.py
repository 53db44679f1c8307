"""Six small charts of the traffic per target over time: share, requests, latency p50 (solid)
and p95 (dashed), error rate, thumbs-down rate, tickets per 1,000 conversations. A bucket
without a value (no request, no thumb) is a gap in the line, not a zero. The x axis counts
buckets; its labels are the buckets' times in the ui's digits. Each target's colour is in the
key above the charts (a legend inside a small plot covers its lines)."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from atlas_desktop.core.serving.monitor import Figures, MonitorSnapshot
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.monitor.text import short_time, target_name
from atlas_desktop.ui.widgets.charts import plot_widget

COLORS = ("#2f6fb3", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085")
PANELS = ("share", "requests", "latency", "errors", "thumbs", "tickets")


def _value(f: Figures, panel: str) -> float:
    value = {"requests": f.requests, "errors": None if f.error_rate is None else 100 * f.error_rate,
             "thumbs": None if f.thumbs_down_rate is None else 100 * f.thumbs_down_rate, "tickets": f.tickets_per_1000}[panel]
    return math.nan if value is None else float(value)


class TrafficCharts(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        import pyqtgraph as pg

        self.pg = pg
        self.ctx = ctx
        self.key = QLabel()
        self.key.setObjectName("chartKey")
        self.key.setWordWrap(True)
        titles = {"share": tr("Traffic share (%)"), "requests": tr("Requests"),
                  "latency": tr("Latency (ms)") + " &nbsp; <span style='color:#555'>" + tr("━ median ╍ 95th percentile") + "</span>",
                  "errors": tr("Error rate (%)"), "thumbs": tr("Thumbs-down rate (%)"), "tickets": tr("Tickets per 1,000 conversations")}
        self.plots = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        for i, panel in enumerate(PANELS):
            plot = plot_widget(ctx.settings.uses_arabic_digits())
            plot.setObjectName(f"chart_{panel}")
            plot.setTitle(titles[panel], color="#14365d", size="9pt")
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMinimumHeight(95)
            self.plots[panel] = plot
            grid.addWidget(plot, i // 3, i % 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.key)
        lay.addLayout(grid, 1)
        self.drawn: dict[str, dict[str, list[float]]] = {}  # panel -> target -> values, as last drawn

    def draw(self, snap: MonitorSnapshot) -> None:
        pg = self.pg
        xs = list(range(len(snap.starts)))
        self.drawn = {p: {} for p in PANELS}
        for plot in self.plots.values():
            plot.clear()
        keys = []
        for i, series in enumerate(snap.targets):
            color = COLORS[i % len(COLORS)]
            keys.append(f"<span style='color:{color}'>■</span> {html.escape(target_name(series.target))}")
            pen = pg.mkPen(color, width=1.6)
            values = {"share": [math.nan if s is None else 100 * s for s in series.share],
                      **{p: [_value(f, p) for f in series.figures] for p in ("requests", "errors", "thumbs", "tickets")}}
            for panel, ys in values.items():
                self._line(panel, xs, ys, pen, color)
                self.drawn[panel][series.target] = ys
            p50 = [math.nan if f.p50_ms is None else f.p50_ms for f in series.figures]
            p95 = [math.nan if f.p95_ms is None else f.p95_ms for f in series.figures]
            self._line("latency", xs, p50, pen, color)
            self._line("latency", xs, p95, pg.mkPen(color, width=1.2, style=Qt.PenStyle.DashLine), color, symbol="t")
            self.drawn["latency"][series.target] = p95
        self.key.setText(" &nbsp;&nbsp; ".join(keys) if keys else tr("No requests in this period."))
        ticks = self._ticks(snap)
        for plot in self.plots.values():
            bottom = plot.getAxis("bottom")
            bottom.setTicks([ticks])
            plot.setXRange(-0.3, max(len(xs) - 0.7, 0.7), padding=0)
            plot.enableAutoRange(y=True)
        self.plots["share"].setYRange(0, 100, padding=0.04)

    def _line(self, panel: str, xs: list[int], ys: list[float], pen: object, color: str, symbol: str = "o") -> None:
        """A line through the values, with a dot on each when there are few buckets and always on a
        value with a gap on both sides (a line needs two neighbours; a lone bucket would not show)."""
        plot = self.plots[panel]
        plot.plot(xs, ys, pen=pen, connect="finite", symbol=symbol if len(xs) <= 10 else None, symbolSize=5,
                  symbolBrush=color, symbolPen=color)
        if len(xs) > 10:
            lone = [i for i, y in enumerate(ys) if not math.isnan(y) and (i == 0 or math.isnan(ys[i - 1]))
                    and (i == len(ys) - 1 or math.isnan(ys[i + 1]))]
            if lone:
                plot.plot([xs[i] for i in lone], [ys[i] for i in lone], pen=None, symbol=symbol, symbolSize=5,
                          symbolBrush=color, symbolPen=color)

    def _ticks(self, snap: MonitorSnapshot) -> list[tuple[int, str]]:
        """About five labels along the axis, on whole buckets (and on midnight when hourly)."""
        n = len(snap.starts)
        if not n:
            return []
        step = max(1, math.ceil(n / 5))
        if snap.hourly:
            step = next((s for s in (1, 2, 3, 4, 6, 8, 12, 24, 48) if n / s <= 5), step)
        return [(i, short_time(self.ctx, snap.starts[i], snap.hourly)) for i in range(0, n, step)]
