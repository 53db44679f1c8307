"""The append-only audit trail: who did what, in a hash chain.

Each event's hash covers its own fields and the previous event's hash, and the
single ``audit_head`` row holds the newest sequence number and hash. Editing
any row breaks its hash; deleting one breaks the next row's link (or, for the
newest rows, the head). ``verify_chain`` finds the first bad row.
The database also refuses UPDATE and DELETE on the table (triggers).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from atlas_desktop.core.storage.models import AuditEvent, AuditHead

GENESIS = "0" * 64


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(seq: int, at: str, actor: str, action: str, entity_type: str, entity_id: str, details: str, prev_hash: str) -> str:
    payload = canonical_json([seq, at, actor, action, entity_type, entity_id, details, prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: str
    actor: str
    action: str
    entity_type: str
    entity_id: str
    details: dict[str, Any]


def append(session: Session, actor: str, action: str, entity_type: str = "", entity_id: str | int = "", details: dict[str, Any] | None = None) -> AuditRecord:
    """Add one event inside the caller's transaction (the action and its audit commit together)."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    seq = head.seq + 1
    at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    details_json = canonical_json(details or {})
    h = event_hash(seq, at, actor, action, entity_type, str(entity_id), details_json, head.hash)
    session.add(
        AuditEvent(seq=seq, at=at, actor=actor, action=action, entity_type=entity_type, entity_id=str(entity_id), details=details_json, prev_hash=head.hash, hash=h)
    )
    head.seq, head.hash = seq, h
    session.flush()
    return AuditRecord(seq, at, actor, action, entity_type, str(entity_id), details or {})


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    bad_seq: int | None = None
    reason: str = ""


def verify_chain(session: Session) -> ChainReport:
    prev = GENESIS
    expected_seq = 1
    checked = 0
    for ev in session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars():
        if ev.seq != expected_seq:
            return ChainReport(False, checked, expected_seq, f"event {expected_seq} is missing (next present is {ev.seq})")
        if ev.prev_hash != prev:
            return ChainReport(False, checked, ev.seq, "its link to the previous event does not match")
        if event_hash(ev.seq, ev.at, ev.actor, ev.action, ev.entity_type, ev.entity_id, ev.details, ev.prev_hash) != ev.hash:
            return ChainReport(False, checked, ev.seq, "its contents were changed after it was written")
        prev = ev.hash
        expected_seq += 1
        checked += 1
    head = session.get(AuditHead, 1)
    if head is None or head.seq != checked or head.hash != prev:
        return ChainReport(False, checked, checked + 1, "the newest events were removed (the chain head does not match)")
    return ChainReport(True, checked)


def recent(session: Session, limit: int = 50) -> list[AuditRecord]:
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)).scalars()
    return [AuditRecord(r.seq, r.at, r.actor, r.action, r.entity_type, r.entity_id, json.loads(r.details)) for r in rows]
