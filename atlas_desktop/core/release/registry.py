"""The registry as the Release page lists it: each model version with its lineage (base model,
dataset version, run, hashes), its aliases, its stage, its newest evaluation and gate decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from atlas_desktop.core.projects import project_record
from atlas_desktop.core.release.aliases import aliases_of
from atlas_desktop.core.storage.models import BaseModelRecord, DatasetVersionRecord, Evaluation, GateDecision, ModelVersion
from atlas_desktop.core.workspace import Workspace


@dataclass(frozen=True)
class VersionRow:
    number: int
    name: str
    stage: str  # candidate, production, retired
    aliases: tuple[str, ...]
    base_model: str
    dataset_version: int
    run_id: str
    adapter_sha256: str
    evaluation_id: int | None
    gate: bool | None  # the newest gate decision: passed, failed, or None (none yet)
    created_by: str
    created_at: datetime


def versions(ws: Workspace, project: str) -> list[VersionRow]:
    with ws.unit_of_work() as s:
        p = project_record(s, project)
        named: dict[int, list[str]] = {}
        for alias, number in aliases_of(s, p.id).items():
            named.setdefault(number, []).append(alias)
        out = []
        rows = s.execute(select(ModelVersion, BaseModelRecord.name, DatasetVersionRecord.number)
                         .join(BaseModelRecord, BaseModelRecord.id == ModelVersion.base_model_id)
                         .join(DatasetVersionRecord, DatasetVersionRecord.id == ModelVersion.dataset_version_id)
                         .where(ModelVersion.project_id == p.id).order_by(ModelVersion.number.desc())).all()
        for mv, base, dataset in rows:
            ev = s.execute(select(Evaluation.id).where(Evaluation.model_version_id == mv.id).order_by(Evaluation.id.desc()).limit(1)).scalar()
            gate = s.execute(select(GateDecision.passed).where(GateDecision.model_version_id == mv.id).order_by(GateDecision.id.desc())
                             .limit(1)).scalar()
            out.append(VersionRow(mv.number, mv.name, mv.stage, tuple(sorted(named.get(mv.number, []))), base, dataset, mv.run_id,
                                  mv.adapter_sha256, ev, gate, mv.created_by, mv.created_at))
        return out
