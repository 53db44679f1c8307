"""Local telemetry: one row per request through the gateway, written off the request path.

The request path hands a :class:`Record` to :meth:`TelemetryWriter.put` (a queue put, never a
database call). One background thread takes them in batches (up to ``batch`` rows, or whatever
arrived within ``interval`` seconds), computes what drift needs from the last user turn
(core/serving/features.py: length, Arabic and Latin shares, dialect guess; with the drift model
of the version in production (core/serving/drift.py), the intent guess, for the whole batch in
one call, and the share of words never seen in training) and, only where the project's policy
keeps text, redacts the prompt and the answer with the data pipeline's Redactor, then inserts
the batch in one transaction. A batch the database refuses (a restart of
the server, a lock held too long) is retried with a growing pause while new rows queue behind it;
on shutdown what is left is flushed, and if the database still refuses it, written to a spill
file in the logs folder that the next gateway start loads, so no row is lost.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import Callable
from typing import Any

from sqlalchemy import insert

from atlas_desktop.core.private import private_opener
from atlas_desktop.core.serving.features import request_features
from atlas_desktop.core.storage.models import TelemetryEvent

log = logging.getLogger(__name__)
SPILL_GLOB = "telemetry-spill-*.jsonl"


@dataclass
class Record:
    """What the request path knows about one request (plain values, cheap to make)."""

    project_id: int
    completion_id: str
    target: str
    routing_number: int
    bucket: int
    assigned_by: str
    client: str
    status: str
    stream: bool
    total_ms: float
    first_token_ms: float | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    prompt: str = ""  # the last user turn (for the features; stored only when keep_text)
    answer: str | None = None
    keep_text: bool = False
    detail: str = ""
    at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


class TelemetryWriter:
    """One background thread that writes :class:`Record` objects in batches."""

    def __init__(self, db: Any, gateway: str, *, redactor: Any = None, spill_dir: Path | None = None, batch: int = 500,
                 interval: float = 0.2, drift_model: Callable[[], Any] | None = None) -> None:
        """``drift_model()`` gives the drift model to add the intent and unseen-word share with
        (None: without them); it is called from the writer's thread, once per batch."""
        self.db = db
        self.drift_model = drift_model
        self.gateway = gateway
        self.redactor = redactor
        self.spill_dir = spill_dir
        self.batch = batch
        self.interval = interval
        self.written = 0
        self.retries = 0
        self.spilled = 0
        self._queue: queue.Queue[Record | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="telemetry-writer", daemon=True)
        self._closing = threading.Event()
        self._idle = threading.Condition()
        self._pending = 0

    # ---------------------------------------------------------------- the request side
    def start(self) -> "TelemetryWriter":
        self._thread.start()
        return self

    def put(self, record: Record) -> None:
        with self._idle:
            self._pending += 1
        self._queue.put(record)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Until every record put so far is in the database (tests, shutdown)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Flush what is queued and stop; rows the database still refuses go to a spill file."""
        self._closing.set()
        self._queue.put(None)
        self._thread.join(timeout)

    # ---------------------------------------------------------------- the writer thread
    def _run(self) -> None:
        stop = False
        while not stop:
            records: list[Record] = []
            try:
                first = self._queue.get(timeout=0.5)
            except queue.Empty:
                continue
            if first is None:
                stop = True
            else:
                records.append(first)
                deadline = time.monotonic() + self.interval
                while len(records) < self.batch:
                    try:
                        item = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
                    except queue.Empty:
                        break
                    if item is None:
                        stop = True
                        break
                    records.append(item)
            if stop:  # take whatever is still queued too
                while True:
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is not None:
                        records.append(item)
            if records:
                self._write(records)

    def _write(self, records: list[Record]) -> None:
        rows = [self._row(r, f) for r, f in zip(records, self._features(records))]
        pause, attempts = 0.2, 0
        while True:
            try:
                with self.db.unit_of_work() as s:
                    for start in range(0, len(rows), self.batch):
                        s.execute(insert(TelemetryEvent), rows[start:start + self.batch])
                self.written += len(rows)
                break
            except Exception as exc:  # noqa: BLE001 - the database went away or is locked: keep the rows, try again
                self.retries += 1
                attempts += 1
                if self._closing.is_set() and attempts > 3:
                    self._spill(rows, exc)
                    break
                log.warning("telemetry: %d rows not written yet (%s); trying again in %.1f s", len(rows), exc, pause)
                time.sleep(pause)
                pause = min(pause * 2, 5.0)
        with self._idle:
            self._pending -= len(records)
            self._idle.notify_all()

    def _features(self, records: list[Record]) -> list[dict[str, Any]]:
        """request_features(prompt, model) of each record, the model's classifier run once for all."""
        model = None
        if self.drift_model is not None:
            try:
                model = self.drift_model()
            except Exception as exc:  # noqa: BLE001 - drift is an extra: the rows are written without it
                log.warning("telemetry: no drift model (%s); intent and unseen words left out", exc)
        out = [request_features(r.prompt) if r.prompt else {} for r in records]
        if model is None:
            return out
        asked = [i for i, r in enumerate(records) if r.prompt.strip()]
        for i, intent in zip(asked, model.intents_of([records[i].prompt for i in asked])):
            if intent is not None:
                out[i]["intent"] = intent
            oov = model.oov_share(records[i].prompt)
            if oov is not None:
                out[i]["oov_share"] = oov
        return out

    def _row(self, r: Record, features: dict[str, Any]) -> dict[str, Any]:
        prompt = answer = None
        if r.keep_text:
            prompt = self._redact(r.prompt)
            answer = self._redact(r.answer) if r.answer is not None else None
        return {"at": r.at, "project_id": r.project_id, "completion_id": r.completion_id, "target": r.target,
                "routing_number": r.routing_number, "bucket": r.bucket, "assigned_by": r.assigned_by, "client": r.client[:120],
                "status": r.status, "stream": r.stream, "first_token_ms": r.first_token_ms, "total_ms": r.total_ms,
                "tokens_in": r.tokens_in, "tokens_out": r.tokens_out, "features": features,
                "prompt_text": prompt, "answer_text": answer, "gateway": self.gateway[:80], "detail": r.detail}

    def _redact(self, text: str) -> str:
        if not text or self.redactor is None:
            return text
        redacted, _, _ = self.redactor.redact_conversation([{"role": "user", "content": text}])
        return redacted[0]["content"]

    def _spill(self, rows: list[dict[str, Any]], exc: Exception) -> None:
        if self.spill_dir is None:
            log.error("telemetry: %d rows lost (%s) and no spill folder", len(rows), exc)
            return
        self.spill_dir.mkdir(parents=True, exist_ok=True)
        path = self.spill_dir / f"telemetry-spill-{os.getpid()}-{time.time_ns()}.jsonl"
        with open(path, "w", encoding="utf-8", opener=private_opener) as f:
            for row in rows:
                f.write(json.dumps({**row, "at": row["at"].isoformat()}, ensure_ascii=False) + "\n")
        self.spilled += len(rows)
        log.error("telemetry: the database refused %d rows (%s); kept in %s for the next start", len(rows), exc, path)


def load_spills(db: Any, spill_dir: Path) -> int:
    """Insert rows an earlier gateway could not write (its spill files), then remove the files."""
    done = 0
    for path in sorted(spill_dir.glob(SPILL_GLOB)):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for row in rows:
            row["at"] = datetime.fromisoformat(row["at"])
        with db.unit_of_work() as s:
            if rows:
                s.execute(insert(TelemetryEvent), rows)
        path.unlink()
        done += len(rows)
    return done
