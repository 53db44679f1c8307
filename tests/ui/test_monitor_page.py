"""The Monitor page as a release manager reads it: traffic per target over time, the drift alert
and its feature in the drift table, the gateway's address and keys; queries off the GUI thread,
refreshed while the page is visible and only then; new telemetry shows on the next refresh."""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from atlas_desktop.core.serving import monitor
from tests.helpers.telemetry import build_monitor_home, copy_workspace, generate_telemetry
from tests.helpers.visible_text import plain

@pytest.fixture(scope="module")
def live_monitor_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project, dataset v1, three client keys and five days of telemetry ending now."""
    return build_monitor_home(tmp_path_factory.mktemp("monitor-ui") / "atlas-home", now=datetime.now(timezone.utc), keys=True)

@pytest.fixture
def live_monitor_ws(live_monitor_home: Path, atlas_home: Path):  # noqa: ANN201
    ws = copy_workspace(live_monitor_home, atlas_home)
    yield ws
    ws.close()

def shown_monitor(w, qtbot):  # noqa: ANN001, ANN201
    """The Monitor page once its first snapshot is on screen."""
    page = w.show_page("monitor")
    qtbot.waitUntil(lambda: page.loader.snapshot is not None and not page.loader.busy, timeout=30000)
    return page

def test_traffic_drift_alert_and_gateway(make_window, live_monitor_ws, qtbot) -> None:  # noqa: ANN001
    w = make_window(live_monitor_ws, "en")
    page = shown_monitor(w, qtbot)
    snap = page.loader.snapshot
    assert snap.requests == 1200 and [t.target for t in snap.targets] == ["base", "v1"] and not snap.hourly
    summary = plain(page.summary.text())
    assert summary.startswith("base model: ") and "v1: " in summary and "of 1,200" not in summary and " requests, p95 " in summary

    # six charts, a line per target, gaps where a bucket has nothing
    assert set(page.traffic.drawn) == {"share", "requests", "latency", "errors", "thumbs", "tickets"}
    assert len(page.traffic.drawn["requests"]["v1"]) == len(snap.starts) == 8
    assert sum(page.traffic.drawn["requests"]["base"]) + sum(page.traffic.drawn["requests"]["v1"]) == 1200
    assert "base model" in plain(page.traffic.key.text()) and "v1" in plain(page.traffic.key.text())

    # the alert: the feature furthest past its threshold, its distribution before and after
    assert page.banner.isVisible()
    said = plain(page.banner.text.text())
    assert said.startswith("Request drift in ") and "is above the threshold 0.2" in said and "Also past their thresholds:" in said
    worst = page.banner.feature
    labels = [label for label, _before, _after in page.banner.chart.shown]
    assert labels and abs(sum(b for _l, b, _a in page.banner.chart.shown) - 1) < 1e-6
    page.banner.details.click()
    assert page.tabs.currentWidget() is page.drift
    rows = [page.drift.table.item(r, 0).text() for r in range(page.drift.table.rowCount())]
    assert rows == ["Length (words)", "Dialect mix", "Intent mix", "Latin share of letters", "Words never seen in training"]
    chosen = page.drift.table.selectionModel().selectedRows()[0].row()
    assert snap.drift.features[chosen].feature == worst
    assert page.drift.table.item(chosen, 4).text() == "drifted"
    assert "compared with dataset v1, the newest (no model version yet)" in plain(page.drift.about.text())

    # the gateway: its address, the keys (hash only), start and stop waiting for `atlas serve`
    page.tabs.setCurrentWidget(page.gateway)
    assert "http://127.0.0.1:8800/v1" in plain(page.gateway.address.text())
    assert page.gateway.keys.rowCount() == 3 and "2 in use, 1 revoked" in page.gateway.keys_title.text()
    from atlas_desktop.ui.pages.monitor.gateway_panel import gateway_available

    if not gateway_available():
        assert not page.gateway.start_btn.isEnabled() and "atlas serve" in page.gateway.start_btn.toolTip()

def test_queries_run_off_the_gui_thread_only_while_visible_and_show_new_telemetry(make_window, live_monitor_ws, qtbot,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    ws = live_monitor_ws
    threads: list[str] = []
    real = monitor.snapshot

    def recording(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(monitor, "snapshot", recording)
    w = make_window(ws, "en")
    page = shown_monitor(w, qtbot)
    assert threads and all(name.startswith("monitor") for name in threads) and threading.current_thread().name not in threads
    assert page.refresh_timer.isActive()
    first = page.loader.snapshot

    # nothing changed: the next refresh keeps the snapshot it has (no new query of the period)
    page.refresh()
    qtbot.waitUntil(lambda: not page.loader.busy, timeout=30000)
    assert page.loader.snapshot is first and len(threads) == 1

    # new requests: the next refresh shows them
    generate_telemetry(ws, ws.settings.current_project, days=1, per_day=48, now=datetime.now(timezone.utc), seed=11, drift_days=0)
    page.refresh()
    qtbot.waitUntil(lambda: page.loader.snapshot is not first and not page.loader.busy, timeout=30000)
    assert page.loader.snapshot.requests == 1248

    # the last 24 hours: by the hour
    page.period.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.loader.snapshot.hourly and not page.loader.busy, timeout=30000)
    assert len(page.loader.snapshot.starts) in (24, 25)

    w.show_page("projects")  # hidden: no refresh
    assert not page.refresh_timer.isActive()
    w.show_page("monitor")
    assert page.refresh_timer.isActive()

def test_a_project_without_telemetry_says_so(make_window, ws, qtbot) -> None:  # noqa: ANN001
    from atlas_desktop.core.demo import ensure_demo_project

    name, _ = ensure_demo_project(ws)
    ws.settings.current_project = name
    w = make_window(ws, "en")
    page = shown_monitor(w, qtbot)
    assert "No requests in this period" in page.summary.text() and not page.banner.isVisible()
    assert "no dataset version yet" in plain(page.drift.about.text())
    assert page.loader.snapshot.requests == 0 and page.traffic.drawn["requests"] == {}

def test_the_window_with_the_monitor_page_fits_1280_by_720_in_arabic(make_window, live_monitor_ws, qtbot) -> None:  # noqa: ANN001
    w = make_window(live_monitor_ws, "ar")
    page = shown_monitor(w, qtbot)
    assert page.banner.isVisible()
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        smallest = w.minimumSizeHint().expandedTo(w.minimumSize())
        assert smallest.width() <= 1280 and smallest.height() <= 720, (tab, smallest.toTuple())


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_start_and_stop_the_gateway_from_the_window(make_window, ws, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Start runs `atlas serve` off the GUI thread and says where it listens; Stop ends it."""
    import functools
    import socket

    from atlas_desktop.core.demo import ensure_demo_project
    from atlas_desktop.core.serving import service

    ensure_demo_project(ws)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(service, "start", functools.partial(service.start, port=port))
    w = make_window(ws, "ar")
    page = shown_monitor(w, qtbot)
    page.tabs.setCurrentWidget(page.gateway)
    panel = page.gateway
    assert panel.start_btn.isEnabled() and not panel.stop_btn.isEnabled()
    try:
        panel.start_btn.click()
        qtbot.waitUntil(lambda: panel.job is None, timeout=90_000)
        svc = service.status(ws, ws.settings.current_project)
        assert svc is not None and svc.port == port, panel.state.text()
        assert f"127.0.0.1:{port}" in panel.state.text() and panel.stop_btn.isEnabled() and not panel.start_btn.isEnabled()
        panel.stop_btn.click()
        qtbot.waitUntil(lambda: panel.job is None, timeout=60_000)
        assert service.status(ws, ws.settings.current_project) is None and panel.start_btn.isEnabled()
    finally:
        service.stop(ws, ws.settings.current_project)


def test_the_first_query_says_it_is_reading_and_a_lone_bucket_shows_as_a_dot(make_window, live_monitor_ws, qtbot) -> None:  # noqa: ANN001
    """Before the first snapshot arrives the page says it is reading (not empty axes with no
    words); a value with no neighbour on either side (one busy hour in a quiet month) is drawn as
    a dot, since a line needs two points."""
    w = make_window(live_monitor_ws, "en")
    page = w.show_page("monitor")
    if page.loader.busy:  # the first query is running: the page says so
        assert page.status.text() == "Reading the telemetry…" and page.summary.text() == "Reading the telemetry…"
    page.wait_ready()
    assert page.loader.snapshot is not None and page.status.text().startswith("Updated ")
    page.period.setCurrentIndex(2)  # 30 days by the day: only the last five have requests
    assert page.status.text() == "Reading the telemetry…"
    page.wait_ready()
    plot = page.traffic.plots["latency"]
    ys = page.traffic.drawn["latency"]["v1"]
    assert len(ys) > 10 and 5 <= sum(1 for y in ys if y == y) <= 6  # NaN where a day had no request
    page.traffic._line("latency", list(range(len(ys))), [float("nan")] * (len(ys) - 1) + [500.0], None, "#000")
    dots = [item for item in plot.listDataItems() if item.opts.get("pen") is None and item.opts.get("symbol")]
    assert dots and list(dots[-1].getData()[1]) == [500.0]


def test_client_keys_are_made_and_revoked_from_the_window(make_window, live_monitor_ws, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """New key… asks for the application's name and shows the key once (to copy); Revoke… asks
    first and the gateway's key list no longer holds it. Both are in the audit trail."""
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from atlas_desktop.core.serving import keys
    from atlas_desktop.core.storage import audit
    from atlas_desktop.ui.pages.monitor import gateway_panel
    from atlas_desktop.ui.widgets.tables import select_row

    ws = live_monitor_ws
    w = make_window(ws, "ar")
    page = shown_monitor(w, qtbot)
    panel = page.gateway
    page.tabs.setCurrentWidget(panel)
    assert not panel.revoke_btn.isEnabled()
    shown: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  تطبيق الفروع  ", True))
    monkeypatch.setattr(gateway_panel.KeyShownDialog, "exec", lambda self: shown.append(self.field.text()) or 0)
    panel.new_key_btn.click()
    assert len(shown) == 1 and shown[0].startswith("atlas-")
    names = [panel.keys.item(r, 0).text() for r in range(panel.keys.rowCount())]
    assert len(names) == 4 and "تطبيق الفروع" in names
    row = names.index("تطبيق الفروع")
    assert "تطبيق الفروع" in panel.key_note.text()
    project = ws.settings.current_project
    made = [k for k in keys.list_keys(ws, project) if k.name == "تطبيق الفروع"][0]
    assert keys.key_hash(shown[0]) in {h for h in _live_hashes(ws, project)}

    select_row(panel.keys, row)
    assert panel.selected_key().name == "تطبيق الفروع"
    assert panel.revoke_btn.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    panel.revoke_btn.click()
    assert keys.key_hash(shown[0]) in _live_hashes(ws, project)  # declined: nothing changed
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.revoke_btn.click()
    assert keys.key_hash(shown[0]) not in _live_hashes(ws, project)
    assert "أُبطل" in panel.key_note.text()
    revoked = [r for r in range(panel.keys.rowCount()) if panel.keys.item(r, 0).text() == "تطبيق الفروع"][0]
    assert panel.keys.item(revoked, 4).text() != "قيد الاستخدام"
    select_row(panel.keys, revoked)
    assert panel.selected_key().prefix == made.prefix and not panel.revoke_btn.isEnabled()
    with ws.unit_of_work() as s:
        assert [e.action for e in audit.recent(s, 2)] in (["serve.key_revoked", "serve.key_created"], ["serve.key_created", "serve.key_revoked"])

    # an empty name is refused in words below the table; nothing is made
    assert panel.create_key("   ") is None and panel.key_note.text() and panel.keys.rowCount() == 4


def _live_hashes(ws, project: str) -> set[str]:  # noqa: ANN001
    from atlas_desktop.core.projects import project_record
    from atlas_desktop.core.serving.keys import live_keys

    with ws.unit_of_work() as s:
        return set(live_keys(s, project_record(s, project).id))
