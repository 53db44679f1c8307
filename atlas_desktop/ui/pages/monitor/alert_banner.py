"""The alert shown above everything while a threshold is crossed: the feature furthest past its
threshold in a sentence (and the others by name), its distribution in the training data and in
the live window as a small bar chart beside it, and a button to the Drift tab on that feature."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from atlas_desktop.core.serving.monitor import MonitorSnapshot
from atlas_desktop.ui.context import AppContext
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.glossary import listing
from atlas_desktop.ui.i18n import tr
from atlas_desktop.ui.pages.monitor.distribution import DistributionChart
from atlas_desktop.ui.pages.monitor.text import bin_labels, feature_name


class AlertBanner(QFrame):
    open_feature = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("monitorAlert")
        self.feature = ""
        self.title = QLabel(f"<b>⚠ {html.escape(tr('Request drift'))}</b>")
        self.title.setObjectName("alertTitle")
        self.text = QLabel()
        self.text.setObjectName("alertText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details = QPushButton(tr("Show in the drift table"))
        self.details.setObjectName("alertDetails")
        self.details.clicked.connect(self._on_details)
        self.chart = DistributionChart(ctx.settings.uses_arabic_digits(), minimum_height=60, vertical=True)
        self.chart.setFixedHeight(104)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.details)
        left = QVBoxLayout()
        left.setSpacing(2)
        left.addLayout(head)
        left.addWidget(self.text, 1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addLayout(left, 1)
        lay.addWidget(self.chart, 1)
        self.hide()

    def show_snapshot(self, snap: MonitorSnapshot) -> None:
        alerts = sorted(snap.drift.alerts, key=lambda f: (f.psi or 0.0) / f.threshold, reverse=True)
        if not alerts:
            self.hide()
            return
        worst = alerts[0]
        self.feature = worst.feature
        sentence = next(m for m, f in zip(snap.drift.alert_messages(), snap.drift.alerts) if f is worst)
        text = html.escape(localize(sentence, self.ctx))
        if len(alerts) > 1:
            text += "<br>" + html.escape(tr("Also past their thresholds: {features}.").format(
                features=listing(self.ctx, [feature_name(f.feature) for f in alerts[1:]])))
        self.text.setText(text)
        self.chart.draw(bin_labels(self.ctx, worst), list(worst.reference), list(worst.live), feature_name(worst.feature))
        self.show()

    @Slot()
    def _on_details(self) -> None:
        self.open_feature.emit(self.feature)
