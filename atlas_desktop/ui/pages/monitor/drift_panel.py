"""Request drift per feature: a table of each feature's PSI, Jensen-Shannon distance, threshold
and state, and beside it the chosen feature's distribution in the training data and in the live
window, and its PSI per bucket over the period."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from atlas_desktop.core.messages import Msg
from atlas_desktop.core.serving.monitor import MonitorSnapshot
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.monitor.distribution import DistributionChart
from atlas_desktop.ui.pages.monitor.text import bin_labels, feature_name, short_time, state_name
from atlas_desktop.ui.widgets.charts import plot_widget
from atlas_desktop.ui.widgets.tables import fill_table, make_table, select_row, selected_row


class DriftPanel(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.snap: MonitorSnapshot | None = None
        self.about = QLabel()
        self.about.setObjectName("driftAbout")
        self.about.setWordWrap(True)
        self.table = make_table([tr("Feature"), tr("PSI"), tr("JS distance"), tr("Threshold"), tr("State")])
        self.table.setObjectName("driftTable")
        self.table.setMinimumHeight(120)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.chart = DistributionChart(ctx.settings.uses_arabic_digits(), minimum_height=110)
        self.over_time = plot_widget(ctx.settings.uses_arabic_digits())
        self.over_time.setObjectName("driftOverTime")
        self.over_time.setMouseEnabled(x=False, y=False)
        self.over_time.hideButtons()
        self.over_time.setMinimumHeight(90)
        left = QVBoxLayout()
        left.addWidget(self.about)
        left.addWidget(self.table, 1)
        right = QVBoxLayout()
        right.addWidget(self.chart, 3)
        right.addWidget(self.over_time, 2)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(left, 3)
        lay.addLayout(right, 2)

    def show_snapshot(self, snap: MonitorSnapshot) -> None:
        ctx = self.ctx
        self.snap = snap
        report = snap.drift
        if report.source is None:
            self.about.setText(localize(Msg("monitor.reference.none"), ctx))
        else:
            self.about.setText(localize(Msg("monitor.drift.summary", requests=report.requests, reference=report.source.describe()), ctx))
        current = max(selected_row(self.table), 0)
        fill_table(self.table, [[feature_name(f.feature), "—" if f.psi is None else ctx.fixed(f.psi, 3),
                                 "—" if f.jsd is None else ctx.fixed(f.jsd, 3), ctx.fixed(f.threshold, 2), state_name(f.state)]
                                for f in report.features])
        for r, f in enumerate(report.features):
            if f.crossed:
                self.table.item(r, 4).setForeground(QColor("#b03a2e"))
        if report.features:
            select_row(self.table, min(current, len(report.features) - 1))
        self._draw()

    def select_feature(self, feature: str) -> None:
        if self.snap is not None:
            names = [f.feature for f in self.snap.drift.features]
            if feature in names:
                select_row(self.table, names.index(feature))

    @Slot()
    def _on_selected(self) -> None:
        self._draw()

    def _draw(self) -> None:
        snap, row = self.snap, selected_row(self.table)
        if snap is None or not 0 <= row < len(snap.drift.features):
            return
        f = snap.drift.features[row]
        self.chart.draw(bin_labels(self.ctx, f), list(f.reference), list(f.live), feature_name(f.feature))
        series = snap.drift_series.get(f.feature, [])
        self.over_time.clear()
        self.over_time.setTitle(tr("PSI per bucket, and the threshold"), color="#14365d", size="9pt")
        xs = list(range(len(series)))
        self.over_time.plot(xs, [math.nan if v is None else v for v in series], pen="#c0392b", connect="finite", symbol="o", symbolSize=4,
                            symbolBrush="#c0392b", symbolPen="#c0392b")
        import pyqtgraph as pg

        self.over_time.plot([0, max(len(xs) - 1, 1)], [f.threshold, f.threshold], pen=pg.mkPen("#555", width=1, style=Qt.PenStyle.DotLine))
        n = len(snap.starts)
        step = max(1, math.ceil(n / 5))
        self.over_time.getAxis("bottom").setTicks([[(i, short_time(self.ctx, snap.starts[i], snap.hourly)) for i in range(0, n, step)]])

