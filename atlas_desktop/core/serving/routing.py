"""Sticky weighted routing: which target (a model version "v3", or "base") answers which request.

The traffic of a project is cut into 10,000 buckets. A request is put in a bucket by hashing its
``user`` field (or, without one, its ``X-Atlas-Session`` header) with the project's id, so the
same user always lands in the same bucket; a request with neither gets a random bucket and says
so in telemetry (``assigned_by="random"``, bucket -1).

The routing table is a history of revisions in the database (the newest is in force). A
revision's ``entries`` lay the targets out over the buckets in order (``[{"target", "share"}]``,
contiguous runs; a target may own more than one run). A new revision is laid out from the one
before it with the fewest buckets moved: a target whose share grows keeps every bucket it had
and takes free ones, a target whose share shrinks gives up only the difference (a version its
highest buckets, production its lowest). So a user on a new version stays on it while its share
grows from 1% to 100%. The kill switch is a revision that sends everything to production.

The gateway holds the newest revision as an immutable :class:`RoutingTable` snapshot and swaps
it in one assignment when a newer one appears (re-read twice a second), so readers never lock and
a change never drops a request. Two gateways on one database read the same revision and hash the
same way, so they route a user alike.
"""

from __future__ import annotations

import bisect
import hashlib
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.projects import lock_project, project_record
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import ModelVersion, RoutingRevision
from atlas_desktop.core.workspace import Workspace

BUCKETS = 10_000
BASE = "base"


@dataclass(frozen=True)
class Assignment:
    target: str
    bucket: int  # 0..9999; -1 when assigned at random
    assigned_by: str  # user | session | random


@dataclass(frozen=True)
class RoutingTable:
    """One revision, ready to route by (immutable; the gateway swaps whole snapshots)."""

    project_id: int
    number: int  # 0: no revision yet (everything to production)
    entries: tuple[tuple[str, int], ...]
    kill_switch: bool
    production: str  # the target production means now: "v3", or "base" before any release
    reason: str = ""
    created_by: str = ""
    created_at: datetime | None = None
    _ends: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        ends, total = [], 0
        for _, share in self.entries:
            total += share
            ends.append(total)
        object.__setattr__(self, "_ends", tuple(ends))

    def target_for(self, bucket: int) -> str:
        if self.kill_switch or not self.entries:
            return self.production
        i = bisect.bisect_right(self._ends, bucket)
        return self.entries[i][0] if i < len(self.entries) else self.production

    def shares(self) -> dict[str, int]:
        """Each target's share in basis points (10000 = 100%), production first."""
        if self.kill_switch:
            return {self.production: BUCKETS}
        out: Counter[str] = Counter()
        for target, share in self.entries:
            out[target] += share
        out[self.production] += BUCKETS - sum(out.values())
        return {t: out[t] for t in sorted(out, key=lambda t: (t != self.production, t)) if out[t] > 0}

    def targets(self) -> set[str]:
        return set(self.shares())

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "entries": [{"target": t, "share": s} for t, s in self.entries], "shares": self.shares(),
                "kill_switch": self.kill_switch, "production": self.production, "reason": self.reason, "created_by": self.created_by,
                "created_at": self.created_at.isoformat() if self.created_at else None}


# ------------------------------------------------------------------ assigning a request
def bucket_of(project_id: int, key: str) -> int:
    """The bucket of a user (or session) in a project: sha256 of both, modulo 10,000. The
    project's id, not its name, so a renamed project keeps its users where they are."""
    digest = hashlib.sha256(f"{project_id}\x1f{key}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


def assign(table: RoutingTable, user: str | None, session: str | None, rng: random.Random | None = None) -> Assignment:
    if user:
        b = bucket_of(table.project_id, user)
        return Assignment(table.target_for(b), b, "user")
    if session:
        b = bucket_of(table.project_id, session)
        return Assignment(table.target_for(b), b, "session")
    b = (rng or random).randrange(BUCKETS)
    return Assignment(table.target_for(b), -1, "random")


# ------------------------------------------------------------------ reading the table
def production_target(s: Session, project_id: int) -> str:
    """The project's model version in production ("v3"), or "base" until one is released."""
    n = s.execute(select(ModelVersion.number).where(ModelVersion.project_id == project_id, ModelVersion.stage == "production")
                  .order_by(ModelVersion.number.desc()).limit(1)).scalar_one_or_none()
    return f"v{n}" if n is not None else BASE


def current_table(s: Session, project_id: int) -> RoutingTable:
    """The newest revision (two indexed one-row queries: cheap enough to run twice a second)."""
    production = production_target(s, project_id)
    row = s.execute(select(RoutingRevision).where(RoutingRevision.project_id == project_id)
                    .order_by(RoutingRevision.number.desc()).limit(1)).scalar_one_or_none()
    if row is None:
        return RoutingTable(project_id, 0, ((production, BUCKETS),), False, production)
    return _table(row, production)


def _table(row: RoutingRevision, production: str) -> RoutingTable:
    entries = tuple((str(e["target"]), int(e["share"])) for e in row.entries)
    return RoutingTable(row.project_id, row.number, entries, row.kill_switch, production, row.reason, row.created_by, row.created_at)


def get_table(ws: Workspace, project: str) -> RoutingTable:
    with ws.unit_of_work() as s:
        return current_table(s, project_record(s, project).id)


def history(ws: Workspace, project: str, limit: int = 50) -> list[RoutingTable]:
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        production = production_target(s, p.id)
        rows = s.execute(select(RoutingRevision).where(RoutingRevision.project_id == p.id)
                         .order_by(RoutingRevision.number.desc()).limit(limit)).scalars()
        return [_table(r, production) for r in rows]


# ------------------------------------------------------------------ changing it
def layout(previous: list[tuple[str, int]], shares: dict[str, int], production: str) -> list[tuple[str, int]]:
    """The entries of a new revision: ``shares`` (production takes what is left), laid out over
    the buckets of ``previous`` with the fewest buckets moved (see the module's docstring)."""
    want = {t: s for t, s in shares.items() if s > 0}
    rest = BUCKETS - sum(want.values())
    if rest > 0:
        want[production] = want.get(production, 0) + rest
    owner: list[str | None] = []
    for target, share in previous:
        owner += [target] * share
    owner += [production] * (BUCKETS - len(owner))
    have = Counter(owner)
    for target, count in have.items():  # give up the difference
        excess = count - want.get(target, 0)
        if excess > 0:
            mine = [i for i, o in enumerate(owner) if o == target]
            for i in (mine[:excess] if target == production else mine[-excess:]):
                owner[i] = None
    seen = list(dict.fromkeys(t for t, _ in previous))
    order = sorted(want, key=lambda t: (t == production, seen.index(t) if t in seen else len(seen), t))
    for target in order:  # take free buckets
        need = want[target] - sum(1 for o in owner if o == target)
        if need > 0:
            free = [i for i, o in enumerate(owner) if o is None]
            for i in (free[-need:] if target == production else free[:need]):
                owner[i] = target
    runs: list[tuple[str, int]] = []
    for o in owner:
        assert o is not None
        if runs and runs[-1][0] == o:
            runs[-1] = (o, runs[-1][1] + 1)
        else:
            runs.append((o, 1))
    return runs


def _targets(s: Session, project_id: int) -> list[str]:
    numbers = s.execute(select(ModelVersion.number).where(ModelVersion.project_id == project_id).order_by(ModelVersion.number)).scalars()
    return [BASE, *(f"v{n}" for n in numbers)]


def _check(project: str, shares: dict[str, int], known: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for target, share in shares.items():
        name = str(target).strip().lower()
        name = f"v{name}" if name.isdigit() else name
        if name not in known:
            raise ValidationError(Msg("serve.route.unknown_target", project=project, target=target, targets=", ".join(known)))
        if isinstance(share, bool) or not isinstance(share, int) or not 0 <= share <= BUCKETS:
            raise ValidationError(Msg("serve.route.bad_share", target=target, share=share))
        out[name] = out.get(name, 0) + share
    total = sum(out.values())
    if total > BUCKETS:
        raise ValidationError(Msg("serve.route.too_much", total=total))
    return out


def _append(ws: Workspace, s: Session, project: str, entries: list[tuple[str, int]], kill: bool, reason: str, action: str,
            details: dict[str, Any]) -> RoutingTable:
    p = project_record(s, project)
    number = (s.execute(select(func.max(RoutingRevision.number)).where(RoutingRevision.project_id == p.id)).scalar() or 0) + 1
    row = RoutingRevision(project_id=p.id, number=number, entries=[{"target": t, "share": n} for t, n in entries], kill_switch=kill,
                          reason=reason, created_by=ws.user.login)
    s.add(row)
    s.flush()
    audit.append(s, ws.user.login, action, "routing_revision", row.id,
                 {"project": project, "number": number, "entries": row.entries, "kill_switch": kill, "reason": reason, **details})
    return _table(row, production_target(s, p.id))


def set_shares(ws: Workspace, project: str, shares: dict[str, int], reason: str = "") -> RoutingTable:
    """A new revision giving each named target its share (basis points: 1000 = 10%); production
    takes what is left. Laid out from the revision in force with the fewest buckets moved."""
    with ws.unit_of_work() as s:
        lock_project(s, name=project)
        return set_shares_in(ws, s, project, shares, reason)


def set_shares_in(ws: Workspace, s: Session, project: str, shares: dict[str, int], reason: str = "",
                  details: dict[str, Any] | None = None) -> RoutingTable:
    """:func:`set_shares` inside the caller's transaction (the release moves routing, its own
    record and aliases as one); the caller has locked the project."""
    p = project_record(s, project)
    wanted = _check(project, shares, _targets(s, p.id))
    now = current_table(s, p.id)
    previous = [(now.production, BUCKETS)] if now.kill_switch else list(now.entries)
    entries = layout(previous, wanted, now.production)
    return _append(ws, s, project, entries, False, reason, "serve.routing_changed", {"shares": wanted, "previous": now.number, **(details or {})})


def kill_switch(ws: Workspace, project: str, reason: str) -> RoutingTable:
    """Everything back to production at once (a new revision; the previous one stays on record)."""
    with ws.unit_of_work() as s:
        lock_project(s, name=project)
        p = project_record(s, project)
        now = current_table(s, p.id)
        return _append(ws, s, project, [(now.production, BUCKETS)], True, reason, "serve.kill_switch", {"previous": now.number})


def parse_shares(specs: list[str]) -> dict[str, int]:
    """``["v2=1000", "v3=500"]`` (from the command line) as {"v2": 1000, "v3": 500}."""
    out: dict[str, int] = {}
    for spec in specs:
        target, sep, share = spec.partition("=")
        if not sep or not target.strip() or not share.strip().isdigit():
            raise ValidationError(Msg("serve.route.bad_spec", spec=spec))
        out[target.strip()] = int(share)
    return out
