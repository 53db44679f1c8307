"""Real training runs of the tiny model in a child process: outcome, lineage, resume, failures."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sqlalchemy import select

from atlas_desktop.core.jobs import CancelToken
from atlas_desktop.core.messages import render
from atlas_desktop.core.storage.models import TrainingRun
from atlas_desktop.core.storage import audit
from atlas_desktop.core.training.engine import latest_checkpoint
from atlas_desktop.core.training.runner import (
    check_recipe_text, create_run, execute_run, get_run, list_model_versions, list_runs, run_curves)
from tests.core.test_messages import english_words
from tests.core.training.conftest import SEED_RECIPE, tiny_recipe


# Checkpoints, kills, resumes and multi-process layouts are about files and processes, the same on
# either database: these run on SQLite only (the suite stays under 15 minutes). PostgreSQL keeps the
# training tests where the database itself is in play: two users training in one project at once
# and every run's record (the other tests here). Two processes on different rows is arithmetic.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _run(ws, text: str, **kw):  # noqa: ANN001, ANN202
    run = create_run(ws, ws.demo_project, check_recipe_text(ws, text), devices=kw.pop("devices", 1))
    events: list[dict] = []
    done = execute_run(ws, run.run_id, on_event=events.append, **kw)
    return done, events


def _adapter_weights(path: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(str(path / "adapter_model.safetensors"))


def test_a_run_registers_a_candidate_with_lineage(training_ws) -> None:  # noqa: ANN001
    done, events = _run(training_ws, tiny_recipe(steps=8, save=4))
    assert done.status == "finished", done.message
    kinds = [e["event"] for e in events]
    assert kinds.count("step") == 8 and "eval" in kinds and "checkpoint" in kinds and "prepared" in kinds
    assert all(e["run_id"] == done.run_id for e in events if e["event"] in ("step", "eval", "checkpoint", "prepared"))
    step = next(e for e in events if e["event"] == "step")
    assert {"step", "total_steps", "loss", "learning_rate", "tokens_per_second"} <= set(step)
    prepared = next(e for e in events if e["event"] == "prepared")
    assert prepared["layout"] == "shared"  # the CPU layout: one flat row per micro-batch, the prompt once
    assert prepared["kernels"] == {"fused_output_layer": True, "fast_dropout_layers": prepared["kernels"]["fast_dropout_layers"]}
    assert prepared["kernels"]["fast_dropout_layers"] > 0  # a Llama-style model on the CPU: both kernels in use
    [mv] = list_model_versions(training_ws, training_ws.demo_project)
    assert mv.name == done.model_version == "tiny-lora-v1" and mv.stage == "candidate"
    assert mv.dataset_version == 1 and len(mv.dataset_sha256) == 64 and len(mv.base_model_sha256) == 64
    assert mv.metrics["eval_loss"] is not None and mv.metrics["steps"] == 8 and mv.duration_s > 0
    final = [e for e in events if e["event"] == "final_eval"]
    assert len(final) == 1 and final[0]["rows"] > 16 and final[0]["eval_loss"] == pytest.approx(mv.metrics["eval_loss"])
    assert all(e["rows"] == 16 for e in events if e["event"] == "eval")  # the curve's points compare
    config = json.loads((mv.adapter_path / "adapter_config.json").read_text())
    base = Path(config["base_model_name_or_path"])
    assert base.is_dir() and base.is_relative_to(training_ws.paths.models)  # the local store, never a hub name
    assert len(run_curves(done)) >= 10
    with training_ws.unit_of_work() as session:
        actions = [e.action for e in audit.recent(session, 20)]
    assert {"training.run_created", "training.run_started", "model.version_registered"} <= set(actions)


@SQLITE_ONLY
def test_kill_9_after_a_checkpoint_resumes_to_the_same_result(training_ws, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    text = tiny_recipe(steps=8, save=4)
    straight, _ = _run(training_ws, text)
    assert straight.status == "finished"

    monkeypatch.setenv("ATLAS_DIAG_STEP_DELAY", "0.4")
    run = create_run(training_ws, training_ws.demo_project, check_recipe_text(training_ws, text))
    killed = threading.Event()
    handle: dict = {}

    def on_event(ev: dict) -> None:
        if ev["event"] == "checkpoint" and ev["step"] == 4 and not killed.is_set():
            killed.set()
            os.kill(handle["child"].proc.pid, signal.SIGKILL)  # the training process, not its supervisor

    crashed = execute_run(training_ws, run.run_id, on_event=on_event, on_start=lambda c: handle.setdefault("child", c))
    assert killed.is_set()
    assert crashed.status == "interrupted" and crashed.resumable and "step 4" in str(crashed.message)
    monkeypatch.delenv("ATLAS_DIAG_STEP_DELAY")
    resumed_events: list[dict] = []
    resumed = execute_run(training_ws, run.run_id, resume=True, on_event=resumed_events.append)
    assert resumed.status == "finished", resumed.message
    assert [e["step"] for e in resumed_events if e["event"] == "step"] == [5, 6, 7, 8]  # the count goes on
    steps = [e["step"] for e in run_curves(resumed) if e["event"] == "step"]
    assert steps == list(range(1, 9))  # the curve continues without the lost steps
    a = _adapter_weights(straight.run_dir / "adapter")
    b = _adapter_weights(resumed.run_dir / "adapter")
    for k in a:
        assert float((a[k] - b[k]).abs().max()) < 1e-5, k
    assert resumed.metrics["train_loss"] == pytest.approx(straight.metrics["train_loss"], rel=1e-4)
    assert resumed.metrics["eval_loss"] == pytest.approx(straight.metrics["eval_loss"], rel=1e-4)


@SQLITE_ONLY
@pytest.mark.parametrize("layout", ["shared", "single", "packed"])
def test_two_processes_through_accelerate(training_ws, monkeypatch: pytest.MonkeyPatch, layout: str) -> None:  # noqa: ANN001
    monkeypatch.setenv("ATLAS_TRAIN_LAYOUT", layout)
    done, events = _run(training_ws, tiny_recipe(steps=4, save=4), devices=2)
    assert done.status == "finished", done.message
    prepared = next(e for e in events if e["event"] == "prepared")
    assert prepared["world"] == 2
    assert [e["step"] for e in events if e["event"] == "step"] == [1, 2, 3, 4]  # one voice for both processes


@SQLITE_ONLY
def test_cancel_saves_a_checkpoint_and_resume_finishes(training_ws, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("ATLAS_DIAG_STEP_DELAY", "0.3")
    run = create_run(training_ws, training_ws.demo_project, check_recipe_text(training_ws, tiny_recipe(steps=10, save=100)))
    cancel = CancelToken()

    def on_event(ev: dict) -> None:
        if ev["event"] == "step" and ev["step"] == 2:
            cancel.cancel()

    done = execute_run(training_ws, run.run_id, cancel=cancel, on_event=on_event)
    assert done.status == "cancelled" and done.step >= 2 and done.resumable
    monkeypatch.delenv("ATLAS_DIAG_STEP_DELAY")
    assert execute_run(training_ws, run.run_id, resume=True).status == "finished"


def test_pause_stops_at_a_checkpoint(training_ws, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("ATLAS_DIAG_STEP_DELAY", "0.3")
    run = create_run(training_ws, training_ws.demo_project, check_recipe_text(training_ws, tiny_recipe(steps=10, save=100)))
    handle: dict = {}

    def on_event(ev: dict) -> None:
        if ev["event"] == "step" and ev["step"] == 1:
            handle["child"].send("pause")

    done = execute_run(training_ws, run.run_id, on_event=on_event, on_start=lambda c: handle.setdefault("child", c))
    assert done.status == "paused" and done.resumable and 1 <= done.step < 10
    assert [r.status for r in list_runs(training_ws)] == ["paused"]


def test_nan_loss_stops_with_the_likely_cause(training_ws) -> None:  # noqa: ANN001
    text = tiny_recipe(steps=6, save=100, override_learning_rate_check="true", max_grad_norm=0).replace("learning_rate: 5e-3", "learning_rate: 1e30")
    done, _ = _run(training_ws, text)
    assert done.status == "failed"
    assert ("NaN" in str(done.message) or "infinite" in str(done.message)) and "learning rate" in str(done.message)
    assert render(done.message, "ar").startswith("أصبحت الخسارة")  # a code from the training child, rendered in Arabic


def test_disk_full_while_checkpointing_keeps_the_previous_one(training_ws, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("ATLAS_DIAG_DISK_FULL_AT_STEP", "4")
    done, _ = _run(training_ws, tiny_recipe(steps=8, save=2))
    assert done.status == "failed" and "No space left" in str(done.message) and "previous" in str(done.message)
    ck = latest_checkpoint(done.run_dir)
    assert ck is not None and ck.name == "step-000002" and done.resumable
    assert not list((done.run_dir / "checkpoints").glob(".tmp-*"))


def test_auto_batch_halves_on_out_of_memory_and_keeps_the_effective_batch(training_ws, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("ATLAS_TRAIN_LAYOUT", "packed")  # the GPU layout, where micro-batches hold several rows
    monkeypatch.setenv("ATLAS_DIAG_OOM_ABOVE_ROWS", "1")
    done, events = _run(training_ws, tiny_recipe(steps=2, save=100).replace("batch_size: 2", "batch_size: 4"))
    assert done.status == "finished", done.message
    prepared = next(e for e in events if e["event"] == "prepared")
    assert (prepared["micro_batch"], prepared["accumulation"]) == (1, 4) and "halved" in prepared["batch_choice"]


@SQLITE_ONLY
def test_a_recipe_that_never_fits_says_what_to_change(training_ws, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("ATLAS_DIAG_OOM_ABOVE_ROWS", "0")
    done, _ = _run(training_ws, tiny_recipe(steps=2, save=100))
    assert done.status == "failed" and "max_seq_length" in str(done.message) and "smaller base model" in str(done.message)
    monkeypatch.setenv("ATLAS_TRAIN_LAYOUT", "packed")
    done, _ = _run(training_ws, tiny_recipe(steps=2, save=100))
    assert done.status == "failed" and "one row at a time" in str(done.message)


def test_missing_base_model_folder(training_ws) -> None:  # noqa: ANN001
    import shutil

    from atlas_desktop.core.registry.model_store import get_model

    shutil.rmtree(get_model(training_ws, "tiny").path)
    done, _ = _run(training_ws, tiny_recipe(steps=2, save=100))
    assert done.status == "failed" and "missing" in str(done.message) and "\n" not in str(done.message)
    # stored as its code: the run's row holds the JSON, and the message reads in Arabic without English
    with training_ws.unit_of_work() as s:
        stored = s.execute(select(TrainingRun.message).where(TrainingRun.run_id == done.run_id)).scalar_one()
    assert json.loads(stored)["code"] == "train.model_folder_missing" and done.message.code == "train.model_folder_missing"
    arabic = render(done.message, "ar")
    assert arabic.startswith("مجلد النموذج الأساسي") and not english_words(arabic)


def test_conversations_without_answers_are_refused(tmp_path: Path, tiny_model_dir: Path) -> None:
    from atlas_desktop.core.training.engine import TrainingError, train_child
    from atlas_desktop.core.training.recipe import parse_recipe

    data = tmp_path / "no-answers.jsonl"
    data.write_text(json.dumps({"messages": [{"role": "user", "content": "مرحبا"}]}) + "\n", encoding="utf-8")
    recipe = parse_recipe(tiny_recipe()).to_dict()
    config = {"run_id": "x", "run_dir": str(tmp_path / "run"), "model_path": str(tiny_model_dir), "train_path": str(data),
              "holdout_path": str(data), "recipe": recipe}
    with pytest.raises(TrainingError, match="no assistant answers"):
        train_child(config, lambda p: None, CancelToken())


def test_cli_train_json_events_and_recipe_check(training_ws, tmp_path: Path) -> None:  # noqa: ANN001
    env = dict(os.environ)
    recipe = tmp_path / "r.yaml"
    recipe.write_text(tiny_recipe(steps=3, save=100), encoding="utf-8")
    seed = tmp_path / "seed.yaml"
    seed.write_text(SEED_RECIPE, encoding="utf-8")
    chk = subprocess.run([sys.executable, "-m", "atlas_desktop.cli", "recipe", "check", str(seed)], capture_output=True, text=True, env=env, timeout=60)
    assert chk.returncode == 2 and "learning_rate" in chk.stderr and "Traceback" not in chk.stderr
    ok = subprocess.run([sys.executable, "-m", "atlas_desktop.cli", "recipe", "check", str(recipe)], capture_output=True, text=True, env=env, timeout=60)
    assert ok.returncode == 0, ok.stderr
    out = subprocess.run([sys.executable, "-m", "atlas_desktop.cli", "train", "--project", training_ws.demo_project, "--recipe", str(recipe),
                          "--json-events"], capture_output=True, text=True, env=env, timeout=240)
    assert out.returncode == 0, out.stderr[-2000:]
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert events[0]["event"] == "started" and events[-1]["event"] == "finished"
    run_id = events[0]["run_id"]
    assert all(e["run_id"] == run_id for e in events)
    assert events[-1]["model_version"] == "tiny-lora-v1" and events[-1]["step"] == 3
    assert {"step", "eval"} <= {e["event"] for e in events}


@pytest.fixture
def umask_022():  # noqa: ANN201
    from tests.helpers.permissions import usual_umask

    with usual_umask():
        yield


def test_a_run_and_its_model_version_are_their_owner_s_alone(umask_022, training_ws) -> None:  # noqa: ANN001
    from tests.helpers.permissions import open_to_others

    done, _ = _run(training_ws, tiny_recipe(steps=2, save=2))
    assert done.status == "finished", done.message
    [mv] = list_model_versions(training_ws, training_ws.demo_project)
    assert (mv.adapter_path / "adapter_config.json").is_file() and (done.run_dir / "train.log").is_file()
    assert open_to_others(training_ws.paths.home) == []  # the model store, the run folder, its checkpoints, log and adapter


@SQLITE_ONLY
def test_a_killed_cli_is_resumable_at_once_and_finishes_like_an_uninterrupted_run(training_ws, tmp_path: Path) -> None:  # noqa: ANN001
    """`atlas train` killed with its whole process group after the step-4 checkpoint: its training
    child notices at once (its stdin closes) and stops without writing; `--resume` right away
    takes the run over and ends at the planned step with the uninterrupted run's adapter."""
    import time

    text = tiny_recipe(steps=8, save=4)
    straight, _ = _run(training_ws, text)
    recipe = tmp_path / "r.yaml"
    recipe.write_text(text, encoding="utf-8")
    env = {**os.environ, "ATLAS_DIAG_STEP_DELAY": "0.4"}
    cli = subprocess.Popen([sys.executable, "-m", "atlas_desktop.cli", "train", "--project", training_ws.demo_project, "--recipe", str(recipe),
                            "--json-events"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, start_new_session=True)
    run_id = None
    for line in cli.stdout:
        ev = json.loads(line)
        run_id = run_id or ev["run_id"]
        if ev["event"] == "checkpoint" and ev["step"] == 4:
            os.killpg(cli.pid, signal.SIGKILL)
            break
    cli.wait(10)
    child_pid = int((get_run(training_ws, run_id).run_dir / "child.pid").read_text())
    started = time.monotonic()
    resumed = subprocess.run([sys.executable, "-m", "atlas_desktop.cli", "train", "--resume", run_id, "--json-events"],
                             capture_output=True, text=True, timeout=240)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    events = [json.loads(x) for x in resumed.stdout.splitlines()]
    assert events[-1]["event"] == "finished" and events[-1]["step"] == 8
    assert [e["step"] for e in events if e["event"] == "step"] == [5, 6, 7, 8]
    assert time.monotonic() - started < 200
    with pytest.raises(ProcessLookupError):
        os.kill(child_pid, 0)  # the orphan is gone
    a, b = _adapter_weights(straight.run_dir / "adapter"), _adapter_weights(get_run(training_ws, run_id).run_dir / "adapter")
    for k in a:
        assert float((a[k] - b[k]).abs().max()) < 1e-5, k


def test_a_running_run_is_refused_plainly_and_two_resumes_have_one_winner(training_ws) -> None:  # noqa: ANN001
    """One supervisor holds a run; a second resume is told, in one sentence, that it runs."""
    from atlas_desktop.core.errors import ValidationError
    from atlas_desktop.core.training.runner import _claim

    run = create_run(training_ws, training_ws.demo_project, check_recipe_text(training_ws, tiny_recipe(steps=2, save=1)))
    assert _claim(training_ws, run.run_id, resume=False).status == "running"
    with pytest.raises(ValidationError, match="is still running"):
        _claim(training_ws, run.run_id, resume=True)  # this very process holds it, and it is alive
    with pytest.raises(ValidationError, match="already been started"):
        _claim(training_ws, run.run_id, resume=False)


def test_run_messages_are_stored_as_codes_and_old_english_ones_still_read(training_ws) -> None:  # noqa: ANN001
    from atlas_desktop.core.messages import Msg, dumps
    from atlas_desktop.core.training.runner import _set_status, refresh_stale_runs

    run = create_run(training_ws, training_ws.demo_project, check_recipe_text(training_ws, tiny_recipe(steps=2, save=1)))
    _set_status(training_ws, run.run_id, status="running", pid=2**22 + 12345)  # its process is gone (power cut)
    assert refresh_stale_runs(training_ws) == 1
    interrupted = get_run(training_ws, run.run_id).message
    assert interrupted == Msg("run.interrupted") and render(interrupted, "ar") == "توقفت عملية التدريب على نحو غير متوقع؛ استأنفها من آخر نقطة حفظ."
    _set_status(training_ws, run.run_id, status="paused", message=dumps(Msg("run.paused_at", step=3)))
    assert render(get_run(training_ws, run.run_id).message, "ar") == "أُوقف التشغيل مؤقتاً عند الخطوة ٣؛ استأنفه لتكمله."
    _set_status(training_ws, run.run_id, message="Paused at step 3; resume it to go on.")  # written by an earlier version
    assert get_run(training_ws, run.run_id).message == "Paused at step 3; resume it to go on."
    out = subprocess.run([sys.executable, "-m", "atlas_desktop.cli", "runs", "list", "--json"], capture_output=True, text=True, timeout=60)
    [listed] = json.loads(out.stdout)
    assert listed["message"] == "Paused at step 3; resume it to go on." and listed["message_code"] is None
    _set_status(training_ws, run.run_id, message=dumps(Msg("run.paused_at", step=3)))
    out = subprocess.run([sys.executable, "-m", "atlas_desktop.cli", "runs", "list", "--json"], capture_output=True, text=True, timeout=60)
    [listed] = json.loads(out.stdout)
    assert listed["message"] == "Paused at step 3; resume it to go on." and listed["message_code"]["code"] == "run.paused_at"
    out = subprocess.run([sys.executable, "-m", "atlas_desktop.cli", "--lang", "ar", "runs", "list"], capture_output=True, text=True, timeout=60)
    assert "أُوقف التشغيل مؤقتاً عند الخطوة ٣" in out.stdout


def test_a_pause_is_reported_as_paused_not_cancelled() -> None:
    from types import SimpleNamespace

    from atlas_desktop.cli import _outcome_event

    assert _outcome_event(SimpleNamespace(status="paused", step=3, message="", model_version=None)) == {"event": "paused", "step": 3}
    assert _outcome_event(SimpleNamespace(status="cancelled", step=3, message="", model_version=None))["event"] == "cancelled"


def test_early_stopping_reports_the_whole_holdout(training_ws) -> None:  # noqa: ANN001
    """A run stopped early (no better holdout loss) measures the whole holdout, like a run that
    reaches its last step, and that is the model version's figure, not the 16-row curve point."""
    text = tiny_recipe(steps=12, save=100, early_stopping_patience=1, override_learning_rate_check="true")
    text = text.replace("learning_rate: 5e-3", "learning_rate: 1e-9")  # nothing improves: stop at the second evaluation (step 8)
    done, events = _run(training_ws, text)
    assert done.status == "finished" and done.step == 8, done.message
    final = [e for e in events if e["event"] == "final_eval"]
    assert len(final) == 1 and final[0]["rows"] > 16
    [mv] = list_model_versions(training_ws, training_ws.demo_project)
    assert mv.metrics["eval_loss"] == pytest.approx(final[0]["eval_loss"]) and mv.metrics["stopped_early"]["code"] == "train.early_stop"
    [note] = [e for e in events if e["event"] == "log" and (e.get("message") or {}).get("code") == "train.early_stop"]  # English and the code
    assert note["line"].startswith("early stopping") and render(note["message"], "ar").startswith("إيقاف مبكر")
    assert mv.metrics["curve_eval_loss"] != pytest.approx(final[0]["eval_loss"])


@SQLITE_ONLY
def test_two_processes_agree_on_the_micro_batch_when_one_must_halve(training_ws, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Process 1 cannot fit 2 rows, process 0 can: both plan 1 row x 2 accumulation, or DDP would hang."""
    monkeypatch.setenv("ATLAS_DIAG_OOM_ABOVE_ROWS", "1")
    monkeypatch.setenv("ATLAS_DIAG_OOM_RANK", "1")
    done, events = _run(training_ws, tiny_recipe(steps=2, save=100), devices=2)
    assert done.status == "finished", done.message
    prepared = next(e for e in events if e["event"] == "prepared")
    assert (prepared["micro_batch"], prepared["accumulation"], prepared["world"]) == (1, 2, 2)
    assert "fullest" in prepared["batch_choice"]


@SQLITE_ONLY
def test_two_processes_train_on_different_rows_and_equal_one_process_with_the_same_batch(training_ws) -> None:  # noqa: ANN001
    from atlas_desktop.core.training.engine import Plan, schedule_index

    no_dropout = "lora:\n  dropout: 0.0\n"  # dropout draws differ between one process and two; the arithmetic must not
    two, _ = _run(training_ws, tiny_recipe(steps=4, save=100).replace("lora:\n", no_dropout), devices=2)  # 2 rows per process, 2 processes
    one, _ = _run(training_ws, tiny_recipe(steps=4, save=100, gradient_accumulation=2).replace("lora:\n", no_dropout))  # 2 rows, twice
    assert two.status == one.status == "finished"
    p = Plan(rows=[], batches=[[i] for i in range(40)], micro_batch=2, accumulation=1, steps_per_epoch=20, total_steps=4, world=2)
    assert all(schedule_index(p, s, 0, 0, 42) != schedule_index(p, s, 0, 1, 42) for s in range(4))  # each process its own rows
    a, b = _adapter_weights(two.run_dir / "adapter"), _adapter_weights(one.run_dir / "adapter")
    for k in a:
        assert float((a[k] - b[k]).abs().max()) < 1e-4 * max(1.0, float(b[k].abs().max())), k


def test_a_recipe_asking_for_another_holdout_share_says_so_and_a_resplit_makes_a_new_version(training_ws, tmp_path: Path) -> None:  # noqa: ANN001
    from atlas_desktop.core.data.pipeline import list_versions

    recipe = tmp_path / "r.yaml"
    recipe.write_text(tiny_recipe(steps=2, save=100) + "validation:\n  holdout_ratio: 0.25\n  metrics: [format, task_success]\n", encoding="utf-8")
    cli = [sys.executable, "-m", "atlas_desktop.cli"]
    out = subprocess.run([*cli, "recipe", "check", str(recipe), "--project", training_ws.demo_project], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr  # a warning, not an error
    warning = next(line for line in out.stdout.splitlines() if line.startswith("warning:"))
    assert "holdout of 0.15" in warning and "0.25" in warning and "atlas data resplit" in warning
    done = subprocess.run([*cli, "data", "resplit", "--project", training_ws.demo_project, "--dataset", "1", "--holdout", "0.25", "--json"],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    v1, v2 = list_versions(training_ws, training_ws.demo_project)
    assert got["dataset_version"] == 2 and v2.settings["resplit_of"] == 1 and v2.sources == v1.sources
    assert v2.stats["kept"] == v1.stats["kept"] and abs(v2.stats["holdout"] / v2.stats["kept"] - 0.25) < 0.04
    again = subprocess.run([*cli, "recipe", "check", str(recipe), "--project", training_ws.demo_project], capture_output=True, text=True, timeout=120)
    assert "warning" not in again.stdout  # the newest version now matches
    run = create_run(training_ws, training_ws.demo_project, check_recipe_text(training_ws, recipe.read_text()))
    assert run.recipe["validation"]["metrics"] == ["format", "task_success"]  # carried for the evaluation to compute


def test_two_users_import_and_train_in_one_project_at_once(training_ws, tmp_path: Path) -> None:  # noqa: ANN001
    """Two people, two processes, one project, the same moment: nothing lost, numbers unique, the trail intact
    (on PostgreSQL, a team's set-up, and on SQLite)."""
    from atlas_desktop.core.data.pipeline import list_versions
    from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS

    cli = [sys.executable, "-m", "atlas_desktop.cli"]
    project = training_ws.demo_project

    def both(*args: str) -> list[subprocess.CompletedProcess]:
        procs = [subprocess.Popen([*cli, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "ATLAS_USER": user}) for user in ("alice", "bob")]
        outs = [p.communicate(timeout=300) for p in procs]
        return [subprocess.CompletedProcess(p.args, p.returncode, o, e) for p, (o, e) in zip(procs, outs)]

    for done in both("data", "import", str(SAMPLE_CONVERSATIONS), "--project", project, "--json"):
        assert done.returncode == 0, done.stderr[-1500:]
    assert [v.number for v in list_versions(training_ws, project)] == [1, 2, 3]
    recipe = tmp_path / "r.yaml"
    recipe.write_text(tiny_recipe(steps=2, save=100), encoding="utf-8")
    for done in both("train", "--project", project, "--recipe", str(recipe), "--json-events"):
        assert done.returncode == 0, done.stderr[-1500:]
    names = sorted(mv.name for mv in list_model_versions(training_ws, project))
    assert names == ["tiny-lora-v1", "tiny-lora-v2"]
    verified = subprocess.run([*cli, "audit", "verify", "--json"], capture_output=True, text=True, timeout=120)
    assert verified.returncode == 0 and json.loads(verified.stdout)["ok"], verified.stdout
    with training_ws.unit_of_work() as s:
        actors = {e.actor for e in audit.recent(s, 50) if e.action in ("dataset.imported", "model.version_registered")}
    assert {"alice", "bob"} <= actors
