"""Background jobs in the window: progress in the status bar, Cancel, failures, crashes."""

from PySide6.QtCore import Qt

from atlas_desktop.ui.workers import Job

COUNT = "atlas_desktop.core.diagnostics:count"


def test_in_process_job_delivers_on_the_gui_thread(qtbot, qapp) -> None:  # noqa: ANN001
    import threading

    from atlas_desktop.core.diagnostics import count

    job = Job("count", count, {"steps": 20, "delay": 0.01})
    threads = []
    job.finished.connect(lambda r: threads.append(threading.current_thread()))
    job.start()
    qtbot.waitUntil(lambda: job.result is not None, timeout=10000)
    assert job.result.ok and job.progress.step == 20
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is threading.main_thread()


def test_child_job_shows_in_the_status_bar_and_cancels(make_window, ws, qtbot) -> None:  # noqa: ANN001
    w = make_window(ws)
    job = w.ctx.jobs.run_child("Counting", COUNT, {"steps": 400, "delay": 0.02})
    qtbot.waitUntil(lambda: job.progress is not None and job.progress.step >= 3, timeout=20000)
    row = w.jobs_bar.row_for(job)
    assert row is not None and row.isVisible() and not w.jobs_bar._idle.isVisible()
    qtbot.waitUntil(lambda: "/" in row.counts.text(), timeout=5000)
    assert row.bar.maximum() == 400
    qtbot.mouseClick(row.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.result is not None, timeout=5000)
    assert job.result.status == "cancelled"
    qtbot.waitUntil(lambda: row.counts.text() == "Cancelled", timeout=2000)


def test_a_crashing_child_is_a_failed_job_not_a_dead_window(make_window, ws, qtbot) -> None:  # noqa: ANN001
    w = make_window(ws)
    job = w.ctx.jobs.run_child("Crash", "atlas_desktop.core.diagnostics:crash", {"code": 9})
    qtbot.waitUntil(lambda: job.result is not None, timeout=20000)
    assert job.result.status == "failed" and "exited with code 9" in job.result.error
    assert w.isVisible()
    qtbot.waitUntil(lambda: w.jobs_bar.row_for(job).counts.text() == "Failed", timeout=2000)


def test_closing_the_window_stops_running_jobs(make_window, ws, qtbot) -> None:  # noqa: ANN001
    w = make_window(ws)
    job = w.ctx.jobs.run_child("Long", COUNT, {"steps": 1000, "delay": 0.05})
    qtbot.waitUntil(lambda: job.progress is not None, timeout=20000)
    w.hide()  # hidden: no confirmation dialog
    w.close()
    assert job.cancel_token.cancelled
    qtbot.waitUntil(lambda: not job._thread.isRunning(), timeout=5000)
