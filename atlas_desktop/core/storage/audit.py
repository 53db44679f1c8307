"""The append-only audit trail: who did what, in a hash chain signed with a key.

Each event's hash covers its own fields and the previous event's hash, and the
single ``audit_head`` row holds the newest sequence number and hash. Editing
any row breaks its hash; deleting one breaks the next row's link (or, for the
newest rows, the head). ``verify_chain`` finds the first bad row.

A hash chain alone can be rewritten whole by someone who can drop the triggers:
recompute every hash and the head, and it verifies. So each event and the head
also carry a MAC (HMAC-SHA256 of the hash) under the workstation's audit key,
which is never stored in the database (``DataPaths.audit_key``); a chain
rewritten without the key fails verification. ``anchor`` gives the head as one
line to write down or send elsewhere; ``verify_chain(anchor=...)`` then proves
that nothing up to that point was rewritten since, even by someone holding the key.
The database also refuses UPDATE and DELETE on the table (triggers).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from atlas_desktop.core.messages import Msg
from atlas_desktop.core.storage.models import AuditEvent, AuditHead

GENESIS = "0" * 64


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def _key(session: Session) -> bytes:
    key = session.info.get("audit_key")
    if not key:
        raise RuntimeError("This session has no audit key: open it with Workspace.unit_of_work().")
    return key


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
    """Add one event inside the caller's transaction (the action and its audit commit together).

    The head is locked before it is read: FOR UPDATE on PostgreSQL; on SQLite (which ignores FOR
    UPDATE, and whose driver starts a transaction only at the first write) a no-op UPDATE takes
    the write lock first, so two processes appending at once are served one after the other
    instead of both reading the same head and writing the same sequence number."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq))
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    seq = head.seq + 1
    at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    details_json = canonical_json(details or {})
    h = event_hash(seq, at, actor, action, entity_type, str(entity_id), details_json, head.hash)
    key = _key(session)
    session.add(
        AuditEvent(seq=seq, at=at, actor=actor, action=action, entity_type=entity_type, entity_id=str(entity_id), details=details_json,
                   prev_hash=head.hash, hash=h, mac=_mac(key, h))
    )
    head.seq, head.hash, head.mac = seq, h, _mac(key, f"{seq}:{h}")
    session.flush()
    return AuditRecord(seq, at, actor, action, entity_type, str(entity_id), details or {})


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    bad_seq: int | None = None
    reason: Msg | str = ""  # what is wrong with event ``bad_seq`` (a message code; str() is the English)


def verify_chain(session: Session, anchor: str | None = None) -> ChainReport:
    """Check every link, hash and MAC, then the head. ``anchor`` ("SEQ:HASH", from ``anchor``)
    must still be in the chain."""
    key = _key(session)
    want_seq, want_hash = _parse_anchor(anchor) if anchor else (None, None)
    prev = GENESIS
    expected_seq = 1
    checked = 0
    anchored = want_seq is None
    for ev in session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars():
        if ev.seq != expected_seq:
            return ChainReport(False, checked, expected_seq, Msg("audit.event_missing", seq=expected_seq, next=ev.seq))
        if ev.prev_hash != prev:
            return ChainReport(False, checked, ev.seq, Msg("audit.bad_link"))
        if event_hash(ev.seq, ev.at, ev.actor, ev.action, ev.entity_type, ev.entity_id, ev.details, ev.prev_hash) != ev.hash:
            return ChainReport(False, checked, ev.seq, Msg("audit.changed"))
        if ev.mac is None or not hmac.compare_digest(ev.mac, _mac(key, ev.hash)):
            return ChainReport(False, checked, ev.seq, Msg("audit.without_key"))
        if ev.seq == want_seq:
            if ev.hash != want_hash:
                return ChainReport(False, checked, ev.seq, Msg("audit.differs_from_anchor"))
            anchored = True
        prev = ev.hash
        expected_seq += 1
        checked += 1
    head = session.get(AuditHead, 1)
    if head is None or head.seq != checked or head.hash != prev:
        return ChainReport(False, checked, checked + 1, Msg("audit.head_mismatch"))
    if head.mac is None or not hmac.compare_digest(head.mac, _mac(key, f"{head.seq}:{head.hash}")):
        return ChainReport(False, checked, checked + 1, Msg("audit.head_without_key"))
    if not anchored:
        return ChainReport(False, checked, want_seq, Msg("audit.anchor_gone"))
    return ChainReport(True, checked)


def anchor(session: Session) -> str:
    """The current head as "SEQ:HASH": write it down, or send it elsewhere, to check later."""
    head = session.get(AuditHead, 1)
    return f"{head.seq}:{head.hash}"


def _parse_anchor(text: str) -> tuple[int, str]:
    from atlas_desktop.core.errors import ValidationError

    seq, _, h = text.strip().partition(":")
    if not seq.isdigit() or len(h) != 64:
        raise ValidationError(Msg("audit.bad_anchor", text=text))
    return int(seq), h


def sign_unsigned(session: Session) -> int:
    """Give events written before the chain was keyed (schema 0005) their MAC, once, if the chain
    they form is intact; a broken chain is left unsigned, so it keeps failing verification."""
    key = _key(session)
    head = session.get(AuditHead, 1)
    if head.mac is not None:
        return 0  # every append since the key signs its event and the head: nothing older is left (one row read at start-up)
    rows = session.execute(select(AuditEvent).where(AuditEvent.mac.is_(None)).order_by(AuditEvent.seq)).scalars().all()
    for ev in rows:
        if event_hash(ev.seq, ev.at, ev.actor, ev.action, ev.entity_type, ev.entity_id, ev.details, ev.prev_hash) != ev.hash:
            return 0
        ev.mac = _mac(key, ev.hash)
    if head.mac is None:
        head.mac = _mac(key, f"{head.seq}:{head.hash}")
    session.flush()
    return len(rows)


def recent(session: Session, limit: int = 50) -> list[AuditRecord]:
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)).scalars()
    return [AuditRecord(r.seq, r.at, r.actor, r.action, r.entity_type, r.entity_id, json.loads(r.details)) for r in rows]
