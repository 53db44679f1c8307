"""Release test helpers: the playbook's plan verbatim, a passed gate, a second release manager,
and traffic written straight into telemetry over a stage (the simulator drives the real gateway)."""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import insert, select

from atlas_desktop.core.projects import project_record
from atlas_desktop.core.storage.models import GateDecision, ModelVersion, ServingFeedback, TelemetryEvent, TicketLink

# The playbook's release plan, character for character as printed (its indentation lost).
SEED_RELEASE = """release:
model: mx4-atlas-core-v2
stages:
- traffic: 10%
checks: ["quality", "latency"]
- traffic: 50%
checks: ["quality", "support_tickets"]
- traffic: 100%
checks: ["final_review"]
"""

# The same plan as YAML is usually indented.
SEED_RELEASE_INDENTED = """release:
  model: mx4-atlas-core-v2
  stages:
    - traffic: 10%
      checks: ["quality", "latency"]
    - traffic: 50%
      checks: ["quality", "support_tickets"]
    - traffic: 100%
      checks: ["final_review"]
"""


def pass_gate(ws, project: str, number: int = 1, passed: bool = True) -> None:  # noqa: ANN001
    """A stored gate decision for v``number`` (the gate's own logic is tested in tests/core/evaluation)."""
    from atlas_desktop.core.messages import Msg, to_json
    from atlas_desktop.core.storage.models import Evaluation

    with ws.unit_of_work() as s:
        p = project_record(s, project)
        mv = s.execute(select(ModelVersion).where(ModelVersion.project_id == p.id, ModelVersion.number == number)).scalar_one()
        ev = s.execute(select(Evaluation.id).order_by(Evaluation.id.desc()).limit(1)).scalar_one_or_none()
        if ev is None:
            raise AssertionError("the workspace needs an evaluation")
        reason = Msg("release.check.not_evaluated")
        s.add(GateDecision(model_version_id=mv.id, evaluation_id=ev, passed=passed, reasons=[to_json(reason)], figures={},
                           created_by=ws.user.login))


def as_user(ws, login: str, roles: tuple[str, ...] = ("release_manager",)):  # noqa: ANN001, ANN201
    """The same workspace acting as another user (registered with ``roles``)."""
    from atlas_desktop.core.storage.models import User
    from atlas_desktop.core.users import ensure_user

    with ws.unit_of_work() as s:
        info = ensure_user(s, login)
        s.execute(User.__table__.update().where(User.id == info.id).values(roles=list(roles)))
    other = replace(ws) if hasattr(ws, "__dataclass_fields__") else ws
    object.__setattr__(other, "user", replace(info, roles=tuple(roles)))
    return other


def traffic(ws, project: str, since: datetime, until: datetime, per_target: dict[str, int], latency_ms: dict[str, float],  # noqa: ANN001
            thumbs_down: dict[str, float], thumbs_share: float = 0.3, tickets: dict[str, float] | None = None, seed: int = 1) -> None:
    """Answered requests spread over [since, until), with thumbs and tickets at the given rates."""
    rng = random.Random(seed)
    rows, feedback, links = [], [], []
    with ws.unit_of_work() as s:
        pid = project_record(s, project).id
    span = (until - since).total_seconds()
    for target, n in per_target.items():
        for i in range(n):
            at = since + timedelta(seconds=span * (i + rng.random()) / n)
            cid = f"chatcmpl-{uuid.UUID(int=rng.getrandbits(128)).hex[:24]}"
            rows.append({"at": at, "project_id": pid, "completion_id": cid, "target": target, "routing_number": 1, "bucket": rng.randrange(10000),
                         "assigned_by": "user", "client": "sim", "status": "ok", "stream": False, "first_token_ms": None,
                         "total_ms": latency_ms[target] * rng.lognormvariate(0, 0.15), "tokens_in": 20, "tokens_out": 40, "features": {},
                         "prompt_text": None, "answer_text": None, "gateway": "test:1", "detail": ""})
            if rng.random() < thumbs_share:
                feedback.append({"at": at + timedelta(seconds=5), "project_id": pid, "completion_id": cid, "target": target,
                                 "thumbs": -1 if rng.random() < thumbs_down[target] else 1, "ticket_id": None, "client": "sim"})
            if tickets and rng.random() < tickets.get(target, 0):
                links.append({"at": at + timedelta(minutes=5), "project_id": pid, "ticket_id": f"HD-{len(links) + 1}-{seed}",
                              "completion_id": cid, "target": target, "source": "test", "created_by": "tester"})
    with ws.unit_of_work() as s:
        s.execute(insert(TelemetryEvent), rows)
        if feedback:
            s.execute(insert(ServingFeedback), feedback)
        if links:
            s.execute(insert(TicketLink), links)


class Clock:
    """The controller's clock in a test: stands still until the test moves ``at``."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at
