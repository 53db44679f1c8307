"""A run's checkpoints and its event log, as a resume finds them.

``run_dir/checkpoints/step-NNNNNN`` holds the adapter (adapter_model.safetensors), the optimizer
and scheduler states (optimizer.pt, scheduler.pt), every process's random-number state
(rng-<rank>.pt) and state.json (the step, the loop's history, the plan it was made with; the
position in the data is the step, as the schedule is a pure function of the seed). A checkpoint
is written to ``.tmp-step-NNNNNN``, fsynced and renamed, then ``checkpoints/latest`` is replaced
atomically: a crash mid-write leaves the previous checkpoint valid. The last KEEP_CHECKPOINTS
are kept.

``run_dir/events.jsonl`` holds the run's events, one JSON object a line; a resume cuts it back
to the checkpoint's step, so the curve goes on from there.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path
from typing import Any

from atlas_desktop.core.messages import Msg
from atlas_desktop.core.training.distributed import agree_str
from atlas_desktop.core.training.errors import TrainingError

KEEP_CHECKPOINTS = 2


# --------------------------------------------------------------------------- atomic writes


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all: a temporary file beside it, renamed into place (and
    removed again if writing fails, so no half-written file is ever left)."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


# --------------------------------------------------------------------------- finding and reading


def latest_checkpoint(run_dir: Path) -> Path | None:
    """The newest complete checkpoint, or None."""
    ckdir = run_dir / "checkpoints"
    pointer = ckdir / "latest"
    if pointer.is_file():
        target = ckdir / pointer.read_text(encoding="utf-8").strip()
        if (target / "state.json").is_file():
            return target
    done = sorted(p for p in ckdir.glob("step-*") if (p / "state.json").is_file()) if ckdir.is_dir() else []
    return done[-1] if done else None


def checkpoint_step(ck: Path) -> int:
    """The optimizer step a checkpoint was written at."""
    return int(json.loads((ck / "state.json").read_text(encoding="utf-8"))["step"])


def load_checkpoint(ck: Path, model: Any, optimizer: Any, scheduler: Any, accelerator: Any) -> dict[str, Any]:
    """Restore the adapter, optimizer, scheduler and this process's random state; returns state.json."""
    import torch
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    weights = load_file(str(ck / "adapter_model.safetensors"))
    set_peft_model_state_dict(accelerator.unwrap_model(model), weights)
    optimizer.load_state_dict(torch.load(ck / "optimizer.pt", weights_only=False))
    scheduler.load_state_dict(torch.load(ck / "scheduler.pt", weights_only=False))
    rng = ck / f"rng-{accelerator.process_index}.pt"
    if rng.is_file():
        _set_rng_state(torch.load(rng, weights_only=False))
    return json.loads((ck / "state.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- writing


def save_checkpoint(run_dir: Path, step: int, model: Any, optimizer: Any, scheduler: Any, state: dict[str, Any],
                    accelerator: Any) -> Path:
    """Write the checkpoint for ``step`` atomically (all processes call this)."""
    ckdir = run_dir / "checkpoints"
    final = ckdir / f"step-{step:06d}"
    tmp = ckdir / f".tmp-step-{step:06d}"
    main = accelerator.is_main_process
    failure = ""
    try:
        _write(ckdir, tmp, model, optimizer, scheduler, state, accelerator)
    except OSError as exc:
        failure = exc.strerror or str(exc)
    # a full disk on one process stops them all, or the others would wait for it forever
    failure = agree_str(accelerator, failure)
    if failure:
        if main:
            shutil.rmtree(tmp, ignore_errors=True)
        raise TrainingError(Msg("train.checkpoint_not_written", step=step, failure=failure, folder=str(run_dir.parent)))
    accelerator.wait_for_everyone()
    if main:
        _publish(ckdir, tmp, final)
    accelerator.wait_for_everyone()
    return final


def _write(ckdir: Path, tmp: Path, model: Any, optimizer: Any, scheduler: Any, state: dict[str, Any], accelerator: Any) -> None:
    """Every file of the checkpoint into ``tmp``, fsynced: each process its random state, the main one the rest."""
    import torch

    main = accelerator.is_main_process
    if main:
        ckdir.mkdir(parents=True, exist_ok=True)
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
    accelerator.wait_for_everyone()
    torch.save(_rng_state(), tmp / f"rng-{accelerator.process_index}.pt")
    if main:
        accelerator.unwrap_model(model).save_pretrained(tmp, safe_serialization=True)
        torch.save(optimizer.state_dict(), tmp / "optimizer.pt")
        torch.save(scheduler.state_dict(), tmp / "scheduler.pt")
        (tmp / "state.json").write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
        for f in tmp.iterdir():
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())


def _publish(ckdir: Path, tmp: Path, final: Path) -> None:
    """Rename the written checkpoint into place, point ``latest`` at it and drop the oldest."""
    if final.exists():
        shutil.rmtree(final)
    os.rename(tmp, final)
    _fsync_dir(ckdir)
    atomic_write_text(ckdir / "latest", final.name)
    for old in sorted(p for p in ckdir.glob("step-*") if p != final)[:-(KEEP_CHECKPOINTS - 1) or None]:
        shutil.rmtree(old, ignore_errors=True)


def _rng_state() -> dict[str, Any]:
    import numpy as np
    import torch

    state = {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def _set_rng_state(state: dict[str, Any]) -> None:
    import numpy as np
    import torch

    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


# --------------------------------------------------------------------------- the event log


def read_events(run_dir: Path) -> list[dict[str, Any]]:
    path = run_dir / "events.jsonl"
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out


def truncate_events(run_dir: Path, step: int) -> None:
    """Drop events after ``step`` (they belong to work a crash threw away)."""
    path = run_dir / "events.jsonl"
    if not path.is_file():
        return
    keep = [ev for ev in read_events(run_dir)
            if not (ev.get("event") in ("step", "eval", "final_eval", "checkpoint") and int(ev.get("step", 0)) > step)
            and ev.get("event") not in ("finished", "failed", "cancelled", "paused", "interrupted")]
    atomic_write_text(path, "".join(json.dumps(ev, ensure_ascii=False, default=str) + "\n" for ev in keep))
