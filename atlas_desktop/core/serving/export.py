"""``atlas telemetry export``: only what the project's policy allows leaves the machine.

A policy is a small YAML file::

    level: aggregates          # aggregates (the default) or rows
    fields: [day, target, requests, errors, latency_p50_ms, latency_p95_ms, thumbs_down]
    since: 2026-11-01          # optional, a date or a time (UTC)
    until: 2026-12-01          # optional, excluded

- ``aggregates`` (the default): one row per day and target (``day`` and ``target`` are the
  grouping: leave one out to group by the other alone, both for one total) with counts, latency
  percentiles, token sums, thumbs and tickets (``AGGREGATE_FIELDS``). Without ``fields``: all of them.
- ``rows``: one row per request, only with the fields named (``ROW_FIELDS``); the prompt and
  answer text only when named, and then as telemetry kept it (redacted, and only where the
  project's policy let the gateway keep it at all).

A policy naming a field or key it does not know fails with one sentence naming its line (from
yaml's node marks). The file is written whole or not at all (a temporary file beside it, renamed
into place), and each export is an audit event with the policy's and the file's hashes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.serving import monitor
from atlas_desktop.core.serving.drift import utc
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import ServingFeedback, TelemetryEvent
from atlas_desktop.core.workspace import Workspace

LEVELS = ("aggregates", "rows")
KEYS = ("level", "fields", "since", "until")
GROUPING = ("day", "target")
AGGREGATE_FIELDS = (*GROUPING, "requests", "answered", "errors", "error_rate", "latency_p50_ms", "latency_p95_ms", "first_token_p50_ms",
                    "tokens_in", "tokens_out", "thumbs_up", "thumbs_down", "thumbs_down_rate", "tickets", "tickets_per_1000")
TEXT_FIELDS = ("prompt_text", "answer_text")
FEATURE_FIELDS = ("words", "arabic_share", "latin_share", "dialect", "intent", "oov_share")
ROW_FIELDS = ("at", "completion_id", "target", "routing_number", "bucket", "assigned_by", "client", "status", "stream", "first_token_ms",
              "total_ms", "tokens_in", "tokens_out", *FEATURE_FIELDS, "thumbs", "gateway", *TEXT_FIELDS)


@dataclass(frozen=True)
class Policy:
    level: str
    fields: tuple[str, ...]
    since: datetime | None
    until: datetime | None
    sha256: str


def _bad(file: str, node: Any, problem: Msg) -> ValidationError:
    return ValidationError(Msg("monitor.export.bad_policy", file=file, line=node.start_mark.line + 1, problem=problem),
                           hint=Msg("monitor.export.bad_policy.hint"))


def _when(file: str, node: Any) -> datetime:
    value = str(node.value).strip()
    try:
        parsed = datetime.fromisoformat(value) if "T" in value or " " in value or ":" in value else datetime.combine(date.fromisoformat(value), time())
    except ValueError:
        raise _bad(file, node, Msg("monitor.export.bad_time", value=value)) from None
    return utc(parsed)


def parse_policy(text: str, file: str = "policy.yaml") -> Policy:
    """The policy in ``text``, or a ValidationError naming the line at fault."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ValidationError(Msg("monitor.export.bad_policy", file=file, line=line, problem=str(getattr(exc, "problem", None) or exc)),
                              hint=Msg("monitor.export.bad_policy.hint")) from None
    if root is None:  # an empty policy: the defaults
        return Policy("aggregates", AGGREGATE_FIELDS, None, None, hashlib.sha256(text.encode()).hexdigest())
    if not isinstance(root, yaml.MappingNode):
        raise _bad(file, root, Msg("monitor.export.policy_not_map"))
    seen: dict[str, Any] = {}
    for key_node, value_node in root.value:
        key = str(key_node.value)
        if key not in KEYS:
            raise _bad(file, key_node, Msg("monitor.export.unknown_key", key=key, keys=", ".join(KEYS)))
        if key in seen:
            raise _bad(file, key_node, Msg("monitor.export.duplicate_key", key=key))
        seen[key] = value_node
    level = "aggregates"
    if "level" in seen:
        node = seen["level"]
        level = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if level not in LEVELS:
            raise _bad(file, node, Msg("monitor.export.bad_level", value=level or "?"))
    allowed = AGGREGATE_FIELDS if level == "aggregates" else ROW_FIELDS
    fields: list[str] = list(AGGREGATE_FIELDS) if level == "aggregates" else [f for f in ROW_FIELDS if f not in TEXT_FIELDS]
    if "fields" in seen:
        node = seen["fields"]
        if not isinstance(node, yaml.SequenceNode) or not all(isinstance(n, yaml.ScalarNode) for n in node.value):
            raise _bad(file, node, Msg("monitor.export.fields_not_list"))
        fields = []
        for item in node.value:
            name = str(item.value).strip()
            if name not in allowed:
                if level == "aggregates" and name in ROW_FIELDS:
                    raise _bad(file, item, Msg("monitor.export.field_needs_rows", field=name))
                raise _bad(file, item, Msg("monitor.export.unknown_field", field=name, fields=", ".join(allowed)))
            if name not in fields:
                fields.append(name)
    since = _when(file, seen["since"]) if "since" in seen else None
    until = _when(file, seen["until"]) if "until" in seen else None
    return Policy(level, tuple(fields), since, until, hashlib.sha256(text.encode("utf-8")).hexdigest())


def load_policy(path: Path) -> Policy:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(Msg("monitor.export.policy_unreadable", file=str(path), detail=getattr(exc, "strerror", None) or str(exc))) from None
    return parse_policy(text, Path(path).name)


# ------------------------------------------------------------------ what is written
def aggregate_rows(ws: Workspace, project: str, policy: Policy) -> list[dict[str, Any]]:
    t = monitor.load_telemetry(ws, project, policy.since, policy.until)
    if not len(t):
        return []
    by_day, by_target = "day" in policy.fields, "target" in policy.fields
    if by_day:
        first = utc(t.at[0].astype(datetime)).replace(hour=0, minute=0, second=0, microsecond=0)
        starts = monitor.bucket_starts(first, utc(t.at[-1].astype(datetime)) + timedelta(microseconds=1), timedelta(days=1))
    else:
        starts = [utc(t.at[0].astype(datetime))]
    width = timedelta(days=1) if by_day else (utc(t.at[-1].astype(datetime)) - starts[0]) + timedelta(seconds=1)
    out = []
    for (b, target), figs in sorted(monitor.grouped(t, starts, width, by_target).items(), key=lambda kv: (kv[0][0], monitor._target_order(kv[0][1]))):
        values = {**figs.to_json(), "day": starts[b].date().isoformat(), "target": target}
        out.append({f: values[f] for f in policy.fields})
    return out


def _request_rows(ws: Workspace, project: str, policy: Policy) -> Iterator[dict[str, Any]]:
    columns = [f for f in policy.fields if f not in FEATURE_FIELDS and f != "thumbs"]
    wanted = [getattr(TelemetryEvent, c) for c in columns]
    with ws.unit_of_work() as s:
        pid = project_record(s, project).id
        thumbs: dict[str, int] = {}
        if "thumbs" in policy.fields:
            for cid, value in s.execute(select(ServingFeedback.completion_id, ServingFeedback.thumbs)
                                        .where(ServingFeedback.project_id == pid, ServingFeedback.thumbs.is_not(None))
                                        .order_by(ServingFeedback.at, ServingFeedback.id)):
                thumbs[cid] = value
        q = select(TelemetryEvent.completion_id, TelemetryEvent.features, *wanted).where(TelemetryEvent.project_id == pid)
        if policy.since is not None:
            q = q.where(TelemetryEvent.at >= policy.since)
        if policy.until is not None:
            q = q.where(TelemetryEvent.at < policy.until)
        for row in s.execute(q.order_by(TelemetryEvent.at, TelemetryEvent.id).execution_options(yield_per=2000)):
            values = dict(zip(columns, row[2:]))
            if "at" in values:
                values["at"] = utc(values["at"]).isoformat()
            features = row[1] if isinstance(row[1], dict) else {}
            values.update({f: features.get(f) for f in FEATURE_FIELDS})
            values["thumbs"] = thumbs.get(row[0])
            yield {f: values.get(f) for f in policy.fields}


def _write(fh: Any, suffix: str, fields: tuple[str, ...], rows: Any, header: dict[str, Any]) -> int:
    n = 0
    if suffix == ".csv":
        writer = csv.DictWriter(fh, fieldnames=list(fields), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    elif suffix == ".jsonl":
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            n += 1
    else:  # one JSON document: what the export is, then its rows
        listed = list(rows)
        json.dump({**header, "rows": listed}, fh, ensure_ascii=False, indent=1, default=str)
        fh.write("\n")
        n = len(listed)
    return n


@dataclass(frozen=True)
class ExportResult:
    path: Path
    level: str
    fields: tuple[str, ...]
    rows: int
    sha256: str


def export(ws: Workspace, project: str, policy_path: Path, out: Path) -> ExportResult:
    """Write what ``policy_path`` allows of the project's telemetry to ``out`` (CSV for .csv, JSON
    lines for .jsonl, else one JSON document), whole or not at all, as an audit event."""
    policy = load_policy(Path(policy_path))
    out = Path(out)
    with ws.unit_of_work() as s:
        project_record(s, project)  # a project that is not there: its own message, before any file is made
    rows = aggregate_rows(ws, project, policy) if policy.level == "aggregates" else _request_rows(ws, project, policy)
    header = {"project": project, "level": policy.level, "fields": list(policy.fields), "policy_sha256": policy.sha256,
              "since": policy.since.isoformat() if policy.since else None, "until": policy.until.isoformat() if policy.until else None,
              "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent if str(out.parent) else ".", prefix=f".{out.name}.", suffix=".part")
    except OSError as exc:
        raise ValidationError(Msg("monitor.export.not_written", path=str(out), reason=(exc.strerror or str(exc)).lower())) from None
    moved = False
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            n = _write(fh, out.suffix.lower(), policy.fields, rows, header)
            fh.flush()
            os.fsync(fh.fileno())
        with open(tmp, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        result = ExportResult(out, policy.level, policy.fields, n, digest.hexdigest())
        with ws.unit_of_work() as s:  # the audit event and the file: both or neither
            p = project_record(s, project)
            audit.append(s, ws.user.login, "telemetry.exported", "project", p.id,
                         {"project": project, "file": out.name, "sha256": result.sha256, "rows": n, "level": policy.level,
                          "fields": list(policy.fields), "policy_sha256": policy.sha256, "since": header["since"], "until": header["until"]})
            os.replace(tmp, out)
            moved = True
        return result
    except OSError as exc:
        if moved:  # the rename happened but the audit event did not commit: take the file back
            out.unlink(missing_ok=True)
        raise ValidationError(Msg("monitor.export.not_written", path=str(out), reason=(exc.strerror or str(exc)).lower())) from None
    except BaseException:
        if moved:
            out.unlink(missing_ok=True)
        raise
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

