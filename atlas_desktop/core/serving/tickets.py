"""Help-desk tickets linked to the requests they are about, and the support figures per target.

``atlas tickets import --project P tickets.csv``: a CSV (comma, semicolon or tab) with a column
for the ticket id and one for the completion id the client application stored (its
``conversation_id`` is taken as the same thing: telemetry knows requests by their completion
id), and optionally when the ticket was opened. Headers are matched loosely (case, spaces,
common names: ``ticket``, ``case_id``, ``response_id``, ``created``...; see ``ALIASES``). Each
ticket is linked to the target (model version or "base") that answered that completion, from
telemetry. A bad row (no ticket id, no completion id, an id no request of the project has, a
date that is not one) stops the import with one sentence naming its line, and nothing is
stored; a link already stored is left as it is, so importing the same export twice links
nothing new. The import is one transaction with its audit event.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.projects import lock_project
from atlas_desktop.core.serving import monitor
from atlas_desktop.core.serving.drift import utc
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import TelemetryEvent, TicketLink, utcnow
from atlas_desktop.core.workspace import Workspace

ALIASES: dict[str, tuple[str, ...]] = {
    "ticket_id": ("ticket_id", "ticket", "ticket_number", "ticket_no", "ticket_ref", "case_id", "case_number", "case", "issue_id",
                  "رقم_التذكرة", "التذكرة"),
    "completion_id": ("completion_id", "completion", "response_id", "chatcmpl_id", "answer_id", "معرف_الإجابة"),
    "conversation_id": ("conversation_id", "conversation", "chat_id", "thread_id", "session_id", "معرف_المحادثة", "المحادثة"),
    "created_at": ("created_at", "created", "created_on", "opened_at", "opened", "date", "تاريخ_الإنشاء", "التاريخ"),
}
MAX_TICKET = 120
MAX_COMPLETION = 64


def _header(name: str) -> str:
    return "_".join(name.replace("\ufeff", "").strip().lower().replace("-", " ").split())


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, name in enumerate(header):
        key = _header(name)
        for column, names in ALIASES.items():
            if key in names and column not in found:
                found[column] = i
    return found


def _bad(file: str, line: int, problem: Msg) -> ValidationError:
    return ValidationError(Msg("monitor.tickets.bad_row", file=file, line=line, problem=problem), hint=Msg("monitor.tickets.bad_row.hint"))


def _when(value: str) -> datetime | None:
    try:
        if any(c in value for c in "T :"):
            return utc(datetime.fromisoformat(value))
        return utc(datetime.combine(date.fromisoformat(value), time()))
    except ValueError:
        return None


@dataclass(frozen=True)
class TicketRow:
    line: int
    ticket_id: str
    completion_id: str
    created_at: datetime | None


def read_tickets(data: bytes, file: str) -> list[TicketRow]:
    """The rows of a tickets CSV, or a ValidationError naming the first bad line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(Msg("monitor.tickets.unreadable", file=file, detail=str(exc))) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first.count) if any(c in first for c in ",;\t|") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    cols = _columns(header or [])
    if "ticket_id" not in cols or not ({"completion_id", "conversation_id"} & cols.keys()):
        raise ValidationError(Msg("monitor.tickets.missing_columns", file=file, columns=", ".join(h.strip() for h in header or []) or "—"))
    rows = []
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue

        def cell(column: str) -> str:
            i = cols.get(column)
            return values[i].strip() if i is not None and i < len(values) else ""

        ticket = cell("ticket_id")
        completion = cell("completion_id") or cell("conversation_id")
        if not ticket:
            raise _bad(file, line, Msg("monitor.tickets.no_ticket"))
        if not completion:
            raise _bad(file, line, Msg("monitor.tickets.no_completion"))
        if len(ticket) > MAX_TICKET or len(completion) > MAX_COMPLETION:
            raise _bad(file, line, Msg("monitor.tickets.too_long", maximum=MAX_TICKET if len(ticket) > MAX_TICKET else MAX_COMPLETION))
        created = cell("created_at")
        when = _when(created) if created else None
        if created and when is None:
            raise _bad(file, line, Msg("monitor.tickets.bad_time", value=created))
        rows.append(TicketRow(line, ticket, completion, when))
    if not rows:
        raise ValidationError(Msg("monitor.tickets.empty", file=file))
    return rows


@dataclass(frozen=True)
class TicketImport:
    linked: int  # new links stored
    known: int  # links that were already stored (or repeated in the file)
    by_target: dict[str, int]  # new links per target

    def message(self) -> Msg:
        return Msg("monitor.tickets.imported", linked=self.linked, known=self.known)


def import_tickets(ws: Workspace, project: str, path: Path) -> TicketImport:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(Msg("monitor.tickets.unreadable", file=str(path), detail=(exc.strerror or str(exc)).lower())) from None
    rows = read_tickets(data, path.name)
    with ws.unit_of_work() as s:
        p = lock_project(s, name=project)
        assert p is not None
        wanted = sorted({r.completion_id for r in rows})
        targets: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            for cid, target in s.execute(select(TelemetryEvent.completion_id, TelemetryEvent.target)
                                         .where(TelemetryEvent.project_id == p.id, TelemetryEvent.completion_id.in_(wanted[start:start + 500]))
                                         .order_by(TelemetryEvent.id)):
                targets.setdefault(cid, target)
        unknown = next((r for r in rows if r.completion_id not in targets), None)
        if unknown is not None:
            raise _bad(path.name, unknown.line, Msg("monitor.tickets.unknown_completion", id=unknown.completion_id))
        stored: set[tuple[str, str]] = set()
        tickets = sorted({r.ticket_id for r in rows})
        for start in range(0, len(tickets), 500):
            stored.update(s.execute(select(TicketLink.ticket_id, TicketLink.completion_id)
                                    .where(TicketLink.project_id == p.id, TicketLink.ticket_id.in_(tickets[start:start + 500]))).all())
        new, by_target = [], {}
        for r in rows:
            if (r.ticket_id, r.completion_id) in stored:
                continue
            stored.add((r.ticket_id, r.completion_id))
            target = targets[r.completion_id]
            by_target[target] = by_target.get(target, 0) + 1
            new.append(TicketLink(at=r.created_at or utcnow(), project_id=p.id, ticket_id=r.ticket_id, completion_id=r.completion_id,
                                  target=target, source=path.name, created_by=ws.user.login))
        s.add_all(new)
        result = TicketImport(len(new), len(rows) - len(new), by_target)
        audit.append(s, ws.user.login, "tickets.imported", "project", p.id,
                     {"project": project, "file": path.name, "sha256": hashlib.sha256(data).hexdigest(), "rows": len(rows),
                      "linked": result.linked, "known": result.known, "by_target": by_target})
        return result


def support_summary(ws: Workspace, project: str, since: datetime | None = None, until: datetime | None = None) -> dict[str, dict[str, Any]]:
    """Per target: conversations (answered requests), thumbs up and down, the thumbs-down rate,
    tickets and tickets per 1,000 conversations (definitions: core/serving/monitor.py)."""
    return {target: {"conversations": f.conversations, "thumbs_up": f.thumbs_up, "thumbs_down": f.thumbs_down,
                     "thumbs_down_rate": f.thumbs_down_rate, "tickets": f.tickets, "tickets_per_1000": f.tickets_per_1000}
            for target, f in monitor.per_target(ws, project, since, until).items()}
