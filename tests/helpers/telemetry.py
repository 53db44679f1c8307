"""Synthetic gateway telemetry for a project, as the gateway would record it: requests over a few
days to two targets ("base" and "v1", v1's share growing), with latency, tokens, statuses,
thumbs and help-desk tickets, and a drifted last stretch.

The prompts are real user turns: those of resources/samples (the training data) and the
evaluation suite's prompts; the drifted stretch mixes in English and code-switched banking
questions and Maghrebi ones (a dialect the training data has little of), so the Latin share, the
dialect mix and the share of unseen words move. Features are computed by the same code the
gateway uses (core/serving/features.request_features with the production drift model)."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from atlas_desktop.core.data.validate import text_of
from atlas_desktop.core.demo import EVAL_SUITE, SAMPLE_CONVERSATIONS
from atlas_desktop.core.projects import project_record
from atlas_desktop.core.serving.drift import production_model
from atlas_desktop.core.serving.features import request_features
from atlas_desktop.core.storage.models import ServingFeedback, TelemetryEvent, TicketLink

# Requests unlike the training data: English, code-switched, and Maghrebi.
DRIFTED = [
    "Hi, I need to reset my online banking password, the OTP never arrives",
    "Can I increase my credit card limit from the app?",
    "How do I dispute a transaction I don't recognise on my statement?",
    "What is the exchange rate for USD transfers today?",
    "My salary was deposited but the balance still shows zero",
    "Is there a fee for closing my savings account early?",
    "I lost my debit card at the airport, please block it now",
    "How long does an international wire transfer take to Europe?",
    "ابغى اسوي transfer to my brother account بس the app keeps crashing",
    "عندي problem مع الـ mobile banking login من امبارح",
    "please cancel the standing order اللي سويته الشهر الماضي",
    "هل ممكن اغير الـ PIN code من الـ ATM مباشرة؟",
    "the card got declined في المطعم مع ان الرصيد كافي",
    "واش نقدر نحل حساب جديد من الدار بلا ما نمشي للوكالة؟",
    "بغيت نعرف علاش تقطعو ليا واحد المبلغ من الحساب هاد الشهر",
    "شحال خاصني نخلص باش نبدل الكارطة اللي ضاعت ليا؟",
    "الكريدي ديال الطوموبيل واش فيه شي تخفيض هاد الأيام؟",
    "عافاك شوف ليا واش وصلات الحوالة اللي صيفطها ليا خويا من فرنسا",
    "واش كاين شي تطبيق جديد ديال البنكة ولا نبقى بالقديم؟",
    "السلام، المحفظة الإلكترونية ديالي مبلوكية من البارح، شنو ندير؟",
]


def _user_turns() -> list[str]:
    out = []
    for line in SAMPLE_CONVERSATIONS.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue
        for m in row.get("messages") or []:
            if isinstance(m, dict) and m.get("role") == "user" and (text_of(m.get("content")) or "").strip():
                out.append(text_of(m["content"]))
    for line in EVAL_SUITE.read_text(encoding="utf-8").splitlines():
        out.append(json.loads(line)["prompt"])
    return out


@dataclass
class Generated:
    requests: int
    completion_ids: list[tuple[str, str, datetime]]  # (completion id, target, at)
    drift_from: datetime
    tickets: list[tuple[str, str]]  # (ticket id, completion id), not stored unless store_tickets


def generate_telemetry(ws, project: str, days: int = 5, per_day: int = 240, drift_days: float = 1.5, now: datetime | None = None,  # noqa: ANN001
                       seed: int = 7, store_tickets: bool = True, store_feedback: bool = True, drifted_share: float = 0.6,
                       keep_text: bool = False) -> Generated:
    """Insert ``days`` × ``per_day`` requests ending at ``now``; from ``drift_days`` before the end, ``drifted_share`` of them are drifted."""
    rng = random.Random(seed)
    now = now or datetime.now(timezone.utc)
    start = now - timedelta(days=days)
    drift_from = now - timedelta(days=drift_days)
    found = production_model(ws, project)
    model = found[1] if found else None
    normal, drifted = _user_turns(), DRIFTED
    cache: dict[str, dict] = {}

    def features(text: str) -> dict:
        if text not in cache:
            cache[text] = request_features(text, model)
        return cache[text]

    total = days * per_day
    rows, feedback, tickets, ids = [], [], [], []
    with ws.unit_of_work() as s:
        pid = project_record(s, project).id
    for k in range(total):
        at = start + timedelta(seconds=(k + rng.random()) * days * 86400 / total)
        progress = k / total
        v1_share = 0.1 + 0.4 * progress  # the candidate's share grows from 10% to 50%
        target = "v1" if rng.random() < v1_share else "base"
        late = at >= drift_from
        text = rng.choice(drifted) if late and rng.random() < drifted_share else rng.choice(normal)
        status = "ok"
        r = rng.random()
        if r < (0.04 if target == "v1" and late else 0.01):
            status = "error"
        elif r < 0.02:
            status = "disconnected"
        stream = rng.random() < 0.5
        base_ms = 950.0 if target == "v1" else 800.0
        total_ms = rng.lognormvariate(0, 0.35) * base_ms * (1.3 if late else 1.0)
        cid = f"chatcmpl-{uuid.UUID(int=rng.getrandbits(128)).hex[:24]}"
        ids.append((cid, target, at))
        rows.append({"at": at, "project_id": pid, "completion_id": cid, "target": target, "routing_number": 1,
                     "bucket": rng.randrange(10000), "assigned_by": "user", "client": "helpdesk-app", "status": status, "stream": stream,
                     "first_token_ms": total_ms * 0.2 if stream else None, "total_ms": round(total_ms, 1) if status == "ok" else 30.0,
                     "tokens_in": 40 + features(text)["words"] * 2, "tokens_out": rng.randint(30, 160) if status == "ok" else 0,
                     "features": features(text), "prompt_text": text if keep_text else None, "answer_text": None,
                     "gateway": "test:1", "detail": ""})
        if status == "ok" and store_feedback and rng.random() < 0.25:
            down = rng.random() < (0.35 if target == "v1" and late else 0.12)
            feedback.append({"at": at + timedelta(minutes=2), "project_id": pid, "completion_id": cid, "target": target,
                             "thumbs": -1 if down else 1, "ticket_id": None, "client": "helpdesk-app"})
        if status == "ok" and rng.random() < (0.02 if late else 0.006):
            tickets.append((f"HD-{10000 + len(tickets)}", cid))
    with ws.unit_of_work() as s:
        for i in range(0, len(rows), 5000):
            s.execute(insert(TelemetryEvent), rows[i:i + 5000])
        if feedback:
            s.execute(insert(ServingFeedback), feedback)
        if tickets and store_tickets:
            target_of = {c: t for c, t, _ in ids}
            at_of = {c: a for c, _, a in ids}
            s.execute(insert(TicketLink), [{"at": at_of[c] + timedelta(hours=3), "project_id": pid, "ticket_id": t, "completion_id": c,
                                           "target": target_of[c], "source": "synthetic", "created_by": "tester"} for t, c in tickets])
    return Generated(total, ids, drift_from, tickets)


def project_with_data(ws) -> str:  # noqa: ANN001
    """The demo project with the sample conversations imported (dataset v1): drift's reference."""
    from atlas_desktop.core.data.pipeline import import_files
    from atlas_desktop.core.demo import ensure_demo_project

    name, _ = ensure_demo_project(ws)
    import_files(ws, name, [SAMPLE_CONVERSATIONS])
    return name


def write_tickets_csv(path: Path, rows: list[tuple[str, str]], header: str = "ticket_id,completion_id") -> Path:
    path.write_text(header + "\n" + "".join(f"{t},{c}\n" for t, c in rows), encoding="utf-8")
    return path


NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)  # where the synthetic telemetry ends


def add_keys(ws, project: str) -> None:  # noqa: ANN001
    """Three client keys as the gateway stores them (a hash and the first characters), one revoked."""
    import hashlib

    from atlas_desktop.core.storage.models import ServingKey

    with ws.unit_of_work() as s:
        pid = project_record(s, project).id
        for name, prefix, revoked in (("helpdesk-app", "atl_4f2a", None), ("mobile-app", "atl_9c1e", None),
                                      ("old-portal", "atl_07bd", datetime(2026, 11, 20, tzinfo=timezone.utc))):
            s.add(ServingKey(project_id=pid, name=name, prefix=prefix, key_hash=hashlib.sha256(name.encode()).hexdigest(), created_by="tester",
                             revoked_by="tester" if revoked else None, revoked_at=revoked))


def build_monitor_home(home: Path, now: datetime = NOW, keys: bool = False, **kw) -> Path:  # noqa: ANN003
    """A data folder with the demo project, its sample data (dataset v1, the drift reference,
    its drift model cached) and five days of synthetic telemetry ending at NOW, the last day and a
    half drifted; built once per session, copied per test (``copy_workspace``)."""
    import pytest

    from atlas_desktop.core.workspace import Workspace

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATLAS_HOME", str(home))
        mp.setenv("ATLAS_USER", "tester")
        mp.delenv("ATLAS_DATABASE_URL", raising=False)
        ws = Workspace.open()
        try:
            project = project_with_data(ws)
            ws.settings.current_project = project
            ws.save_settings()
            if keys:
                add_keys(ws, project)
            generate_telemetry(ws, project, now=now, **kw)
        finally:
            ws.close()
    return home


def copy_workspace(src: Path, atlas_home: Path):  # noqa: ANN201
    """A workspace on a copy of ``src`` at ``atlas_home`` (the test's own data folder)."""
    import shutil

    from atlas_desktop.core.workspace import Workspace

    shutil.copytree(src, atlas_home)
    return Workspace.open()
