"""Client applications' API keys for the gateway, one per application and project.

A key is ``atlas-`` and 43 random URL-safe characters; only its sha256 is stored (with its first
characters, to tell keys apart), so the secret is shown once, when it is created. Creating and
revoking are audit events. The gateway reads the project's live keys into memory (``live_keys``)
and re-reads them with the routing table, so a revoked key stops working within a second."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import ServingKey
from atlas_desktop.core.workspace import Workspace

PREFIX = "atlas-"
SHOWN = 12  # characters of the key kept to tell keys apart ("atlas-" and six more)
NAME_MAX = 120


@dataclass(frozen=True)
class KeyInfo:
    id: int
    project: str
    name: str
    prefix: str
    created_by: str
    created_at: datetime
    revoked_by: str | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _info(project: str, k: ServingKey) -> KeyInfo:
    return KeyInfo(k.id, project, k.name, k.prefix, k.created_by, k.created_at, k.revoked_by, k.revoked_at)


def create_key(ws: Workspace, project: str, name: str) -> tuple[KeyInfo, str]:
    """A new key for the client application ``name``: its record and the secret (shown only now)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(Msg("serve.key.name_empty"))
    if len(name) > NAME_MAX:
        raise ValidationError(Msg("serve.key.name_too_long", length=len(name), maximum=NAME_MAX))
    secret = PREFIX + secrets.token_urlsafe(32)
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        row = ServingKey(project_id=p.id, name=name, prefix=secret[:SHOWN], key_hash=key_hash(secret), created_by=ws.user.login)
        s.add(row)
        s.flush()
        audit.append(s, ws.user.login, "serve.key_created", "serving_key", row.id, {"project": project, "name": name, "prefix": row.prefix})
        return _info(project, row), secret


def list_keys(ws: Workspace, project: str, include_revoked: bool = True) -> list[KeyInfo]:
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        q = select(ServingKey).where(ServingKey.project_id == p.id).order_by(ServingKey.id)
        if not include_revoked:
            q = q.where(ServingKey.revoked_at.is_(None))
        return [_info(project, k) for k in s.execute(q).scalars()]


def revoke_key(ws: Workspace, project: str, key: str | int) -> KeyInfo:
    """Revoke a key named by its id, its prefix (``atlas-AbCdEf``) or its name (the only active
    key of that name)."""
    text = str(key).strip()
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        rows = list(s.execute(select(ServingKey).where(ServingKey.project_id == p.id).order_by(ServingKey.id)).scalars())
        match = [k for k in rows if str(k.id) == text or k.prefix == text or (text.startswith(PREFIX) and key_hash(text) == k.key_hash)]
        if not match:
            match = [k for k in rows if k.name == text and k.revoked_at is None]
        if len(match) != 1:
            known = ", ".join(f"{k.id} {k.prefix} {k.name}" for k in rows if k.revoked_at is None) or "—"
            raise NotFoundError(Msg("serve.key.not_found", project=project, key=text, keys=known))
        row = match[0]
        if row.revoked_at is not None:
            raise ValidationError(Msg("serve.key.already_revoked", key=row.prefix, when=row.revoked_at.isoformat(timespec="seconds")))
        row.revoked_by, row.revoked_at = ws.user.login, datetime.now(timezone.utc)
        audit.append(s, ws.user.login, "serve.key_revoked", "serving_key", row.id, {"project": project, "name": row.name, "prefix": row.prefix})
        s.flush()
        return _info(project, row)


def live_keys(s: Session, project_id: int) -> dict[str, str]:
    """The project's active keys as {sha256: the key's name} (what the gateway checks against)."""
    rows = s.execute(select(ServingKey.key_hash, ServingKey.name)
                     .where(ServingKey.project_id == project_id, ServingKey.revoked_at.is_(None)))
    return {h: n for h, n in rows}
