"""Monitor: the served versions' traffic, latency, errors, thumbs and tickets over time, request
drift per feature with an alert when a threshold is crossed, and the gateway's address and keys.

While the page is visible it asks for a new snapshot every few seconds (loader.py: off the GUI
thread, one at a time, reused while nothing changed), and less often when a query takes long
(never more than a third of the time busy); hidden, it asks for none."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from atlas_desktop.core.errors import AtlasError
from atlas_desktop.ui.context import AppContext, Changes
from atlas_desktop.ui.core_text import localize
from atlas_desktop.ui.glossary import count
from atlas_desktop.ui.i18n import N_, tr
from atlas_desktop.ui.pages.monitor.alert_banner import AlertBanner
from atlas_desktop.ui.pages.monitor.drift_panel import DriftPanel
from atlas_desktop.ui.pages.monitor.gateway_panel import GatewayPanel
from atlas_desktop.ui.pages.monitor.loader import SnapshotLoader
from atlas_desktop.ui.pages.monitor.text import target_name
from atlas_desktop.ui.pages.monitor.traffic_charts import TrafficCharts

REFRESH_MS = 5000
REFUSED_NAMES = {"unknown_model": N_("unknown model"), "bad_request": N_("malformed request"), "too_large": N_("too large"),
                 "unauthorized": N_("no valid key")}
PERIODS = ((24, N_("Last 24 hours")), (24 * 7, N_("Last 7 days")), (24 * 30, N_("Last 30 days")))


class MonitorPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        heading = QLabel(tr("Monitor"))
        heading.setObjectName("pageHeading")
        self.period = QComboBox()
        self.period.setObjectName("monitorPeriod")
        for hours, name in PERIODS:
            self.period.addItem(tr(name), hours)
        self.period.setCurrentIndex(1)
        self.period.currentIndexChanged.connect(self._on_period)
        self.status = QLabel()
        self.status.setObjectName("monitorStatus")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.period)

        self.summary = QLabel()
        self.summary.setObjectName("monitorSummary")
        self.summary.setWordWrap(True)
        self.banner = AlertBanner(ctx)
        self.traffic = TrafficCharts(ctx)
        self.drift = DriftPanel(ctx)
        self.gateway = GatewayPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("monitorTabs")
        self.tabs.addTab(self.traffic, tr("Traffic"))
        self.tabs.addTab(self.drift, tr("Request drift"))
        self.tabs.addTab(self.gateway, tr("Gateway"))

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.banner)
        lay.addWidget(self.tabs, 1)

        self.loader = SnapshotLoader(ctx.ws, self)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.banner.open_feature.connect(self._on_open_feature)
        ctx.project_changed.connect(self._on_project_changed)
        ctx.changed.connect(self._on_changed)
        self.gateway.reload()
        self._show_empty()

    # ------------------------------------------------------------------ refreshing
    @property
    def hours(self) -> int:
        return int(self.period.currentData())

    def refresh(self) -> None:
        """Ask for a new snapshot (off the GUI thread); shown when it arrives."""
        project = self.ctx.current_project
        if not project:
            self._show_empty()
            return
        shown = self.loader.snapshot
        first = shown is None or shown.project != project or shown.hours != self.hours
        if self.loader.request(project, self.hours) and first:
            # The first query of a project or period: say so instead of empty axes with no words.
            self.status.setText(tr("Reading the telemetry…"))
            self.summary.setText(tr("Reading the telemetry…"))

    def wait_ready(self, timeout: float = 30.0) -> None:
        """Block until the running snapshot query is shown (a screenshot waits for it)."""
        self.loader.wait(timeout)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        self.refresh()
        self.refresh_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt naming
        self.refresh_timer.stop()
        super().hideEvent(event)

    @Slot(object)
    def _on_loaded(self, snap: Any) -> None:
        self.refresh_timer.setInterval(max(REFRESH_MS, int(3000 * self.loader.seconds)))
        if snap.project != self.ctx.current_project:
            return
        ctx = self.ctx
        self.status.setText(tr("Updated {time}").format(time=ctx.digits(snap.until.astimezone().strftime("%H:%M:%S"))))
        if snap.targets:
            parts = [tr("{target}: {share} of {requests}, p95 {p95} ms").format(
                target=target_name(t.target), share=ctx.percent(t.total_share), requests=count(ctx, t.total.requests, "request"),
                p95="—" if t.total.p95_ms is None else ctx.num(round(t.total.p95_ms))) for t in snap.targets]
            self.summary.setText(" · ".join(parts))
        else:
            self.summary.setText(tr("No requests in this period. Telemetry appears here as the gateway answers requests."))
        if snap.refused:
            reasons = ", ".join(f"{tr(REFUSED_NAMES.get(status, status))} {ctx.num(n)}" for status, n in sorted(snap.refused.items()))
            refused = tr("Refused before routing: {requests} ({reasons})").format(
                requests=count(ctx, sum(snap.refused.values()), "request"), reasons=reasons)
            self.summary.setText(f"{self.summary.text()}\n{refused}" if snap.targets else refused)
        self.banner.show_snapshot(snap)
        self.traffic.draw(snap)
        self.drift.show_snapshot(snap)

    @Slot(object)
    def _on_failed(self, exc: Any) -> None:
        self.status.setText(localize(exc, self.ctx) if isinstance(exc, AtlasError) else tr("Could not read the telemetry: {error}").format(
            error=f"{type(exc).__name__}: {exc}"))

    def _show_empty(self) -> None:
        self.summary.setText(tr("Choose or create a project on the Projects page.") if not self.ctx.current_project else "")
        self.banner.hide()

    @Slot()
    def _on_period(self) -> None:
        self.refresh()

    @Slot(str)
    def _on_open_feature(self, feature: str) -> None:
        self.tabs.setCurrentWidget(self.drift)
        self.drift.select_feature(feature)

    @Slot(str)
    def _on_project_changed(self, _name: str) -> None:
        self.loader.snapshot = None
        self.gateway.reload()
        if self.isVisible():
            self.refresh()

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.project == self.ctx.current_project and (changes.models or changes.datasets) and self.isVisible():
            self.loader.snapshot = None  # a new version in production or dataset: a new drift reference
            self.refresh()
