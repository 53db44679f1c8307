"""Aliases of model versions and their history: the registry's memory.

Model versions are immutable (base, adapter, dataset, recipe, run, evaluation, gate, each with
its hash). An alias names one of them: ``production`` (what answers traffic), ``candidate``
(the version being released) or a name a team chooses (the playbook's ``mx4-atlas-core-v2``).
Number 0 is the project's base model (production before the first release). Every move is a
row of ``alias_move`` (append-only): who, when, from which version to which, why, and the
release it was part of. Where an alias pointed at time T is the newest move at or before T;
what was serving at T is that plus the routing revision in force at T.

``production`` is also kept on the model versions themselves (``stage``: production, retired
once it was, candidate), in the same transaction, for the readers that filter on it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from atlas_desktop.core.errors import NotFoundError, ValidationError
from atlas_desktop.core.messages import Msg, from_json, to_json
from atlas_desktop.core.projects import lock_project, project_record
from atlas_desktop.core.serving.routing import BASE, production_target
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import AliasMove, ModelVersion, RoutingRevision
from atlas_desktop.core.workspace import Workspace

PRODUCTION, CANDIDATE = "production", "candidate"
RESERVED = (PRODUCTION, CANDIDATE, BASE)
_NAME = re.compile(r"^[\w][\w.\-]{0,119}$", re.UNICODE)


def target_name(number: int | None) -> str:
    """0 -> "base", 3 -> "v3" (the routing's names)."""
    return "—" if number is None else BASE if number == 0 else f"v{number}"


def stored_reason(reason: Msg | str) -> str:
    """A reason as kept: a person's words as typed; the release's own reasons as a message (JSON),
    so the history reads in the ui's language."""
    return json.dumps(to_json(reason), ensure_ascii=False) if isinstance(reason, Msg) else reason


def reason_of(stored: str) -> Msg | str:
    """A kept reason back: the message, or the words as typed."""
    if stored.startswith('{"code"'):
        try:
            value = from_json(json.loads(stored))
        except (ValueError, KeyError, TypeError):
            return stored
        return value if isinstance(value, Msg) else stored
    return stored


@dataclass(frozen=True)
class Move:
    alias: str
    from_number: int | None
    to_number: int | None
    reason: Msg | str
    release_id: int | None
    moved_by: str
    moved_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"alias": self.alias, "from": target_name(self.from_number) if self.from_number is not None else None,
                "to": target_name(self.to_number) if self.to_number is not None else None, "reason": str(self.reason),
                "release": self.release_id, "moved_by": self.moved_by, "moved_at": self.moved_at.isoformat()}


def _move(r: AliasMove) -> Move:
    at = r.moved_at if r.moved_at.tzinfo else r.moved_at.replace(tzinfo=timezone.utc)
    return Move(r.alias, r.from_number, r.to_number, reason_of(r.reason), r.release_id, r.moved_by, at)


def current(s: Session, project_id: int, alias: str, at: datetime | None = None) -> int | None:
    """The version number an alias points at (0: base), at ``at`` or now; None if it points nowhere."""
    q = select(AliasMove.to_number).where(AliasMove.project_id == project_id, AliasMove.alias == alias)
    if at is not None:
        q = q.where(AliasMove.moved_at <= at)
    row = s.execute(q.order_by(AliasMove.id.desc()).limit(1)).first()
    if row is not None:
        return row[0]
    if alias == PRODUCTION and at is None:
        target = production_target(s, project_id)
        return 0 if target == BASE else int(target[1:])
    return 0 if alias == PRODUCTION else None


def version_row(s: Session, project_id: int, number: int) -> ModelVersion:
    """Model version ``number`` of the project (one that an alias or a release points at)."""
    return s.execute(select(ModelVersion).where(ModelVersion.project_id == project_id, ModelVersion.number == number)).scalar_one()


def resolve(s: Session, project: str, name: str) -> ModelVersion:
    """A model version by alias, "v3", "3" or its name."""
    from atlas_desktop.core.evaluation.runs import model_version_row

    p = project_record(s, project)
    text = str(name).strip()
    number = current(s, p.id, text) if text not in (BASE,) else None
    if number:
        return version_row(s, p.id, number)
    try:
        return model_version_row(s, project, text)
    except NotFoundError:
        aliases = sorted(aliases_of(s, p.id))
        names = [f"v{n} {nm}" for n, nm in s.execute(select(ModelVersion.number, ModelVersion.name)
                                                      .where(ModelVersion.project_id == p.id).order_by(ModelVersion.number))]
        raise NotFoundError(Msg("release.model_unknown", model=text, project=project, versions=", ".join(names) or "—",
                                aliases=", ".join(aliases) or "—")) from None


def aliases_of(s: Session, project_id: int) -> dict[str, int]:
    """Every alias that points somewhere now: name -> number."""
    out: dict[str, int] = {}
    rows = s.execute(select(AliasMove.alias, AliasMove.to_number).where(AliasMove.project_id == project_id).order_by(AliasMove.id))
    for alias, number in rows:
        if number is None:
            out.pop(alias, None)
        else:
            out[alias] = number
    out.setdefault(PRODUCTION, current(s, project_id, PRODUCTION) or 0)
    return out


def move_in(ws: Workspace, s: Session, project_id: int, project: str, alias: str, to_number: int | None, reason: Msg | str,
            release_id: int | None = None) -> Move | None:
    """Point ``alias`` at ``to_number`` inside the caller's transaction (None when it already does).
    Moving ``production`` also moves the versions' stage (the new one production, the old one retired)."""
    before = current(s, project_id, alias)
    if before == to_number:
        return None
    row = AliasMove(project_id=project_id, alias=alias, from_number=before, to_number=to_number, reason=stored_reason(reason), release_id=release_id,
                    moved_by=ws.user.login, moved_at=datetime.now(timezone.utc))
    s.add(row)
    if alias == PRODUCTION:
        s.execute(update(ModelVersion).where(ModelVersion.project_id == project_id, ModelVersion.stage == "production")
                  .values(stage="retired"))
        if to_number:
            s.execute(update(ModelVersion).where(ModelVersion.project_id == project_id, ModelVersion.number == to_number)
                      .values(stage="production"))
    s.flush()
    audit.append(s, ws.user.login, "models.alias_moved", "alias_move", row.id,
                 {"project": project, "alias": alias, "from": target_name(before), "to": target_name(to_number), "reason": str(reason),
                  "release": release_id})
    return _move(row)


def set_alias(ws: Workspace, project: str, alias: str, model: str | None, reason: str = "") -> Move | None:
    """``atlas models alias``: point a team's alias at a version (``model`` None removes it).
    ``production`` and ``candidate`` move only through a release (or its rollback)."""
    alias = (alias or "").strip()
    if alias in RESERVED:
        raise ValidationError(Msg("release.alias_reserved", alias=alias))
    if not _NAME.match(alias) or re.fullmatch(r"[vV]?\d+", alias):
        raise ValidationError(Msg("release.alias_bad_name", alias=alias))
    with ws.unit_of_work() as s:
        p = lock_project(s, name=project)
        assert p is not None
        if s.execute(select(ModelVersion.id).where(ModelVersion.project_id == p.id, ModelVersion.name == alias)).first() is not None:
            raise ValidationError(Msg("release.alias_is_version", alias=alias))
        number = None
        if model is not None:
            number = resolve(s, project, model).number
        elif current(s, p.id, alias) is None:
            raise NotFoundError(Msg("release.alias_unknown", alias=alias, project=project, aliases=", ".join(sorted(aliases_of(s, p.id))) or "—"))
        return move_in(ws, s, p.id, project, alias, number, reason)


def history(ws: Workspace, project: str, alias: str | None = None) -> list[Move]:
    """Every move, oldest first (of one alias, or all)."""
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        q = select(AliasMove).where(AliasMove.project_id == p.id)
        if alias:
            q = q.where(AliasMove.alias == alias)
        return [_move(r) for r in s.execute(q.order_by(AliasMove.id)).scalars()]


@dataclass(frozen=True)
class ServingAt:
    at: datetime
    production: int  # the version number (0: base)
    shares: dict[str, int]  # target -> basis points of the routing revision in force
    routing_number: int
    kill_switch: bool

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "production": target_name(self.production), "routing_revision": self.routing_number,
                "shares": {t: round(v / 100, 2) for t, v in self.shares.items()}, "kill_switch": self.kill_switch}


def serving_at(ws: Workspace, project: str, at: datetime) -> ServingAt:
    """What was serving the project's traffic at ``at``: production then, and the shares of the
    routing revision in force then."""
    from atlas_desktop.core.serving.routing import RoutingTable, _table

    at = at.astimezone(timezone.utc) if at.tzinfo else at.replace(tzinfo=timezone.utc)  # stored times are UTC
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        production = current(s, p.id, PRODUCTION, at)
        prod_name = target_name(production or 0)
        row = s.execute(select(RoutingRevision).where(RoutingRevision.project_id == p.id, RoutingRevision.created_at <= at)
                        .order_by(RoutingRevision.number.desc()).limit(1)).scalar_one_or_none()
        table = _table(row, prod_name) if row is not None else RoutingTable(p.id, 0, ((prod_name, 10_000),), False, prod_name)
        return ServingAt(at, production or 0, table.shares(), table.number, table.kill_switch)
