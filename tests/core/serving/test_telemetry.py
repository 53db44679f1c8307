"""The telemetry writer: batches off the request path, retries while the database refuses,
and on shutdown keeps what it could not write in a spill file the next start loads."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from sqlalchemy import func, select

from atlas_desktop.core.serving.telemetry import Record, TelemetryWriter, load_spills
from atlas_desktop.core.storage.models import Project, TelemetryEvent


class FlakyDb:
    """The real database, refusing the first ``failures`` transactions (or all of them)."""

    def __init__(self, db, failures: int) -> None:  # noqa: ANN001
        self.db, self.failures, self.calls = db, failures, 0
        self.lock = threading.Lock()

    @contextmanager
    def unit_of_work(self):  # noqa: ANN201
        with self.lock:
            self.calls += 1
            refuse = self.failures < 0 or self.calls <= self.failures
        if refuse:
            raise RuntimeError("server closed the connection unexpectedly")
        with self.db.unit_of_work() as s:
            yield s


def _record(pid: int, i: int) -> Record:
    return Record(pid, f"chatcmpl-{i}", "base", 1, i % 10_000, "user", "app", "ok", False, 3.5, prompt="مرحبا بكم في البنك")


def _count(ws) -> int:  # noqa: ANN001
    with ws.unit_of_work() as s:
        return s.execute(select(func.count()).select_from(TelemetryEvent)).scalar_one()


def _project_id(ws) -> int:  # noqa: ANN001
    with ws.unit_of_work() as s:
        return s.execute(select(Project.id)).scalar_one()


def test_rows_are_written_in_batches_and_none_are_lost_when_the_database_refuses_for_a_while(serving_ws) -> None:  # noqa: ANN001
    pid = _project_id(serving_ws)
    db = FlakyDb(serving_ws.db, failures=2)
    w = TelemetryWriter(db, "host:1", batch=100, interval=0.05).start()
    for i in range(1000):
        w.put(_record(pid, i))
    assert w.wait_idle(20)
    w.close()
    assert _count(serving_ws) == 1000 and w.written == 1000 and w.retries == 2
    assert db.calls < 30  # in batches, not a transaction per row
    with serving_ws.unit_of_work() as s:
        row = s.execute(select(TelemetryEvent).limit(1)).scalar_one()
        assert row.features["arabic_share"] == 1.0 and row.gateway == "host:1" and row.prompt_text is None


def test_rows_the_database_never_takes_are_spilled_and_loaded_at_the_next_start(serving_ws) -> None:  # noqa: ANN001
    pid = _project_id(serving_ws)
    spill = serving_ws.paths.logs
    w = TelemetryWriter(FlakyDb(serving_ws.db, failures=-1), "host:2", spill_dir=spill, interval=0.01).start()
    for i in range(50):
        w.put(_record(pid, i))
    w.close(timeout=30)
    assert w.spilled == 50 and _count(serving_ws) == 0 and len(list(spill.glob("telemetry-spill-*.jsonl"))) == 1
    assert load_spills(serving_ws.db, spill) == 50
    assert _count(serving_ws) == 50 and not list(spill.glob("telemetry-spill-*.jsonl"))


class FakeDriftModel:
    def __init__(self) -> None:
        self.batches: list[int] = []

    def intents_of(self, texts: list[str]) -> list[str | None]:
        self.batches.append(len(texts))
        return ["support" if "بطاقة" in t else None for t in texts]

    def oov_share(self, text: str) -> float | None:
        return 0.25 if text.strip() else None


def test_the_drift_model_adds_intent_and_unseen_words_once_per_batch(serving_ws) -> None:  # noqa: ANN001
    pid = _project_id(serving_ws)
    model = FakeDriftModel()
    w = TelemetryWriter(serving_ws.db, "host:3", interval=0.2, drift_model=lambda: model).start()
    for i in range(20):
        w.put(Record(pid, f"chatcmpl-{i}", "base", 1, 1, "user", "app", "ok", False, 1.0, prompt="أين بطاقتي؟ بطاقة" if i % 2 else "مرحبا"))
    w.put(Record(pid, "", "", 1, -1, "", "app", "bad_request", False, 0.0))  # a refused request: no prompt, no features
    assert w.wait_idle(10)
    w.close()
    with serving_ws.unit_of_work() as s:
        rows = list(s.execute(select(TelemetryEvent).order_by(TelemetryEvent.id)).scalars())
    assert rows[1].features["intent"] == "support" and rows[1].features["oov_share"] == 0.25
    assert "intent" not in rows[0].features and rows[0].features["oov_share"] == 0.25 and rows[-1].features == {}
    assert sum(model.batches) == 20 and len(model.batches) <= 3  # the classifier runs per batch, not per row
