"""What the Monitor page shows, as plain dataclasses (no Qt): per target (a model version or
"base") and per time bucket (hours over two days or less, days beyond), its share of the
traffic, requests, latency p50 and p95, error rate, thumbs-down rate and tickets per 1,000
conversations; and request drift per feature (core/serving/drift.py), over the window and per
bucket, with an alert for each feature past its threshold.

Definitions (the same for the export, core/serving/export.py, and for the release checks):

- **answered**: status ``ok`` or ``failover`` (production answered for a version that was down);
  **errors**: every other status except the client's own doing (``CLIENT_STATUSES``: it hung up,
  sent too much, or was refused); error rate = errors / (answered + errors).
- **latency**: p50 and p95 of the total time of answered requests (the time to the first token
  of streamed ones beside it in the export).
- **thumbs-down rate**: thumbs down / all thumbs, each completion's newest feedback counting
  once, in the bucket of the completion it rates (not of when the feedback came).
- **tickets per 1,000 conversations**: distinct tickets linked to a target's completions (by
  ``atlas tickets import`` or with a thumb through /v1/feedback) per 1,000 answered requests, in
  the bucket of the completion. Telemetry has no conversation id: each answered request is
  counted as a conversation's turn, so a conversation of several turns counts several times
  and the rate reads low by that factor, the same for every target (so they compare fairly).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import numpy as np
from sqlalchemy import func, select

from atlas_desktop.core.messages import Msg
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.serving import drift, drift_settings
from atlas_desktop.core.storage.models import ServingFeedback, TelemetryEvent, TicketLink
from atlas_desktop.core.workspace import Workspace

ANSWERED_STATUSES = frozenset({"ok", "failover"})
CLIENT_STATUSES = frozenset({"disconnected", "too_large", "bad_request", "unauthorized", "cancelled", "unknown_model"})
HOURLY_UP_TO = timedelta(hours=48)


# ------------------------------------------------------------------ one target in one bucket
@dataclass(frozen=True)
class Figures:
    requests: int = 0
    answered: int = 0
    errors: int = 0
    p50_ms: float | None = None
    p95_ms: float | None = None
    first_token_p50_ms: float | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    thumbs_up: int = 0
    thumbs_down: int = 0
    tickets: int = 0

    @property
    def error_rate(self) -> float | None:
        judged = self.answered + self.errors
        return self.errors / judged if judged else None

    @property
    def thumbs_down_rate(self) -> float | None:
        rated = self.thumbs_up + self.thumbs_down
        return self.thumbs_down / rated if rated else None

    @property
    def conversations(self) -> int:
        return self.answered

    @property
    def tickets_per_1000(self) -> float | None:
        return 1000.0 * self.tickets / self.answered if self.answered else None

    def to_json(self) -> dict[str, Any]:
        return {"requests": self.requests, "answered": self.answered, "errors": self.errors, "error_rate": _r(self.error_rate),
                "latency_p50_ms": _r(self.p50_ms, 1), "latency_p95_ms": _r(self.p95_ms, 1),
                "first_token_p50_ms": _r(self.first_token_p50_ms, 1), "tokens_in": self.tokens_in, "tokens_out": self.tokens_out,
                "thumbs_up": self.thumbs_up, "thumbs_down": self.thumbs_down, "thumbs_down_rate": _r(self.thumbs_down_rate),
                "tickets": self.tickets, "tickets_per_1000": _r(self.tickets_per_1000, 2)}


def _r(value: float | None, places: int = 4) -> float | None:
    return None if value is None else round(value, places)


# ------------------------------------------------------------------ the telemetry of a period, as arrays
@dataclass
class Telemetry:
    """Requests of a period (oldest first) and the feedback and tickets on them."""

    at: np.ndarray  # datetime64[us], UTC
    target: np.ndarray  # str
    status: np.ndarray  # str
    total_ms: np.ndarray
    first_token_ms: np.ndarray  # NaN where not streamed
    tokens_in: np.ndarray
    tokens_out: np.ndarray
    completion_id: list[str]
    thumbs: np.ndarray  # each request's newest thumb: +1, -1 or 0
    tickets: np.ndarray  # distinct tickets linked to each request
    stream: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def __len__(self) -> int:
        return len(self.at)


def _datetime64(when: datetime) -> np.datetime64:
    return np.datetime64(drift.utc(when).replace(tzinfo=None), "us")


def load_telemetry(ws: Workspace, project: str, since: datetime | None, until: datetime | None) -> Telemetry:
    with ws.unit_of_work() as s:
        pid = project_record(s, project).id
        q = select(TelemetryEvent.at, TelemetryEvent.target, TelemetryEvent.status, TelemetryEvent.total_ms, TelemetryEvent.first_token_ms,
                   TelemetryEvent.tokens_in, TelemetryEvent.tokens_out, TelemetryEvent.completion_id, TelemetryEvent.stream
                   ).where(TelemetryEvent.project_id == pid)
        if since is not None:
            q = q.where(TelemetryEvent.at >= since)
        if until is not None:
            q = q.where(TelemetryEvent.at < until)
        rows = s.execute(q.order_by(TelemetryEvent.at, TelemetryEvent.id)).all()
        thumbs: dict[str, int] = {}
        tickets: dict[str, set[str]] = defaultdict(set)
        if rows:
            since_fb = rows[0][0]  # feedback and tickets come after the request they are about
            for cid, value in s.execute(select(ServingFeedback.completion_id, ServingFeedback.thumbs)
                                        .where(ServingFeedback.project_id == pid, ServingFeedback.at >= since_fb)
                                        .order_by(ServingFeedback.at, ServingFeedback.id)):
                if value:
                    thumbs[cid] = 1 if value > 0 else -1  # the newest feedback on a completion counts
            for cid, ticket in s.execute(select(ServingFeedback.completion_id, ServingFeedback.ticket_id)
                                         .where(ServingFeedback.project_id == pid, ServingFeedback.ticket_id.is_not(None),
                                                ServingFeedback.at >= since_fb)):
                tickets[cid].add(ticket)
            for cid, ticket in s.execute(select(TicketLink.completion_id, TicketLink.ticket_id).where(TicketLink.project_id == pid)):
                tickets[cid].add(ticket)
    ids = [r[7] for r in rows]
    return Telemetry(
        at=drift.micro_times([r[0] for r in rows]),
        target=np.array([r[1] for r in rows], dtype=object), status=np.array([r[2] for r in rows], dtype=object),
        total_ms=np.array([r[3] or 0.0 for r in rows], dtype=float),
        first_token_ms=np.array([np.nan if r[4] is None else r[4] for r in rows], dtype=float),
        tokens_in=np.array([r[5] or 0 for r in rows], dtype=np.int64), tokens_out=np.array([r[6] or 0 for r in rows], dtype=np.int64),
        completion_id=ids, thumbs=np.array([thumbs.get(c, 0) for c in ids], dtype=np.int8),
        tickets=np.array([len(tickets.get(c, ())) for c in ids], dtype=np.int64), stream=np.array([bool(r[8]) for r in rows], dtype=bool))


def figures_of(t: Telemetry, index: np.ndarray) -> Figures:
    """The figures of the requests at ``index`` (a boolean mask or positions)."""
    status = t.status[index]
    if not len(status):
        return Figures()
    answered = np.fromiter((x in ANSWERED_STATUSES for x in status), dtype=bool, count=len(status))
    client = np.fromiter((x in CLIENT_STATUSES for x in status), dtype=bool, count=len(status))
    errors = ~answered & ~client
    total = t.total_ms[index][answered]
    first = t.first_token_ms[index][answered]
    first = first[~np.isnan(first)]
    thumbs = t.thumbs[index]
    p50, p95 = (float(x) for x in np.percentile(total, [50, 95])) if len(total) else (None, None)
    return Figures(requests=int(len(status)), answered=int(answered.sum()), errors=int(errors.sum()), p50_ms=p50, p95_ms=p95,
                   first_token_p50_ms=float(np.percentile(first, 50)) if len(first) else None,
                   tokens_in=int(t.tokens_in[index].sum()), tokens_out=int(t.tokens_out[index].sum()),
                   thumbs_up=int((thumbs > 0).sum()), thumbs_down=int((thumbs < 0).sum()), tickets=int(t.tickets[index][answered].sum()))


def bucket_starts(since: datetime, until: datetime, width: timedelta) -> list[datetime]:
    """Bucket starts on whole hours (or days, UTC) from the one holding ``since`` to the one holding ``until``."""
    since, until = drift.utc(since), drift.utc(until)
    first = since.replace(minute=0, second=0, microsecond=0)
    if width >= timedelta(days=1):
        first = first.replace(hour=0)
    out = []
    t = first
    while t < until:
        out.append(t)
        t += width
    return out


def grouped(t: Telemetry, starts: list[datetime], width: timedelta, by_target: bool = True) -> dict[tuple[int, str], Figures]:
    """Figures per (bucket number, target) (target "" when not ``by_target``)."""
    if not len(t) or not starts:
        return {}
    bounds = np.array([_datetime64(x) for x in [*starts, starts[-1] + width]], dtype="datetime64[us]")
    bucket = np.searchsorted(bounds, t.at, side="right") - 1
    keys = t.target if by_target else np.full(len(t), "", dtype=object)
    out = {}
    for b in range(len(starts)):
        in_bucket = bucket == b
        for target in sorted(set(keys[in_bucket])):
            out[(b, target)] = figures_of(t, in_bucket & (keys == target))
    return out


def per_target(ws: Workspace, project: str, since: datetime | None = None, until: datetime | None = None) -> dict[str, Figures]:
    """Each target's figures over a period (all of it when ``since`` is None): what the release
    checks read (thumbs-down rate, tickets per 1,000 conversations, error rate, latency)."""
    t = load_telemetry(ws, project, since, until)
    return {target: figures_of(t, t.target == target) for target in sorted(set(t.target))}


# ------------------------------------------------------------------ the page's snapshot
@dataclass(frozen=True)
class TargetSeries:
    target: str
    figures: tuple[Figures, ...]  # one per bucket
    share: tuple[float | None, ...]  # its share of the bucket's requests
    total: Figures
    total_share: float


@dataclass(frozen=True)
class MonitorSnapshot:
    project: str
    since: datetime
    until: datetime
    width: timedelta
    starts: tuple[datetime, ...]
    targets: tuple[TargetSeries, ...]  # the routed requests' targets (shares among them)
    requests: int
    drift: drift.DriftReport
    drift_series: dict[str, list[float | None]]
    alerts: tuple[Msg, ...]
    marker: tuple[int, int, int]
    refused: dict[str, int] = field(default_factory=dict)  # requests refused before routing, per status

    @property
    def hourly(self) -> bool:
        return self.width < timedelta(days=1)

    @property
    def hours(self) -> int:
        """The period it covers, in hours (the page's choice: 24, 168, 720)."""
        return round((self.until - self.since).total_seconds() / 3600)


def change_marker(ws: Workspace, project: str) -> tuple[int, int, int]:
    """The newest telemetry, feedback and ticket row ids: a snapshot is current while these stay."""
    with ws.unit_of_work() as s:
        pid = project_record(s, project).id
        return tuple(int(s.execute(select(func.coalesce(func.max(m.id), 0)).where(m.project_id == pid)).scalar_one())  # type: ignore[return-value]
                     for m in (TelemetryEvent, ServingFeedback, TicketLink))


def snapshot(ws: Workspace, project: str, hours: int = 24 * 7, now: datetime | None = None) -> MonitorSnapshot:
    """Everything the Monitor page shows for the last ``hours``."""
    now = drift.utc(now or datetime.now(timezone.utc))
    marker = change_marker(ws, project)
    width = timedelta(hours=1) if timedelta(hours=hours) <= HOURLY_UP_TO else timedelta(days=1)
    since = now - timedelta(hours=hours)
    starts = bucket_starts(since, now, width)
    t = load_telemetry(ws, project, starts[0] if starts else since, now)
    groups = grouped(t, starts, width)
    # A refused request (bad key, unknown model, too large: target "") was never routed; it is
    # counted apart, not as a target with a share of the traffic.
    refused_mask = t.target == ""
    refused = {str(k): int(v) for k, v in zip(*np.unique(t.status[refused_mask].astype(str), return_counts=True))} if refused_mask.any() else {}
    routed = int(len(t) - refused_mask.sum())
    totals = {b: sum(f.requests for (bb, target), f in groups.items() if bb == b and target) for b in range(len(starts))}
    series = []
    for target in sorted(set(t.target) - {""}, key=_target_order):
        figs = tuple(groups.get((b, target), Figures()) for b in range(len(starts)))
        share = tuple(f.requests / totals[b] if totals[b] else None for b, f in enumerate(figs))
        mask = t.target == target
        series.append(TargetSeries(target, figs, share, figures_of(t, mask), float(mask.sum()) / routed if routed else 0.0))
    settings = drift_settings.get_settings(ws, project)
    report, over_time = _drift(ws, project, settings, starts, width, now)
    return MonitorSnapshot(project, since, now, width, tuple(starts), tuple(series), len(t), report, over_time,
                           tuple(report.alert_messages()), marker, refused)


def _drift(ws: Workspace, project: str, settings: dict[str, Any], starts: list[datetime], width: timedelta,
           now: datetime) -> tuple[drift.DriftReport, dict[str, list[float | None]]]:
    """The window's drift and each bucket's, from one read of the requests' features."""
    window = drift.window_start(settings, now)
    found = drift.production_model(ws, project)
    if found is None:
        return drift.DriftReport(project, None, window, now, 0, (), settings), {}
    source, model = found
    first = min([x for x in (window, starts[0] if starts else None) if x is not None], default=None) if window else None
    live = drift.live_requests(ws, project, first, now, 0, model)
    report = drift.compare(project, source, model, drift.in_window(live, settings, now), settings, window, now)
    return report, drift.drift_over_time(model, live, starts, width) if starts else {}


def _target_order(target: str) -> tuple[int, int, str]:
    """"base" first, then versions by number (v2 before v10), then anything else by name."""
    if target == "base":
        return (0, 0, "")
    if target[:1] == "v" and target[1:].isdigit():
        return (1, int(target[1:]), "")
    return (2, 0, target)


def sort_targets(targets: Iterable[str]) -> list[str]:
    return sorted(targets, key=_target_order)


# ------------------------------------------------------------------ the gateway's client keys, for the page
@dataclass(frozen=True)
class KeyInfo:
    name: str
    prefix: str  # the key's first characters (only its hash is kept)
    created_by: str
    created_at: datetime
    revoked_at: datetime | None


def serving_keys(ws: Workspace, project: str) -> list[KeyInfo]:
    """The project's client keys, newest first (revoked ones too, marked)."""
    from atlas_desktop.core.storage.models import ServingKey

    with ws.unit_of_work() as s:
        pid = project_record(s, project).id
        rows = s.execute(select(ServingKey).where(ServingKey.project_id == pid).order_by(ServingKey.created_at.desc(), ServingKey.id.desc())).scalars()
        return [KeyInfo(k.name, k.prefix, k.created_by, drift.utc(k.created_at), drift.utc(k.revoked_at) if k.revoked_at else None) for k in rows]
