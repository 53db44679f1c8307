"""Training runs as the app and the CLI see them: create, supervise, resume, register.

The parent side never imports torch. :func:`create_run` checks the recipe,
picks the dataset version (default: the project's newest), records the run
and writes ``runs/RUN_ID/recipe.yaml``. :func:`execute_run` starts the engine
(engine.py) in a child process (through ``accelerate launch`` when more than
one device is used), passes its JSON-lines events on, and records the
outcome: a finished run registers its adapter as a candidate model version
with its lineage in one transaction; a crash leaves the run ``interrupted``
and resumable from its last checkpoint.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from atlas_desktop.core.child import ChildFailed, ChildProcess, run_child
from atlas_desktop.core.data.pipeline import DatasetVersionInfo, list_versions
from atlas_desktop.core.errors import AtlasError, NotFoundError, ValidationError
from atlas_desktop.core.jobs import Cancelled, CancelToken, Reporter
from atlas_desktop.core.messages import Msg, dumps, joined, loads
from atlas_desktop.core.private import private_opener, private_umask
from atlas_desktop.core.projects import lock_project, project_record
from atlas_desktop.core.registry.model_store import get_model, list_models, manifest_hash
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import BaseModelRecord, DatasetVersionRecord, ModelVersion, Project, TrainingRun
from atlas_desktop.core.training.checkpoints import checkpoint_step, latest_checkpoint, read_events
from atlas_desktop.core.training.recipe import Problem, Recipe, parse_recipe
from atlas_desktop.core.workspace import Workspace

ENGINE = "atlas_desktop.core.training.engine:train_child"
NICENESS = 5  # the training child yields the CPU to the window (2-core machines train on CPU)
CANCEL_GRACE_S = 30.0  # Cancel lets the current step finish and the checkpoint be written
RESUMABLE = ("interrupted", "paused", "cancelled", "failed")
TERMINAL_CHILD_EVENTS = ("started", "finished", "failed", "cancelled", "progress")


@dataclass(frozen=True)
class RunInfo:
    run_id: str
    project: str
    dataset_version: int
    base_model: str
    status: str
    step: int
    total_steps: int
    metrics: dict[str, Any]
    message: Msg | str  # how it ended, for people (render it); text a run of an older version wrote is a str
    run_dir: Path
    devices: int
    recipe: dict[str, Any]
    recipe_yaml: str
    created_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    model_version: str | None = None
    pid: int | None = None  # the supervising process (the window or `atlas train`) while it runs
    host: str = ""

    @property
    def resumable(self) -> bool:
        return self.status in RESUMABLE and latest_checkpoint(self.run_dir) is not None


@dataclass(frozen=True)
class ModelVersionInfo:
    name: str
    number: int
    project: str
    run_id: str
    base_model: str
    base_model_sha256: str
    dataset_version: int
    dataset_sha256: str
    adapter_path: Path
    adapter_sha256: str
    metrics: dict[str, Any]
    duration_s: float
    stage: str
    created_by: str
    created_at: datetime


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _run_row(s: Any, run_id: str) -> TrainingRun:
    return s.execute(select(TrainingRun).where(TrainingRun.run_id == run_id)).scalar_one()


def _run_info(ws: Workspace, s: Any, r: TrainingRun, mv: str | None | bool = False) -> RunInfo:
    project = s.get(Project, r.project_id).name
    dv = s.get(DatasetVersionRecord, r.dataset_version_id).number
    base = s.get(BaseModelRecord, r.base_model_id).name
    if mv is False:
        mv = s.execute(select(ModelVersion.name).where(ModelVersion.run_id == r.run_id)).scalar_one_or_none()
    return RunInfo(r.run_id, project, dv, base, r.status, r.step, r.total_steps, dict(r.metrics or {}), loads(r.message), ws.paths.home / r.run_dir,
                   r.devices, dict(r.recipe), r.recipe_yaml, r.created_by, r.created_at, r.started_at, r.finished_at, mv, r.pid, r.host)


def check_recipe_text(ws: Workspace, text: str, source_name: Msg | str | None = None) -> Recipe:
    """Recipe YAML checked against the models registered in ``ws``."""
    return parse_recipe(text, source_name=source_name, registered_models=[m.name for m in list_models(ws)])


def split_problem(ws: Workspace, project: str, recipe: Recipe, dataset: int | None = None) -> Problem | None:
    """A warning when the dataset version a run would use was split with another holdout share
    than the recipe's ``validation.holdout_ratio``, with the command that re-splits it."""
    from atlas_desktop.core.data.pipeline import list_versions

    versions = list_versions(ws, project)
    v = next((x for x in versions if x.number == dataset), None) if dataset else (versions[-1] if versions else None)
    if v is None:
        return None
    had, wants = float(v.settings.get("holdout_ratio", 0.15)), float(recipe.validation["holdout_ratio"])
    if abs(had - wants) < 1e-9:
        return None
    command = f'atlas data resplit --project "{project}" --dataset {v.number} --holdout {wants:g}'
    return Problem("validation.holdout_ratio", Msg("recipe.dataset_holdout_mismatch", number=v.number, had=had, wants=wants, command=command),
                   blocking=False)


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


CHILD_PID_FILE = "child.pid"
ORPHAN_WAIT_S = 10.0  # a child whose supervisor died stops at once (core.child); this is the most we wait for it


def _wait_for_child_to_go(run_dir: Path) -> None:
    """A child left by a supervisor that died notices at once (its stdin closes) and exits: wait for it,
    so that two trainings never write the same run folder."""
    try:
        pid = int((run_dir / CHILD_PID_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    deadline = time.monotonic() + ORPHAN_WAIT_S
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _pid_alive(pid):
        raise ValidationError(Msg("run.child_still_running", pid=str(pid)))


def _claim(ws: Workspace, run_id: str, resume: bool) -> RunInfo:
    """Take the run for this process, or say plainly why not. The run row records the supervising
    process (this one) and its machine; a run left 'running' by a supervisor that is gone (killed,
    crashed) is taken over at once, whoever notices first. The take-over is one conditional
    UPDATE, so of two users resuming the same run at once one wins and the other is told."""
    run = get_run(ws, run_id)
    host = socket.gethostname()
    if resume:
        if run.status == "finished":
            raise ValidationError(Msg("run.already_finished", run_id=run_id))
        if run.status == "running" and (run.host != host or _pid_alive(run.pid)):
            where = "" if run.host == host else Msg("run.still_running.on_host", host=run.host)
            raise ValidationError(Msg("run.still_running", run_id=run_id, where=where, pid=str(run.pid)))
        if run.status not in (*RESUMABLE, "running"):
            raise ValidationError(Msg("run.not_resumable", run_id=run_id, status=run.status))
        if latest_checkpoint(run.run_dir) is None:
            raise ValidationError(Msg("run.no_checkpoint", run_id=run_id))
        _wait_for_child_to_go(run.run_dir)
    elif run.status != "queued":
        raise ValidationError(Msg("run.already_started", run_id=run_id))
    with ws.unit_of_work() as s:
        taken = s.execute(update(TrainingRun).where(TrainingRun.run_id == run_id, TrainingRun.status == run.status,
                                                    TrainingRun.pid.is_(None) if run.pid is None else TrainingRun.pid == run.pid)
                          .values(status="running", pid=os.getpid(), host=host, message="", started_at=run.started_at or _now(),
                                  finished_at=None)).rowcount
    if taken != 1:
        raise ValidationError(Msg("run.taken", run_id=run_id))
    return get_run(ws, run_id)


def refresh_stale_runs(ws: Workspace) -> int:
    """Runs left 'running' by a process that no longer exists (power cut, kill -9) become 'interrupted'."""
    host = socket.gethostname()
    n = 0
    with ws.unit_of_work() as s:
        for r in s.execute(select(TrainingRun).where(TrainingRun.status == "running", TrainingRun.host == host)).scalars():
            if not _pid_alive(r.pid):
                r.status = "interrupted"
                r.message = dumps(Msg("run.interrupted"))
                n += 1
    return n


def list_runs(ws: Workspace, project: str | None = None) -> list[RunInfo]:
    refresh_stale_runs(ws)
    with ws.unit_of_work() as s:
        q = select(TrainingRun).order_by(TrainingRun.id.desc())
        if project:
            q = q.where(TrainingRun.project_id == project_record(s, project).id)
        names = dict(s.execute(select(ModelVersion.run_id, ModelVersion.name)).all())
        return [_run_info(ws, s, r, names.get(r.run_id)) for r in s.execute(q).scalars()]


def get_run(ws: Workspace, run_id: str) -> RunInfo:
    with ws.unit_of_work() as s:
        r = s.execute(select(TrainingRun).where(TrainingRun.run_id == run_id)).scalar_one_or_none()
        if r is None:
            raise NotFoundError(Msg("run.not_found", run_id=run_id), hint=Msg("run.not_found.hint"))
        return _run_info(ws, s, r)


def run_curves(run: RunInfo) -> list[dict[str, Any]]:
    """The run's recorded events (step, eval, checkpoint...), oldest first."""
    return read_events(run.run_dir)


def gpu_count() -> int:
    """GPUs this process may use, without importing torch (the window must stay light)."""
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    if visible is not None:
        return len([x for x in visible.split(",") if x.strip() and x.strip() != "-1"])
    return len(list(Path("/dev").glob("nvidia[0-9]*")))


def create_run(ws: Workspace, project: str, recipe: Recipe, dataset: int | None = None, devices: int | None = None) -> RunInfo:
    """``devices``: processes to train with; by default every GPU of the machine (one process on CPU)."""
    recipe.raise_if_blocked(Msg("recipe.cannot_be_used"))
    model = get_model(ws, recipe.model)
    versions = list_versions(ws, project)
    if not versions:
        raise ValidationError(Msg("run.no_dataset", project=project))
    chosen: DatasetVersionInfo | None = versions[0] if dataset is None else next((v for v in versions if v.number == dataset), None)
    if chosen is None:
        raise NotFoundError(Msg("run.dataset_not_found", project=project, number=str(dataset), versions=", ".join(v.label for v in versions)))
    run_id = f"{_now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
    rel = Path("runs") / run_id
    run_dir = ws.paths.home / rel
    yaml_text = recipe.to_yaml()
    with private_umask():  # owner-only, like everything the training child then writes there
        run_dir.mkdir(parents=True)
        (run_dir / "recipe.yaml").write_text(yaml_text, encoding="utf-8")
    recipe_sha = hashlib.sha256(yaml_text.encode("utf-8")).hexdigest()
    try:
        with ws.unit_of_work() as s:
            p = project_record(s, project)
            dv = s.execute(select(DatasetVersionRecord).where(DatasetVersionRecord.project_id == p.id,
                                                              DatasetVersionRecord.number == chosen.number)).scalar_one()
            bm = s.execute(select(BaseModelRecord).where(BaseModelRecord.name == model.name)).scalar_one()
            r = TrainingRun(run_id=run_id, project_id=p.id, dataset_version_id=dv.id, base_model_id=bm.id, recipe=recipe.to_dict(),
                            recipe_yaml=yaml_text, recipe_sha256=recipe_sha, status="queued", step=0, total_steps=0, metrics={}, message="",
                            run_dir=rel.as_posix(), devices=max(1, devices or gpu_count()), host=socket.gethostname(),
                            created_by=ws.user.login)
            s.add(r)
            s.flush()
            audit.append(s, ws.user.login, "training.run_created", "training_run", run_id,
                         {"project": project, "dataset_version": chosen.number, "dataset_sha256": chosen.sha256,
                          "base_model": model.name, "recipe_sha256": recipe_sha})
            return _run_info(ws, s, r)
    except BaseException:
        shutil.rmtree(run_dir, ignore_errors=True)
        raise


def launcher_for(devices: int) -> list[str] | None:
    """``accelerate launch`` for several processes; None runs one plain child."""
    if devices <= 1:
        return None
    cmd = [sys.executable, "-m", "accelerate.commands.launch", "--num_processes", str(devices), "--num_machines", "1",
           "--mixed_precision", "no", "--dynamo_backend", "no", "--main_process_port", str(_free_port())]
    # --multi_gpu selects torch's elastic launcher; on a machine without enough GPUs the
    # engine's Accelerator(cpu=True) then joins the processes over gloo (accelerate's own
    # --cpu would start a single process unless MPI is installed).
    return [*cmd, "--multi_gpu", "--gpu_ids", "all", "-m"]


def launcher_env(devices: int) -> dict[str, str] | None:
    """The processes of a several-process run on one machine talk over the loopback interface
    (gloo and NCCL otherwise pick one from this machine's name); a site's own choice is kept."""
    if devices <= 1 or not sys.platform.startswith("linux"):
        return None
    env = dict(os.environ)
    env.setdefault("GLOO_SOCKET_IFNAME", "lo")
    env.setdefault("NCCL_SOCKET_IFNAME", "lo")
    return env


def _free_port() -> int:
    """A port for the processes' rendezvous on this machine (the parent opens no socket itself)."""
    import random

    return random.SystemRandom().randint(20000, 59999)


def _child_config(ws: Workspace, run_id: str, resume: bool) -> tuple[dict[str, Any], int]:
    with ws.unit_of_work() as s:
        r = _run_row(s, run_id)
        dv = s.get(DatasetVersionRecord, r.dataset_version_id)
        bm = s.get(BaseModelRecord, r.base_model_id)
        cfg = {"run_id": run_id, "run_dir": str(ws.paths.home / r.run_dir), "model_path": str(ws.paths.home / bm.path),
               "train_path": str(ws.artifacts.path_for(dv.train_sha256)), "holdout_path": str(ws.artifacts.path_for(dv.holdout_sha256)),
               "recipe": dict(r.recipe), "resume": resume, "niceness": NICENESS}
        return cfg, r.devices


def _set_status(ws: Workspace, run_id: str, **fields: Any) -> None:
    with ws.unit_of_work() as s:
        r = _run_row(s, run_id)
        for k, v in fields.items():
            setattr(r, k, v)


def execute_run(ws: Workspace, run_id: str, report: Reporter = lambda p: None, cancel: CancelToken | None = None, *,
                resume: bool = False, on_event: Callable[[dict[str, Any]], None] | None = None,
                on_start: Callable[[ChildProcess], None] | None = None, interactive: bool = False) -> RunInfo:
    """Run (or resume) a training run to its end; every outcome is recorded, none raises except bad input.

    ``interactive``: a window is waiting on this run. Training on the CPU then leaves one core to
    the window (on a 2-core machine a child computing on both cores stalls any window for ~100 ms
    at a time, however little the window itself does; bench/training.py measures it).
    """
    cancel = cancel or CancelToken()
    run = _claim(ws, run_id, resume)
    cfg, devices = _child_config(ws, run_id, resume)
    if interactive:
        cfg["cpu_threads"] = max(1, (os.cpu_count() or 2) - 1)
    last = {"total_steps": run.total_steps, "prepared": {}}

    def started(child: ChildProcess) -> None:
        if child.proc:  # a later resume waits for this process to be gone (see _claim)
            with open(run.run_dir / CHILD_PID_FILE, "w", encoding="utf-8", opener=private_opener) as fh:
                fh.write(str(child.proc.pid))
        if on_start:
            on_start(child)

    def event(ev: dict[str, Any]) -> None:
        kind = ev.get("event")
        if kind in ("step", "prepared"):
            last["total_steps"] = int(ev["total_steps"])
        if kind == "prepared":
            last["prepared"] = ev
        elif kind == "checkpoint":
            _set_status(ws, run_id, step=int(ev["step"]), total_steps=last["total_steps"])
        if on_event:
            on_event(ev)

    audit_action = "training.run_resumed" if resume else "training.run_started"
    with ws.unit_of_work() as s:
        audit.append(s, ws.user.login, audit_action, "training_run", run_id, {"from_step": run.step})
    try:
        value = run_child(ENGINE, cfg, report, cancel, on_event=event, on_start=started, launcher=launcher_for(devices),
                          env=launcher_env(devices), log_path=run.run_dir / "train.log", cancel_grace=CANCEL_GRACE_S)
    except (Cancelled, ChildFailed) as exc:
        ck = latest_checkpoint(run.run_dir)
        step = checkpoint_step(ck) if ck else 0
        if isinstance(exc, Cancelled):
            status, msg = "cancelled", Msg("run.cancelled_at", step=step) if ck else Msg("run.cancelled")
        else:
            status = "interrupted" if exc.crashed else "failed"
            msg = joined(exc.full(), Msg("run.resume_from", step=step) if ck else None)
        _finish(ws, run_id, status, step, last["total_steps"], msg)
        return get_run(ws, run_id)
    except BaseException as exc:  # the child could not even be started: never leave the run 'running'
        detail = exc.full() if isinstance(exc, AtlasError) else str(exc) or type(exc).__name__
        _finish(ws, run_id, "failed", run.step, last["total_steps"], Msg("run.could_not_start", detail=detail))
        raise
    if value.get("status") == "paused":
        _finish(ws, run_id, "paused", int(value["step"]), last["total_steps"], Msg("run.paused_at", step=int(value["step"])))
        return get_run(ws, run_id)
    register_model_version(ws, run_id, value, last["prepared"])
    return get_run(ws, run_id)


def _finish(ws: Workspace, run_id: str, status: str, step: int, total: int, message: Msg | str) -> None:
    """Record how a run ended: the message as its code's JSON (the audit event keeps the English)."""
    with ws.unit_of_work() as s:
        r = _run_row(s, run_id)
        r.status, r.step, r.total_steps, r.message, r.finished_at, r.pid = status, step, total or r.total_steps, dumps(message), _now(), None
        audit.append(s, ws.user.login, f"training.run_{status}", "training_run", run_id, {"step": step, "message": str(message)[:300]})


def register_model_version(ws: Workspace, run_id: str, value: dict[str, Any], prepared: dict[str, Any] | None = None) -> ModelVersionInfo:
    """A finished run's adapter becomes a candidate model version, with its lineage, in one transaction."""
    run = get_run(ws, run_id)
    adapter = Path(value["adapter_dir"])
    sha, _size = manifest_hash(adapter)
    target_rel = Path("models") / "adapters" / f"{run_id}-{sha[:12]}"
    target = ws.paths.home / target_rel
    if not target.exists():
        staging = target.with_name(f".{target.name}.tmp")
        shutil.rmtree(staging, ignore_errors=True)
        with private_umask():  # copyfile, not copy2: the copies get the umask's 0600, never a source's mode
            shutil.copytree(adapter, staging, copy_function=shutil.copyfile)
        os.rename(staging, target)
    log_sha = ""
    events = run.run_dir / "events.jsonl"
    if events.is_file():
        log_sha = ws.artifacts.put_file(events)[0]
    metrics = dict(value.get("metrics") or {})
    if prepared:
        metrics["prepared"] = {k: prepared.get(k) for k in ("rows", "holdout_rows", "micro_batch", "accumulation", "device", "precision",
                                                             "default_chat_template")}
    try:
        with ws.unit_of_work() as s:
            # two runs finishing at once: one numbers after the other (the lock is the transaction's first statement)
            lock_project(s, project_id=select(TrainingRun.project_id).where(TrainingRun.run_id == run_id).scalar_subquery())
            r = _run_row(s, run_id)
            number = (s.execute(select(func.max(ModelVersion.number)).where(ModelVersion.project_id == r.project_id)).scalar() or 0) + 1
            bm = s.get(BaseModelRecord, r.base_model_id)
            dv = s.get(DatasetVersionRecord, r.dataset_version_id)
            name = f"{bm.name}-lora-v{number}"
            mv = ModelVersion(project_id=r.project_id, number=number, name=name, run_id=run_id, base_model_id=bm.id, base_model_sha256=bm.sha256,
                              dataset_version_id=dv.id, dataset_sha256=dv.sha256, recipe=dict(r.recipe), recipe_sha256=r.recipe_sha256,
                              adapter_path=target_rel.as_posix(), adapter_sha256=sha, metrics=metrics, log_sha256=log_sha,
                              duration_s=float(metrics.get("duration_s") or 0.0), stage="candidate", created_by=ws.user.login)
            s.add(mv)
            r.status, r.step, r.metrics, r.finished_at, r.pid = "finished", int(value["step"]), metrics, _now(), None
            r.total_steps = max(r.total_steps, int(value["step"]))
            r.message = dumps(Msg("run.finished", model=name))
            s.flush()
            audit.append(s, ws.user.login, "model.version_registered", "model_version", mv.id,
                         {"name": name, "run_id": run_id, "adapter_sha256": sha, "base_model_sha256": bm.sha256, "dataset_sha256": dv.sha256})
            return _mv_info(ws, s, mv)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise


def _mv_info(ws: Workspace, s: Any, mv: ModelVersion) -> ModelVersionInfo:
    project = s.get(Project, mv.project_id).name
    bm = s.get(BaseModelRecord, mv.base_model_id)
    dv = s.get(DatasetVersionRecord, mv.dataset_version_id)
    return ModelVersionInfo(mv.name, mv.number, project, mv.run_id, bm.name, mv.base_model_sha256, dv.number, mv.dataset_sha256,
                            ws.paths.home / mv.adapter_path, mv.adapter_sha256, dict(mv.metrics), mv.duration_s, mv.stage, mv.created_by, mv.created_at)


def list_model_versions(ws: Workspace, project: str | None = None) -> list[ModelVersionInfo]:
    with ws.unit_of_work() as s:
        q = select(ModelVersion).order_by(ModelVersion.id.desc())
        if project:
            q = q.where(ModelVersion.project_id == project_record(s, project).id)
        return [_mv_info(ws, s, mv) for mv in s.execute(q).scalars()]
